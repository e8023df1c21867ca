using OpenAeo.Certification;
using OpenAeo.Clearance;
using OpenAeo.Domain.Registry;
using OpenAeo.Platform.Web;

namespace OpenAeo.Tests.Certification;

/// <summary>Issue 14 item 10 through the API: an agency adds its criteria to the pack, signs off its part, and the grant waits for it (ADR
/// 0042).</summary>
public class Agencies_take_part_in_certification
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_agency_adds_its_criteria_signs_off_its_part_and_the_grant_waits_for_it(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        await app.WithDb(db => ClearanceDemoSeeder.SeedReferenceAsync(db, app.Clock.GetUtcNow(), CancellationToken.None));
        var fda = await app.ClientAs(Role.OgaOfficer, agency: "FDA");
        var quarantine = await app.ClientAs(Role.OgaOfficer, agency: "QUARANTINE");
        var packs = await fda.Get<CriteriaPackResponse[]>("/api/v1/criteria-packs");
        var standard = packs.Single(p => p.Key == "wco-safe-standard").Id;
        var criteria = new
        {
            programme = "TW",
            questions = new[]
            {
                new
                {
                    code = "FDA-COLD-1",
                    group = "Food safety",
                    text = "Show your cold chain temperature records.",
                    evidenceRequired = true,
                    outcomeBasedAllowed = false,
                    outsourcingAllowed = false,
                },
            },
            reason = "Food exporters",
        };

        (await quarantine.PutAsJsonAsync($"/api/v1/criteria-packs/{standard}/agency-criteria/FDA", criteria)).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden,
            "an agency edits only its own criteria"
        );
        var added = await fda.PutAsJsonAsync($"/api/v1/criteria-packs/{standard}/agency-criteria/FDA", criteria);
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var pack = await added.Read<CriteriaPackResponse>();
        pack.Key.ShouldBe("TW:wco-safe-standard");
        var questions = pack.Questions.ToList();
        questions.Single(q => q.Code == "FDA-COLD-1").Agency.ShouldBe("FDA");
        questions.Count(q => q.Agency is null).ShouldBeGreaterThan(10, "customs' criteria stay in the pack");

        // The programme office edits the pack as a whole but cannot rewrite the agency's criterion.
        var applicant = await Applicant.Register(app, "TW71", roles: ["Exporter"]);
        var softened = questions.Select(q => q.Code == "FDA-COLD-1" ? q with { Text = "Any records will do." } : q).ToList();
        var edited = await applicant.Officer.PostAsJsonAsync(
            $"/api/v1/criteria-packs/{pack.Id}/versions",
            new { questions = softened, reason = "simpler" },
            Api.Json
        );
        edited.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await edited.Content.ReadAsStringAsync()).ShouldContain("FDA-COLD-1");

        // The applicant answers the agency's criterion like the others; the grant waits for the agency.
        var id = await applicant.Validated();
        (await applicant.Questions(id)).ShouldContain(q => q.Code == "FDA-COLD-1");
        var waiting = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { text = "Meets every criterion." });
        waiting.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await waiting.Content.ReadAsStringAsync()).ShouldContain("waiting for the sign-off of FDA");

        var queue = (await fda.Get<Page<AgencySignOffQueueItem>>("/api/v1/agency-sign-offs")).Items.ToArray();
        queue.ShouldContain(i => i.ApplicationId == id && i.Standing == "Waiting" && i.Agency == "FDA");
        (await quarantine.Get<Page<AgencySignOffQueueItem>>("/api/v1/agency-sign-offs"))
            .Items.ToArray()
            .ShouldNotContain(i => i.ApplicationId == id);
        (await quarantine.GetAsync("/api/v1/agency-sign-offs?agency=FDA")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Signing: only the agency's officers, every criterion judged, a criterion not met says why.
        var notMet = ColdChainSignOff(met: false, "No temperature log for March.");
        (await quarantine.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", notMet)).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await fda.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", ColdChainSignOff(met: false, ""))).StatusCode.ShouldBe(
            HttpStatusCode.BadRequest
        );
        (
            await fda.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", new { findings = Array.Empty<object>() })
        ).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var signed = await fda.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", notMet);
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        (await signed.Read<AgencyPartResponse>()).Standing.ShouldBe("NotMet");

        // A criterion not met blocks the grant as a NotMet finding does (the programme's default policy blocks).
        var blocked = await applicant.Officer.PostAsJsonAsync($"/api/v1/applications/{id}/grant", new { text = "Meets every criterion." });
        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await blocked.Content.ReadAsStringAsync()).ShouldContain("FDA: FDA-COLD-1 (NotMet)");

        (
            await fda.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", ColdChainSignOff(met: true, null))
        ).StatusCode.ShouldBe(HttpStatusCode.OK);
        var parts = await applicant.Trader.Get<AgencyPartResponse[]>($"/api/v1/applications/{id}/agency-sign-offs");
        parts.ShouldHaveSingleItem().Standing.ShouldBe("Met");
        (await applicant.ByOfficer($"/api/v1/applications/{id}/grant", new { text = "Meets every criterion." })).State.ShouldBe("Granted");
        (await fda.PutAsJsonAsync($"/api/v1/applications/{id}/agency-sign-offs/FDA", notMet)).StatusCode.ShouldBe(
            HttpStatusCode.Conflict,
            "a decided application is not signed again"
        );

        var audit = await app.WithDb(db =>
            db.AuditEntries().Where(e => e.Action == "application.agency-signed-off").Select(e => e.Actor).ToListAsync()
        );
        audit.Count.ShouldBe(2);
    }

    /// <summary>An FDA sign-off judging its one criterion, the cold chain; a criterion not met says why.</summary>
    private static object ColdChainSignOff(bool met, string? reason) =>
        new
        {
            findings = new[]
            {
                new
                {
                    questionCode = "FDA-COLD-1",
                    met,
                    reason,
                },
            },
        };
}
