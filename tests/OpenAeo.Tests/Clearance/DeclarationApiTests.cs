using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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

        aeo.GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);
        // Unknown consignor 15 + high-value electronics 30, less the AEO importer's 40: a score of 5, below Yellow (40).
        aeo.GetProperty("lane").GetString().ShouldBe("Green");
        aeo.GetProperty("explanation").GetProperty("score").GetInt32().ShouldBe(5);
        var credits = aeo.GetProperty("explanation").GetProperty("credits").EnumerateArray().ToList();
        credits.ShouldContain(c => c.GetProperty("kind").GetString() == "LocalAeo" && c.GetProperty("tin").GetString() == Border.AeoImporter && c.GetProperty("points").GetInt32() == 40);
        aeo.GetProperty("explanation").GetProperty("random").GetProperty("rate").GetDouble().ShouldBe(0.02);
        aeo.GetProperty("principalStatus").GetString().ShouldBe("LocalAeo");
        var rules = other.GetProperty("explanation").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        rules.ShouldContain("UNKNOWN-IMPORTER");
        rules.ShouldContain("HIGH-VALUE-ELECTRONICS");
        other.GetProperty("explanation").GetProperty("score").GetInt32().ShouldBeGreaterThan(aeo.GetProperty("explanation").GetProperty("score").GetInt32());

        var stored = await border.Officer.GetFromJsonAsync<JsonElement>($"/api/v1/declarations/{other.GetProperty("id").GetGuid()}");
        stored.GetProperty("lane").GetString().ShouldBe(other.GetProperty("lane").GetString());
        var milestones = stored.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("milestone").GetString()).ToList();
        milestones.Take(3).ShouldBe(["Lodged", "Registered", "LaneAssigned"]);
        stored.GetProperty("lodgedOn").GetString().ShouldBe("2026-03-02");
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
        own.GetProperty("explanation").GetProperty("rules").GetArrayLength().ShouldBe(0);
        own.GetProperty("explanation").GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        var summary = string.Join("\n", own.GetProperty("explanation").GetProperty("summary").EnumerateArray().Select(s => s.GetString()));
        summary.ShouldNotContain("UNKNOWN-IMPORTER");
        summary.ShouldNotContain("Importer not an AEO");
        var officerView = await border.Officer.GetFromJsonAsync<JsonElement>($"/api/v1/declarations/{own.GetProperty("id").GetGuid()}");
        officerView.GetProperty("explanation").GetProperty("rules").GetArrayLength().ShouldBeGreaterThan(0);
        (await border.OtherTrader.GetAsync($"/api/v1/declarations/{theirs.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await border.OtherTrader.GetFromJsonAsync<JsonElement>("/api/v1/declarations");
        list.GetProperty("total").GetInt32().ShouldBe(1);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/declarations", Border.Declaration(Border.OtherImporter))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await border.OtherTrader.PostAsJsonAsync($"/api/v1/declarations/{own.GetProperty("id").GetGuid()}/actions", new { action = "Release" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: "DUP-1"));
        var again = await border.Officer.PostAsJsonAsync("/api/v1/declarations", Border.Declaration(Border.OtherImporter, reference: "DUP-1"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("mode")[0].GetString()!.ShouldContain("Rail");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await border.Officer.GetFromJsonAsync<JsonElement>("/api/v1/declarations")).GetProperty("total").GetInt32().ShouldBe(1);
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
        var id = d.GetProperty("id").GetGuid();
        // Importer not an AEO 20 + unknown consignor 15 + cosmetics 20: a score of 55, Yellow (40 to 69); no draw, no agency inspection.
        d.GetProperty("lane").GetString().ShouldBe("Yellow");
        d.GetProperty("explanation").GetProperty("score").GetInt32().ShouldBe(55);
        d.GetProperty("status").GetString().ShouldBe("AwaitingDocumentaryCheck");

        var early = await border.Officer.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Release" });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await border.Act(id, "StartDocumentaryCheck");
        var noNote = await border.Officer.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "EndDocumentaryCheck", result = "Discrepancy" });
        noNote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await border.Act(id, "EndDocumentaryCheck", "Compliant");
        (await border.Officer.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "StartExamination" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var released = await border.Act(id, "Release");
        released.GetProperty("status").GetString().ShouldBe("Released");
        released.GetProperty("releasedAt").GetDateTimeOffset().ShouldBe(app.Clock.GetUtcNow());
        var delivered = await border.AeoTrader.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Deliver" });
        delivered.StatusCode.ShouldBe(HttpStatusCode.NotFound); // not its declaration
        (await border.OtherTrader.PostAsJsonAsync($"/api/v1/declarations/{id}/actions", new { action = "Deliver" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await app.WithDb(db => Task.FromResult(db.Set<OpenAeo.Platform.Audit.AuditEntry>().Where(a => a.Subject == "declaration:Q-1").Select(a => a.Action).ToList()));
        audit.ShouldBe(["declaration.lodged", "declaration.documentary-check-started", "declaration.documentary-check-ended", "declaration.released", "declaration.delivered"]);
    }

    [Fact]
    public async Task A_permit_travels_with_the_declaration_and_the_agency_decides_it()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await Border.Open(app);

        // Medicines for an AEO: the FDA wants a permit but recognises the AEO's standards (no documentary check).
        var d = await Border.Lodge(border.Officer, Border.Declaration(Border.AeoImporter, hs: "30049000", reference: "P-1"));
        var id = d.GetProperty("id").GetGuid();
        var fda = d.GetProperty("agencyCases").EnumerateArray().Single();
        fda.GetProperty("agency").GetString().ShouldBe("FDA");
        fda.GetProperty("permitStatus").GetString().ShouldBe("Requested");
        fda.GetProperty("documentaryCheckWaived").GetBoolean().ShouldBeTrue();
        d.GetProperty("releasedAt").ValueKind.ShouldBe(JsonValueKind.Null);

        var queue = await border.Agency.GetItemsAsync("/api/v1/agency-cases?agency=FDA");
        queue!.ShouldContain(q => q.GetProperty("reference").GetString() == "P-1");
        (await border.Officer.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var quarantine = await app.ClientAs(OpenAeo.Domain.Registry.Role.OgaOfficer, agency: "QUARANTINE");
        (await quarantine.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await quarantine.GetItemsAsync("/api/v1/agency-cases?agency=FDA"))!.ShouldNotContain(q => q.GetProperty("reference").GetString() == "P-1");

        // The agency reads the declarations it has a case on, without customs' rule internals, and no others.
        var laptops = await Border.Lodge(border.Officer, Border.Declaration(Border.OtherImporter, reference: "NO-FDA"));
        var asFda = await border.Agency.GetFromJsonAsync<JsonElement>($"/api/v1/declarations/{id}");
        asFda.GetProperty("explanation").GetProperty("rules").GetArrayLength().ShouldBe(0);
        asFda.GetProperty("explanation").GetProperty("score").ValueKind.ShouldBe(JsonValueKind.Null);
        (await border.Agency.GetAsync($"/api/v1/declarations/{laptops.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await quarantine.GetAsync($"/api/v1/declarations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await border.Agency.GetFromJsonAsync<JsonElement>("/api/v1/declarations")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("reference").GetString()).ShouldBe(["P-1"]);
        var refuseWithoutReason = await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Refuse" });
        refuseWithoutReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var granted = await (await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant", note = "licence L-77" })).Content.ReadFromJsonAsync<JsonElement>();

        granted.GetProperty("agencyCases")[0].GetProperty("permitStatus").GetString().ShouldBe("Granted");
        var milestones = granted.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("milestone").GetString(), e.GetProperty("agency").GetString())).ToList();
        milestones.ShouldContain(("OgaPermitRequested", "FDA"));
        milestones.ShouldContain(("OgaPermitGranted", "FDA"));
        // Unknown consignor 15 + medicines 20, less the AEO importer's 40: Green, so the only grant it waited for releases it.
        d.GetProperty("lane").GetString().ShouldBe("Green");
        d.GetProperty("status").GetString().ShouldBe("AwaitingPermit");
        granted.GetProperty("status").GetString().ShouldBe("Released");
        milestones[^1].ShouldBe(("Released", (string?)null));

        (await border.Agency.PostAsJsonAsync($"/api/v1/agency-cases/{id}/FDA/permit", new { decision = "Grant" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var agencies = await app.Anonymous().GetItemsAsync("/api/v1/agencies");
        agencies!.Single(a => a.GetProperty("code").GetString() == "FDA").GetProperty("benefits").GetArrayLength().ShouldBe(2);
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
            await Border.Lodge(border.Officer, Border.Declaration(i % 2 == 0 ? Border.AeoImporter : Border.OtherImporter, value: 1_000 + i, reference: $"S-{i}"));
        }

        var rule = new { id = "LOW-VALUE", name = "Everything under 10,000", conditions = new { maxValue = 10_000 }, score = 100, effectiveFrom = "2026-03-10", reason = "pilot" };
        var v1 = await (await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", rule)).Content.ReadFromJsonAsync<JsonElement>();
        var v2 = await (await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", rule with { score = 60, effectiveFrom = "2026-04-01" })).Content.ReadFromJsonAsync<JsonElement>();
        var backdated = await border.Officer.PostAsJsonAsync("/api/v1/clearance/rules", new { rule.id, rule.name, rule.conditions, score = 60, effectiveFrom = "2026-03-01" });
        var asTrader = await border.OtherTrader.PostAsJsonAsync("/api/v1/clearance/rules", rule);

        v1.GetProperty("version").GetInt32().ShouldBe(1);
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        backdated.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        asTrader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var versions = (await border.Officer.GetItemsAsync("/api/v1/clearance/rules"))!.Where(r => r.GetProperty("id").GetString() == "LOW-VALUE").ToList();
        versions[0].GetProperty("effectiveUntil").GetString().ShouldBe("2026-04-01");
        versions[1].GetProperty("effectiveUntil").ValueKind.ShouldBe(JsonValueKind.Null);

        var simulation = await (await border.Officer.PostAsJsonAsync("/api/v1/clearance/simulations",
            new { from = "2026-03-01", to = "2026-03-02", rules = new[] { new { id = "ALL-RED", name = "Everything red", score = 0, forceLane = "Red" } } })).Content.ReadFromJsonAsync<JsonElement>();
        simulation.GetProperty("declarations").GetInt32().ShouldBe(30);
        var all = simulation.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "All");
        all.GetProperty("proposed").GetProperty("red").GetDouble().ShouldBe(1.0);
        all.GetProperty("current").GetProperty("red").GetDouble().ShouldBeLessThan(1.0);
        simulation.GetProperty("lanesChanged").GetInt32().ShouldBe((int)Math.Round(30 * (1 - all.GetProperty("current").GetProperty("red").GetDouble())));
        var aeo = simulation.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "AEO importers");
        aeo.GetProperty("current").GetProperty("count").GetInt32().ShouldBe(15);
    }
}
