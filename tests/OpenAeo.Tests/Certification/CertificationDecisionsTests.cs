using OpenAeo.Certification;
using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Certification;

/// <summary>Improvement plans and blocking findings, the right to be heard, and four eyes, through the API (ADR 0032).</summary>
public class Certification_decisions
{
    /// <summary>Drives an application to Validated with one finding of the given rating for Cargo security; returns it and the
    /// visit.</summary>
    private static async Task<(int Id, int Visit)> ValidatedWith(Applicant applicant, string rating, string track = "Standard")
    {
        var id = await applicant.UnderReview(track);
        var planned = await applicant.ByOfficer($"/api/v1/applications/{id}/visits", new { mode = "Remote" });
        var visit = planned.Visits[0].Id;
        await applicant.ByOfficer(
            $"/api/v1/applications/{id}/visits/{visit}/report",
            VisitReport.CargoSecurity(rating, "No seal log at the gate.", "Remote review.")
        );
        return (id, visit);
    }

    private static Task<HttpResponseMessage> SetRules(Applicant applicant, object rules) =>
        applicant.Officer.PutAsJsonAsync("/api/v1/programmes/TW", rules);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_NotMet_finding_blocks_the_grant_until_the_officer_accepts_the_traders_improvement_plan(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW21");
        var (id, visit) = await ValidatedWith(applicant, "NotMet");

        var blocked = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await blocked.Read<Problem>();
        problem.Type.ShouldBe("urn:openaeo:problem:application.blocked");
        problem.Detail!.ShouldContain("Cargo security (NotMet)");
        (await applicant.Get(id)).BlockingFindings.ShouldBe(["Cargo security (NotMet)"]);

        var missing = await applicant.Trader.PostAsJsonAsync(
            $"/api/v1/applications/{id}/improvement-actions",
            new
            {
                source = "Finding",
                key = "Cargo security",
                visitId = visit,
                what = "",
                who = "",
                dueOn = (DateOnly?)null,
            }
        );
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var byOfficer = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/improvement-actions",
            new
            {
                source = "Finding",
                key = "Cargo security",
                visitId = visit,
                what = "Seal log",
                who = "Gate supervisor",
                dueOn = new DateOnly(2026, 5, 1),
            }
        );
        byOfficer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var filed = await applicant.ByTrader(
            $"/api/v1/applications/{id}/improvement-actions",
            new
            {
                source = "Finding",
                key = "cargo security",
                visitId = visit,
                what = "Log every seal number at the gate",
                who = "Gate supervisor",
                dueOn = new DateOnly(2026, 5, 1),
            }
        );
        var action = filed.ImprovementActions[0];
        action.Status.ShouldBe("Filed");
        action.Key.ShouldBe("Cargo security");
        var actionId = action.Id;
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict,
            "a filed plan no officer accepted resolves nothing"
        );

        (
            await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance", new { })
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var accepted = await applicant.ByOfficer($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance");
        accepted.BlockingFindings.Count.ShouldBe(0);
        accepted.ImprovementActions[0].Status.ShouldBe("Accepted");

        var granted = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/grant",
            new { text = "Granted with the seal log plan accepted." }
        );
        granted.State.ShouldBe("Granted");

        // Follow-up after the grant: the trader completes the action with evidence and customs reopens, then accepts it.
        var completed = await applicant.ByTrader(
            $"/api/v1/applications/{id}/improvement-actions/{actionId}/completion",
            new { text = "Seal log in use since 10 March." }
        );
        completed.ImprovementActions[0].Status.ShouldBe("Completed");
        var noReason = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/improvement-actions/{actionId}/reopening",
            new { reason = " " }
        );
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var reopened = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/improvement-actions/{actionId}/reopening",
            new { reason = "Week 11 is missing from the log." }
        );
        reopened.ImprovementActions[0].ReopenReason.ShouldBe("Week 11 is missing from the log.");
        await applicant.ByTrader($"/api/v1/applications/{id}/improvement-actions/{actionId}/completion", new { text = "Week 11 added." });
        (await applicant.ByOfficer($"/api/v1/applications/{id}/improvement-actions/{actionId}/acceptance"))
            .ImprovementActions[0]
            .Status.ShouldBe("Closed");
        var trail = await app.WithDb(db =>
            db.AuditEntries().AsNoTracking().Where(a => a.Action.StartsWith("improvement.")).Select(a => a.Action).ToListAsync()
        );
        trail.ShouldBe(
            [
                "improvement.filed",
                "improvement.accepted",
                "improvement.completed",
                "improvement.reopened",
                "improvement.completed",
                "improvement.accepted",
            ],
            ignoreOrder: true
        );
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
        (await set.Read<ProgrammeResponse>()).FindingsPolicy.ShouldBe("ConditionalGrant");
        var (id, _) = await ValidatedWith(applicant, "NotMet");

        var without = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { });
        without.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await without.Content.ReadAsStringAsync()).ShouldContain("followUpBy");
        var granted = await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { followUpBy = new DateOnly(2026, 9, 1) });
        var certificate = await applicant.Trader.Get<CertificateResponse>($"/api/v1/certificates/{granted.Decision.CertificateId}");
        certificate.FollowUpBy.ShouldBe(new DateOnly(2026, 9, 1));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_rejection_waits_for_the_end_of_the_response_period_counted_in_Taipei_days(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW23");
        var id = await applicant.UnderReview();
        var reasons = new[] { "SECURITY" };

        var unheard = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/applications/{id}/rejection",
            new { reasons, text = "Seal control missing." }
        );
        unheard.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await unheard.Content.ReadAsStringAsync()).ShouldContain("notice of intent");

        // 20:00 UTC on 2 March is 04:00 on 3 March in Taipei: the notice is of 3 March and the period ends on 2 April.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 20, 0, 0, TimeSpan.Zero));
        var noticed = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/notice-of-intent",
            new { reasons, text = "Seal control is missing at the gate." }
        );
        noticed.State.ShouldBe("IntentToReject");
        var notice = noticed.Notice.ShouldNotBeNull();
        notice.IssuedOn.ShouldBe(new DateOnly(2026, 3, 3));
        notice.RespondBy.ShouldBe(new DateOnly(2026, 4, 2));
        noticed.Clock.Running.ShouldBeFalse();

        // 15:59 UTC on 2 April is 23:59 in Taipei: still the last day to respond.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 15, 59, 0, TimeSpan.Zero));
        (
            await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/rejection", new { text = "Seal control missing." })
        ).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.Zero));
        var late = await applicant.Trader.PostAsJsonAsync(
            $"/api/v1/applications/{id}/notice-of-intent/response",
            new { text = "Sorry, late." }
        );
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var rejected = await applicant.ByOfficer($"/api/v1/applications/{id}/rejection", new { text = "Seal control missing." });

        rejected.State.ShouldBe("Rejected");
        rejected.Decision.RejectionCodes.ShouldBe(["SECURITY"], "the notice's reasons when none are given");
        rejected.Decision.Text!.ShouldContain("No response to the notice of intent of 2026-03-03 was received by 2026-04-02.");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_applicants_response_with_documents_is_recorded_and_the_rejection_refers_to_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW24");
        var other = await Applicant.Register(app, "TW25", officer: applicant.Officer);
        var id = await applicant.UnderReview();
        var foreignId = (await other.Start()).Id;
        var foreignDocument = (await (await other.Upload(foreignId, null, "x.txt", "x\n"u8.ToArray())).Read<DocumentResponse>(201)).Id;
        var locked = await applicant.Upload(id, null, "early.txt", "x\n"u8.ToArray());
        locked.StatusCode.ShouldBe(HttpStatusCode.Conflict, "under review the file is customs'");
        await applicant.ByOfficer(
            $"/api/v1/applications/{id}/notice-of-intent",
            new { reasons = new[] { "SECURITY", "RECORDS" }, text = "Seals and records." }
        );
        var uploaded = await applicant.Upload(id, null, "cctv-order.txt", "CCTV ordered\n"u8.ToArray());
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, "a response to a notice may bring documents");
        var document = (await uploaded.Read<DocumentResponse>(201)).Id;

        (
            await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/notice-of-intent/response", new { text = "x" })
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var foreign = await applicant.Trader.PostAsJsonAsync(
            $"/api/v1/applications/{id}/notice-of-intent/response",
            new { text = "See attached.", documentIds = new[] { foreignDocument } }
        );
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var responded = await applicant.ByTrader(
            $"/api/v1/applications/{id}/notice-of-intent/response",
            new { text = "CCTV is ordered; see the order.", documentIds = new[] { document } }
        );
        responded.Notice!.Response.ShouldBe("CCTV is ordered; see the order.");
        responded.Notice!.ResponseDocuments.ShouldBe([document]);
        responded.Notice!.Heard.ShouldBeTrue();

        var rejected = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/rejection",
            new { reasons = new[] { "SECURITY" }, text = "An order is not an installed camera." }
        );
        rejected.Decision.Text!.ShouldContain(
            "The response to the notice of intent of 2026-03-02, received on 2026-03-02, was considered."
        );
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_withdrawn_notice_returns_the_application_where_it_was(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var applicant = await Applicant.Register(app, "TW26");
        var id = await applicant.Validated();
        await applicant.ByOfficer($"/api/v1/applications/{id}/notice-of-intent", new { reasons = new[] { "RECORDS" }, text = "Records." });

        var back = await applicant.ByOfficer(
            $"/api/v1/applications/{id}/notice-of-intent/withdrawal",
            new { reason = "The response showed reconciled records." }
        );

        back.State.ShouldBe("Validated");
        back.Notice.ShouldBeNull();
        (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).State.ShouldBe("Granted");
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
        prepared.State.ShouldBe("Validated");
        prepared.PendingDecision!.PreparedBy.ShouldBe("preparer");
        prepared.AllowedActions.ShouldNotContain("ApproveDecision");
        var self = await preparer.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { });
        self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await self.Read<Problem>();
        problem.Type.ShouldBe("urn:openaeo:problem:application.four-eyes");
        problem.Detail!.ShouldContain("prepared by preparer");
        (await applicant.Trader.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );

        var approved = await approver.PostAsJsonAsync($"/api/v1/applications/{id}/decision/approval", new { });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var granted = await approved.Read<ApplicationResponse>();
        granted.State.ShouldBe("Granted");
        granted.Decision.Text.ShouldBe("Meets every criterion.");
        (granted.DecisionPreparedBy, granted.DecisionApprovedBy).ShouldBe(("preparer", "approver"));
        var trail = await app.SingleAudit("certificate.granted");
        trail.Actor.ShouldBe("approver");
        trail.Details.ShouldNotBeNull().ShouldContain("\"preparedBy\":\"preparer\"");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_revocation_needs_a_heard_notice_and_under_four_eyes_a_second_officers_approval_while_suspension_stays_immediate(
        string provider
    )
    {
        await using var app = await OpenAeoApp.On(provider);
        var approver = await app.ClientAs(Role.Admin, name: "approver");
        var applicant = await Applicant.Register(app, "TW28");
        var id = await applicant.Validated();
        var certificate = (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { })).Decision.CertificateId;
        (await SetRules(applicant, new { fourEyes = true, hearingDays = 14 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        (
            await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Fraud." })
        ).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var suspended = await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificate}/suspension",
            new { reason = "Investigation.", effectiveFrom = "2026-03-02" }
        );
        suspended.Status.ShouldBe("Suspended");
        var noticed = await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificate}/notice-of-intent",
            new { reason = "False origin declarations." }
        );
        noticed.RevocationNotice!.RespondBy.ShouldBe(new DateOnly(2026, 3, 16));
        (
            await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation", new { reason = "Fraud." })
        ).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (
            await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/notice-of-intent/response", new { text = "x" })
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await applicant.ByTrader<CertificateResponse>(
            $"/api/v1/certificates/{certificate}/notice-of-intent/response",
            new { text = "The declarations were corrected voluntarily." }
        );

        var prepared = await applicant.ByOfficer<CertificateResponse>(
            $"/api/v1/certificates/{certificate}/revocation",
            new { reason = "False origin declarations confirmed." }
        );
        prepared.Status.ShouldBe("Suspended");
        (await applicant.Officer.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation/approval", new { })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
        var approved = await approver.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revocation/approval", new { });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var revoked = await approved.Read<CertificateResponse>();
        revoked.Status.ShouldBe("Revoked");
        revoked.StatusReason.ShouldBe("False origin declarations confirmed.");
        revoked.RevocationNotice!.Response.ShouldBe("The declarations were corrected voluntarily.");
        var trail = await app.SingleAudit("certificate.revoked");
        trail.Actor.ShouldBe("approver");
        trail.Details.ShouldNotBeNull().ShouldContain("\"approvedBy\":\"approver\"");
    }
}
