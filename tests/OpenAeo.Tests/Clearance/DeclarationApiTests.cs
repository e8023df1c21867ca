using OpenAeo.Clearance;
using OpenAeo.Domain.Clearance;

namespace OpenAeo.Tests.Clearance;

public class Lodging_a_declaration
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_with_its_lane_and_explanation_and_keeps_its_milestones(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);

        var aeo = await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter, value: 60_000, reference: "TW-A-1"));
        var other = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, value: 60_000, reference: "TW-B-1"));

        aeo.Id.ShouldNotBe(Guid.Empty);
        // Unknown consignor 15 + high-value electronics 30, less the AEO importer's 40: a score of 5, below Yellow (40).
        aeo.Lane.ShouldBe("Green");
        aeo.Explanation.Score.ShouldBe(5);
        aeo.Explanation.Credits.ShouldContain(c => c.Kind == CreditKind.LocalAeo && c.Tin == Border.AeoImporter && c.Points == 40);
        aeo.Explanation.Random.As<RandomDraw>().Rate.ShouldBe(0.02);
        aeo.PrincipalStatus.ShouldBe("LocalAeo");
        var rules = other.Explanation.Rules.Select(r => r.RuleId).ToList();
        rules.ShouldContain("UNKNOWN-IMPORTER");
        rules.ShouldContain("HIGH-VALUE-ELECTRONICS");
        other.Explanation.Score!.Value.ShouldBeGreaterThan(aeo.Explanation.Score!.Value);

        var stored = await border.Officer.Get<DeclarationResponse>($"/api/v1/declarations/{other.Id}");
        // Importer not an AEO 20 + unknown consignor 15 + high-value electronics 30: a score of 65, Yellow (40 to 69).
        other.Explanation.Score.ShouldBe(65);
        other.Lane.ShouldBe("Yellow");
        stored.Lane.ShouldBe(other.Lane);
        stored.Events!.Select(e => e.Milestone).Take(3).ShouldBe(["Lodged", "Registered", "LaneAssigned"]);
        stored.LodgedOn.ShouldBe(new DateOnly(2026, 3, 2));

        // The lodging answers from the decision it just made, the look-up from the stored explanation: the same words.
        var lodgedJson = await (
            await border.Officer.PostAsJsonAsync("/api/v1/declarations", Border.Declaration(Border.OtherImporter, reference: "TW-C-1"))
        ).Content.ReadAsStringAsync();
        var lodged = System.Text.Json.JsonDocument.Parse(lodgedJson).RootElement;
        var again = await border.Officer.GetStringAsync($"/api/v1/declarations/{lodged.GetProperty("id").GetString()}");
        System
            .Text.Json.JsonDocument.Parse(again)
            .RootElement.GetProperty("explanation")
            .GetRawText()
            .ShouldBe(lodged.GetProperty("explanation").GetRawText());
    }

    [Fact]
    public async Task A_trader_lodges_only_for_its_company_sees_only_its_declarations_and_never_the_rules()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);

        var forbidden = await border.OtherTrader.PostAsJsonAsync("/api/v1/declarations", Border.Declaration(Border.AeoImporter));
        var own = await Border.Lodge(border.OtherTrader, Border.Declaration(Border.OtherImporter, value: 80_000, origin: "CN"));
        var theirs = await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter));

        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        own.Explanation.Rules.ShouldBeEmpty();
        own.Explanation.Score.ShouldBeNull();
        var summary = string.Join("\n", own.Explanation.Summary);
        summary.ShouldNotContain("UNKNOWN-IMPORTER");
        summary.ShouldNotContain("Importer not an AEO");
        var officerView = await border.Officer.Get<DeclarationResponse>($"/api/v1/declarations/{own.Id}");
        officerView.Explanation.Rules.ShouldNotBeEmpty();
        (await border.OtherTrader.GetAsync($"/api/v1/declarations/{theirs.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await border.OtherTrader.Get<DeclarationPage>("/api/v1/declarations");
        list.Total.ShouldBe(1);
        list.Items.Single().Id.ShouldBe(own.Id);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/declarations", Border.Declaration(Border.OtherImporter))).StatusCode.ShouldBe(
            HttpStatusCode.Unauthorized
        );
        (
            await border.OtherTrader.PostAsJsonAsync($"/api/v1/declarations/{own.Id}/actions", new { action = "Release" })
        ).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_gets_problem_details_by_field_and_a_reference_is_used_once()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        var bad = JsonSerializer.SerializeToElement(Border.Declaration(Border.OtherImporter)).Deserialize<Dictionary<string, object?>>()!;
        bad["mode"] = "Rail";
        bad["officeTimeZone"] = "Asia/Atlantis";

        var response = await border.Officer.PostAsJsonAsync("/api/v1/declarations", bad);
        var problem = await response.Read<Problem>();
        await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: "DUP-1"));
        var again = await border.Officer.PostAsJsonAsync(
            "/api/v1/declarations",
            Border.Declaration(Border.OtherImporter, reference: "DUP-1")
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.For("mode")[0].ShouldContain("Rail");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await border.Officer.Get<DeclarationPage>("/api/v1/declarations")).Total.ShouldBe(1);
    }
}

