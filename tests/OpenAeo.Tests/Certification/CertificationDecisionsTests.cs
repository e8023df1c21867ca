using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Audit;

namespace OpenAeo.Tests.Certification;

/// <summary>Improvement plans and blocking findings, the right to be heard, and four eyes, through the API (ADR 0032).</summary>
public class Certification_decisions
{
    /// <summary>Drives an application to Validated with one finding of the given rating for Cargo security; returns it and the visit.</summary>
    private static async Task<(int Id, int Visit)> ValidatedWith(Applicant applicant, string rating, string track = "Standard")
    {
        var id = await applicant.UnderReview(track);
        var planned = await applicant.ByOfficer($"/api/v1/applications/{id}/visits", new { mode = "Remote" });
        var visit = planned.GetProperty("visits")[0].GetProperty("id").GetInt32();
        await applicant.ByOfficer($"/api/v1/applications/{id}/visits/{visit}/report", new
        {
            findings = new[] { new { group = "Cargo security", rating, note = (string?)"No seal log at the gate." } },
            report = "Remote review.",
        });
        return (id, visit);
    }

    private static Task<HttpResponseMessage> SetRules(Applicant applicant, object rules) => applicant.Officer.PutAsJsonAsync("/api/v1/programmes/TW", rules);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_NotMet_finding_blocks_the_grant_until_the_officer_accepts_the_traders_improvement_plan(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW21");
        var (id, visit) = await ValidatedWith(applicant, "NotMet");

        var blocked = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await blocked.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:openaeo:problem:application.blocked");
        problem.GetProperty("detail").GetString()!.ShouldContain("Cargo security (NotMet)");
        (await applicant.Get(id)).GetProperty("blockingFindings").EnumerateArray().Select(f => f.GetString()).ShouldBe(["Cargo security (NotMet)"]);

        var missing = await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions",
            new { source = "Finding", key = "Cargo security", visitId = visit, what = "", who = "", dueOn = (DateOnly?)null });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var byOfficer = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions",
            new { source = "Finding", key = "Cargo security", visitId = visit, what = "Seal log", who = "Gate supervisor", dueOn = new DateOnly(2026, 5, 1) });
        byOfficer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var filed = await applicant.ByTrader($"/api/v1/applications/{id}/improvement-actions",
            new { source = "Finding", key = "cargo security", visitId = visit, what = "Log every seal number at the gate", who = "Gate supervisor", dueOn = new DateOnly(2026, 5, 1) });
        var action = filed.GetProperty("improvementActions")[0];
        action.GetProperty("status").GetString().ShouldBe("Filed");
        action.GetProperty("key").GetString().ShouldBe("Cargo security");
        var actionId = action.GetProperty("id").GetInt32();
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict, "a filed plan no officer accepted resolves nothing");

        (await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var accepted = await applicant.ByOfficer($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance");
        accepted.GetProperty("blockingFindings").GetArrayLength().ShouldBe(0);
        accepted.GetProperty("improvementActions")[0].GetProperty("status").GetString().ShouldBe("Accepted");

        var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { text = "Granted with the seal log plan accepted." });
        granted.GetProperty("state").GetString().ShouldBe("Granted");

        // Follow-up after the grant: the trader completes the action with evidence and customs reopens, then accepts it.
        var completed = await applicant.ByTrader($"/api/v1/applications/{id}/improvement-actions/{actionId}/completion", new { text = "Seal log in use since 10 March." });
        completed.GetProperty("improvementActions")[0].GetProperty("status").GetString().ShouldBe("Completed");
        var noReason = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions/{actionId}/reopening", new { reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reopened = await applicant.ByOfficer($"/api/v1/applications/{id}/improvement-actions/{actionId}/reopening", new { reason = "Week 11 is missing from the log." });
        reopened.GetProperty("improvementActions")[0].GetProperty("reopenReason").GetString().ShouldBe("Week 11 is missing from the log.");
        await applicant.ByTrader($"/api/v1/applications/{id}/improvement-actions/{actionId}/completion", new { text = "Week 11 added." });
        (await applicant.ByOfficer($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance"))
            .GetProperty("improvementActions")[0].GetProperty("status").GetString().ShouldBe("Closed");
        var trail = await app.WithDb(db => db.AuditEntries().AsNoTracking().Where(a => a.Action.StartsWith("improvement.")).Select(a => a.Action).ToListAsync());
        trail.ShouldBe(["improvement.filed", "improvement.accepted", "improvement.completed", "improvement.reopened", "improvement.completed", "improvement.accepted"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Under_ConditionalGrant_the_grant_names_a_follow_up_date_that_the_certificate_keeps(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW22");
        (await SetRules(applicant, new { findingsPolicy = "Sideways" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await SetRules(applicant, new { hearingDays = 0 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var set = await SetRules(applicant, new { findingsPolicy = "ConditionalGrant", reason = "pilot" });
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("findingsPolicy").GetString().ShouldBe("ConditionalGrant");
        var (id, _) = await ValidatedWith(applicant, "NotMet");

        var without = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        without.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await without.Content.ReadAsStringAsync()).ShouldContain("followUpBy");
        var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { followUpBy = new DateOnly(2026, 9, 1) });
        var certificate = await applicant.Trader.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{granted.GetProperty("decision").GetProperty("certificateId").GetInt32()}");
        certificate.GetProperty("followUpBy").GetString().ShouldBe("2026-09-01");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rejection_waits_for_the_end_of_the_response_period_counted_in_Taipei_days(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW23");
        var id = await applicant.UnderReview();
        var reasons = new[] { "SECURITY" };

        var unheard = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/rejection", new { reasons, text = "Seal control missing." });
        unheard.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await unheard.Content.ReadAsStringAsync()).ShouldContain("notice of intent");

        // 20:00 UTC on 2 March is 04:00 on 3 March in Taipei: the notice is of 3 March and the period ends on 2 April.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        var noticed = await applicant.ByOfficer($"/api/v1/applications/{id}/notice-of-intent", new { reasons, text = "Seal control is missing at the gate." });
        noticed.GetProperty("state").GetString().ShouldBe("IntentToReject");
        var notice = noticed.GetProperty("notice");
        notice.GetProperty("issuedOn").GetString().ShouldBe("2026-03-03");
        notice.GetProperty("respondBy").GetString().ShouldBe("2026-04-02");
        noticed.GetProperty("clock").GetProperty("running").GetBoolean().ShouldBeFalse();

        // 15:59 UTC on 2 April is 23:59 in Taipei: still the last day to respond.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 15, 59, 0, TimeSpan.Zero));
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/rejection", new { text = "Seal control missing." })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.Zero));
        var late = await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "Sorry, late." });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var rejected = await applicant.ByOfficer($"/api/v1/applications/{id}/rejection", new { text = "Seal control missing." });

        rejected.GetProperty("state").GetString().ShouldBe("Rejected");
        rejected.GetProperty("decision").GetProperty("rejectionCodes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["SECURITY"], "the notice's reasons when none are given");
        rejected.GetProperty("decision").GetProperty("text").GetString()!.ShouldContain("No response to the notice of intent of 2026-03-03 was received by 2026-04-02.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_applicants_response_with_documents_is_recorded_and_the_rejection_refers_to_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW24");
        var other = await Applicant.Register(app, "TW25", officer: applicant.Officer);
        var id = await applicant.UnderReview();
        var foreignId = (await other.Start()).GetProperty("id").GetInt32();
        var foreignDocument = (await (await other.Upload(foreignId, null, "x.txt", "x\n"u8.ToArray())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var locked = await applicant.Upload(id, null, "early.txt", "x\n"u8.ToArray());
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict, "under review the file is customs'");
        await applicant.ByOfficer($"/api/v1/applications/{id}/notice-of-intent", new { reasons = new[] { "SECURITY", "RECORDS" }, text = "Seals and records." });
        var uploaded = await applicant.Upload(id, null, "cctv-order.txt", "CCTV ordered\n"u8.ToArray());
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, "a response to a notice may bring documents");
        var document = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        (await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var foreign = await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "See attached.", documentIds = new[] { foreignDocument } });
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var responded = await applicant.ByTrader($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "CCTV is ordered; see the order.", documentIds = new[] { document } });
        responded.GetProperty("notice").GetProperty("response").GetString().ShouldBe("CCTV is ordered; see the order.");
        responded.GetProperty("notice").GetProperty("responseDocuments").EnumerateArray().Select(d => d.GetInt32()).ShouldBe([document]);
        responded.GetProperty("notice").GetProperty("heard").GetBoolean().ShouldBeTrue();

        var rejected = await applicant.ByOfficer($"/api/v1/applications/{id}/rejection", new { reasons = new[] { "SECURITY" }, text = "An order is not an installed camera." });
        rejected.GetProperty("decision").GetProperty("text").GetString()!.ShouldContain("The response to the notice of intent of 2026-03-02, received on 2026-03-02, was considered.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_withdrawn_notice_returns_the_application_where_it_was(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW26");
        var id = await applicant.Validated();
        await applicant.ByOfficer($"/api/v1/applications/{id}/notice-of-intent", new { reasons = new[] { "RECORDS" }, text = "Records." });

        var back = await applicant.ByOfficer($"/api/v1/applications/{id}/notice-of-intent/withdrawal", new { reason = "The response showed reconciled records." });

        back.GetProperty("state").GetString().ShouldBe("Validated");
        back.GetProperty("notice").ValueKind.ShouldBe(JsonValueKind.Null);
        (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).GetProperty("state").GetString().ShouldBe("Granted");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Under_four_eyes_a_second_officer_approves_the_grant_and_the_trail_names_both(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var preparer = await app.ClientAs(Role.ProgrammeOfficer, name: "preparer");
        var approver = await app.ClientAs(Role.ProgrammeOfficer, name: "approver");
        var applicant = await Applicant.Register(app, "TW27", officer: preparer);
        (await SetRules(applicant, new { fourEyes = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await applicant.Validated();

        var prepared = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { text = "Meets every criterion." });
        prepared.GetProperty("state").GetString().ShouldBe("Validated");
        prepared.GetProperty("pendingDecision").GetProperty("preparedBy").GetString().ShouldBe("preparer");
        prepared.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).ShouldNotContain("ApproveDecision");
        var self = await preparer.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { });
        self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await self.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().ShouldBe("urn:openaeo:problem:application.four-eyes");
        problem.GetProperty("detail").GetString()!.ShouldContain("prepared by preparer");
        (await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var approved = await approver.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var granted = await approved.Content.ReadFromJsonAsync<JsonElement>();
        granted.GetProperty("state").GetString().ShouldBe("Granted");
        granted.GetProperty("decision").GetProperty("text").GetString().ShouldBe("Meets every criterion.");
        (granted.GetProperty("decisionPreparedBy").GetString(), granted.GetProperty("decisionApprovedBy").GetString()).ShouldBe(("preparer", "approver"));
        var trail = await app.WithDb(db => db.AuditEntries().AsNoTracking().Where(a => a.Action == "certificate.granted").Select(a => new { a.Actor, a.Details }).SingleAsync());
        trail.Actor.ShouldBe("approver");
        trail.Details.ShouldNotBeNull().ShouldContain("\"preparedBy\":\"preparer\"");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_revocation_needs_a_heard_notice_and_under_four_eyes_a_second_officers_approval_while_suspension_stays_immediate(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var approver = await app.ClientAs(Role.Admin, name: "approver");
        var applicant = await Applicant.Register(app, "TW28");
        var id = await applicant.Validated();
        var certificate = (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).GetProperty("decision").GetProperty("certificateId").GetInt32();
        (await SetRules(applicant, new { fourEyes = true, hearingDays = 14 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Fraud." })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var suspended = await applicant.ByOfficer($"/api/v1/certificates/{certificate}/suspension", new { reason = "Investigation.", effectiveFrom = "2026-03-02" });
        suspended.GetProperty("status").GetString().ShouldBe("Suspended");
        var noticed = await applicant.ByOfficer($"/api/v1/certificates/{certificate}/notice-of-intent", new { reason = "False origin declarations." });
        noticed.GetProperty("revocationNotice").GetProperty("respondBy").GetString().ShouldBe("2026-03-16");
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Fraud." })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/notice-of-intent/response", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await applicant.ByTrader($"/api/v1/certificates/{certificate}/notice-of-intent/response", new { text = "The declarations were corrected voluntarily." });

        var prepared = await applicant.ByOfficer($"/api/v1/certificates/{certificate}/revocation", new { reason = "False origin declarations confirmed." });
        prepared.GetProperty("status").GetString().ShouldBe("Suspended");
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation/approval", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var approved = await approver.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation/approval", new { });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var revoked = await approved.Content.ReadFromJsonAsync<JsonElement>();
        revoked.GetProperty("status").GetString().ShouldBe("Revoked");
        revoked.GetProperty("statusReason").GetString().ShouldBe("False origin declarations confirmed.");
        revoked.GetProperty("revocationNotice").GetProperty("response").GetString().ShouldBe("The declarations were corrected voluntarily.");
        var trail = await app.WithDb(db => db.AuditEntries().AsNoTracking().Where(a => a.Action == "certificate.revoked").Select(a => new { a.Actor, a.Details }).SingleAsync());
        trail.Actor.ShouldBe("approver");
        trail.Details.ShouldNotBeNull().ShouldContain("\"approvedBy\":\"approver\"");
    }
}
