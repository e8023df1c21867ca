using OpenAeo.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Certification;

/// <summary>ADR 0040: a revoked holder is not reassessed, so the revocation closes the open reassessment with it.</summary>
public sealed class A_revocation_closes_the_open_reassessment
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_approved_revocation_closes_the_reassessment_its_suspension_opened_on_Taipeis_day_and_audits_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var approver = await app.ClientAs(Role.Admin, name: "approver");
        var applicant = await Applicant.Register(app, "TW31");
        var id = (await applicant.ByOfficer($"/api/v1/applications/{await applicant.Validated()}/grant", new { })).Decision.CertificateId;
        var route = $"/api/v1/certificates/{id}";
        (await applicant.Officer.PutAsJsonAsync("/api/v1/programmes/TW", new { fourEyes = true, hearingDays = 14 })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );

        await applicant.ByOfficer<CertificateResponse>(
            $"{route}/suspension",
            new { reason = "Investigation.", effectiveFrom = "2026-03-02" }
        );
        var open = (await applicant.Officer.Get<MonitoringResponse>($"{route}/monitoring")).OpenReassessment.ShouldNotBeNull();
        await applicant.ByOfficer<CertificateResponse>($"{route}/notice-of-intent", new { reason = "False origin declarations." });
        await applicant.ByTrader<CertificateResponse>(
            $"{route}/notice-of-intent/response",
            new { text = "The declarations were corrected voluntarily." }
        );

        // 20:30 UTC on 9 March is already 10 March in Taipei: the reassessment closes on the programme's day.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 9, 20, 30, 0, TimeSpan.Zero));
        await applicant.ByOfficer<CertificateResponse>($"{route}/revocation", new { reason = "False origin declarations confirmed." });
        (await applicant.Officer.Get<MonitoringResponse>($"{route}/monitoring")).OpenReassessment.ShouldNotBeNull(
            "preparing a revocation under four eyes revokes nothing yet"
        );
        (await approver.PostAsJsonAsync($"{route}/revocation/approval", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await applicant.Officer.Get<MonitoringResponse>($"{route}/monitoring");
        after.Status.ShouldBe("Revoked");
        after.OpenReassessment.ShouldBeNull();
        var closed = after.Reassessments.Single(r => r.Id == open.Id);
        (closed.Outcome, closed.DecidedOn, closed.DecidedBy, closed.Overdue).ShouldBe(
            ("CertificateRevoked", new DateOnly(2026, 3, 10), "approver", false)
        );
        closed.OutcomeReason.ShouldNotBeNull().ShouldContain("revoked on 2026-03-10");

        var trail = await app.SingleAudit("reassessment.closed");
        trail.Actor.ShouldBe("approver");
        trail.Details.ShouldNotBeNull().ShouldContain($"\"id\":{open.Id}");
        (
            await applicant.Officer.PostAsJsonAsync(
                $"{route}/reassessments/{open.Id}/outcome",
                new { outcome = "Confirmed", reason = "late" }
            )
        ).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }
}