public class Working_the_border_queue
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Checks_follow_the_lane_and_release_comes_last(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var border = await Border.Open(app);

        // Cosmetics from a non-AEO: the FDA's documentary check makes it at least Yellow.
        var d = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, hs: "33049900", reference: "Q-1"));
        var id = d.Id;
        // Importer not an AEO 20 + unknown consignor 15 + cosmetics 20: a score of 55, Yellow (40 to 69); no draw, no agency inspection.
        d.Lane.ShouldBe("Yellow");
        d.Explanation.Score.ShouldBe(55);
        d.Status.ShouldBe("AwaitingDocumentaryCheck");

        var early = await border.Officer.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Release" });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await border.Act(id, "StartDocumentaryCheck");
        var noNote = await border.Officer.PostAsJsonAsync(
            $"/api/v1/declarations/{id}/actions",
            new { action = "EndDocumentaryCheck", result = "Discrepancy" }
        );
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await border.Act(id, "EndDocumentaryCheck", "Compliant");
        (
            await border.Officer.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "StartExamination" })
        ).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var released = await border.Act(id, "Release");
        released.Status.ShouldBe("Released");
        released.ReleasedAt.ShouldBe(app.Clock.GetUtcNow());
        var delivered = await border.AeoTrader.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Deliver" });
        delivered.StatusCode.ShouldBe(HttpStatusCode.NotFound); // not its declaration
        (await border.OtherTrader.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Deliver" })).StatusCode.ShouldBe(
            HttpStatusCode.OK
        );
        var audit = await app.WithDb(db =>
            Task.FromResult(
                db.Set<OpenAeo.Platform.Audit.AuditEntry>().Where(a => a.Subject == "declaration:Q-1").Select(a => a.Action).ToList()
            )
        );
        audit.ShouldBe([
            "declaration.lodged",
            "declaration.documentary-check-started",
            "declaration.documentary-check-ended",
            "declaration.released",
            "declaration.delivered",
        ]);
    }

    [Fact]
    public async Task A_permit_travels_with_the_declaration_and_the_agency_decides_it()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);

        // Medicines for an AEO: the FDA wants a permit but recognises the AEO's standards (no documentary check).
        var d = await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter, hs: "30049000", reference: "P-1"));
        var id = d.Id;
        var fda = d.AgencyCases!.Single();
        fda.Agency.ShouldBe("FDA");
        fda.PermitStatus.ShouldBe("Requested");
        fda.DocumentaryCheckWaived.ShouldBeTrue();
        d.ReleasedAt.ShouldBeNull();

        var queue = await border.Agency.GetItemsAsync<AgencyQueueItem>("/api/v1/agency-cases?agency=FDA");
        queue.ShouldContain(q => q.Reference == "P-1" && q.PermitStatus == "Requested" && q.Lane == "Green");
        (await border.Officer.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        var quarantine = await app.ClientAs(OpenAeo.Domain.Registry.Role.OgaOfficer, agency: "QUARANTINE");
        (await quarantine.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(
            HttpStatusCode.Forbidden
        );
        (await quarantine.GetItemsAsync<AgencyQueueItem>("/api/v1/agency-cases?agency=FDA")).ShouldNotContain(q => q.Reference == "P-1");

        // The agency reads the declarations it has a case on, without customs' rule internals, and no others.
        var laptops = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: "NO-FDA"));
        var asFda = await border.Agency.Get<DeclarationResponse>($"/api/v1/declarations/{id}");
        asFda.Explanation.Rules.ShouldBeEmpty();
        asFda.Explanation.Score.ShouldBeNull();
        (await border.Agency.GetAsync($"/api/v1/declarations/{laptops.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await quarantine.GetAsync($"/api/v1/declarations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await border.Agency.GetItemsAsync<DeclarationSummary>("/api/v1/declarations")).Select(d => d.Reference).ShouldBe(["P-1"]);
        var refuseWithoutReason = await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Refuse" });
        refuseWithoutReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var granted = await (
            await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant", note = "licence L-77" })
        ).Read<DeclarationResponse>(200);

        granted.AgencyCases![0].PermitStatus.ShouldBe("Granted");
        var milestones = granted.Events!.Select(e => (e.Milestone, e.Agency)).ToList();
        milestones.ShouldContain(("OgaPermitRequested", "FDA"));
        milestones.ShouldContain(("OgaPermitGranted", "FDA"));
        // Unknown consignor 15 + medicines 20, less the AEO importer's 40: Green, so the only grant it waited for releases it.
        d.Lane.ShouldBe("Green");
        d.Status.ShouldBe("AwaitingPermit");
        granted.Status.ShouldBe("Released");
        milestones[^1].ShouldBe(("Released", (string?)null));

        (await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(
            HttpStatusCode.Conflict
        );
        var agencies = await app.Anonymous().GetItemsAsync<AgencyResponse>("/api/v1/agencies");
        agencies.Single(a => a.Code == "FDA").Benefits.Count.ShouldBe(2);
    }
}

public class Editing_and_simulating_rules
{
    [Fact]
    public async Task A_new_version_ends_the_previous_one_nothing_is_backdated_and_a_simulation_compares_shares()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);
        for (var i = 0; i < 30; i++)
        {
            await Border.Lodge(
                border.Officer,
                Border.Declaration(i % 2 == 0 ? Border.AeoImporter : Border.OtherImporter, value: 1_000 + i, reference: $"S-{i}")
            );
        }

        var rule = new
        {
            id = "LOW-VALUE",
            name = "Everything under 10,000",
            conditions = new { maxValue = 10_000 },
            score = 100,
            effectiveFrom = "2026-03-10",
            reason = "pilot",
        };
        var v1 = await (await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", rule)).Read<RuleResponse>();
        var v2 = await (
            await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", rule with { score = 60, effectiveFrom = "2026-04-01" })
        ).Read<RuleResponse>();
        var backdated = await border.Officer.PostAsJsonAsync(
            "/api/v1/clearance/rules",
            new
            {
                rule.id,
                rule.name,
                rule.conditions,
                score = 60,
                effectiveFrom = "2026-03-01",
            }
        );
        var asTrader = await border.OtherTrader.PostAsJsonAsync("/api/v1/clearance/rules", rule);

        v1.Version.ShouldBe(1);
        v2.Version.ShouldBe(2);
        backdated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        asTrader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var versions = (await border.Officer.GetItemsAsync<RuleResponse>("/api/v1/clearance/rules"))
            .Where(r => r.Id == "LOW-VALUE")
            .ToList();
        versions[0].EffectiveUntil.ShouldBe(new DateOnly(2026, 4, 1));
        versions[1].EffectiveUntil.ShouldBeNull();

        var simulation = await (
            await border.Officer.PostAsJsonAsync(
                "/api/v1/clearance/simulations",
                new
                {
                    from = "2026-03-01",
                    to = "2026-03-02",
                    rules = new[]
                    {
                        new
                        {
                            id = "ALL-RED",
                            name = "Everything red",
                            score = 0,
                            forceLane = "Red",
                        },
                    },
                }
            )
        ).Read<SimulationResult>(200);
        simulation.Declarations.ShouldBe(30);
        var all = simulation.Groups.Single(g => g.Group == "All");
        all.Proposed.Red.ShouldBe(1.0);
        all.Current.Red.ShouldBeLessThan(1.0);
        simulation.LanesChanged.ShouldBe((int)Math.Round(30 * (1 - all.Current.Red)));
        var aeo = simulation.Groups.Single(g => g.Group == "AEO importers");
        aeo.Current.Count.ShouldBe(15);
    }
}
