using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenAeo.Platform.Audit;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Portal;

/// <summary>Issue 13 item 3: <c>POST /api/v1/public/readiness</c> — answers in, result out, for anyone, nothing stored.</summary>
public sealed class The_readiness_api
{
    private static object Request(int employees, params (string Criterion, string Answer)[] answers) => new
    {
        programme = "TW",
        roles = new[] { "Exporter", "Manufacturer" },
        employees,
        sector = "Machine tools",
        answers = answers.Select(a => new { criterion = a.Criterion, answer = a.Answer }).ToArray(),
    };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Gives_an_sme_its_track_gaps_with_evidence_and_alternatives_time_and_next_step(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var response = await anyone.PostAsJsonAsync("/api/v1/public/readiness", Request(40,
            ("COMP-1", "YesWithDocuments"), ("FIN-1", "YesNotWritten"), ("CARGO-1", "No"), ("PREM-1", "YesNotWritten"), ("PREM-2", "Contractor"), ("CARGO-2", "Contractor")));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();

        result.GetProperty("track").GetString().ShouldBe("Sme");
        result.GetProperty("smeClass").GetString().ShouldBe("Sme");
        result.GetProperty("eligible").GetBoolean().ShouldBeTrue();
        var criteria = result.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        result.GetProperty("total").GetInt32().ShouldBe(criteria.Count);
        result.GetProperty("met").GetInt32().ShouldBe(3);

        criteria["COMP-1"].GetProperty("outcome").GetString().ShouldBe("Met");
        criteria["PREM-1"].GetProperty("outcome").GetString().ShouldBe("MetOnSmeTrack");
        criteria["PREM-2"].GetProperty("outcome").GetString().ShouldBe("Met");

        var solvency = criteria["FIN-1"];
        solvency.GetProperty("gap").GetString().ShouldBe("EvidenceMissing");
        solvency.GetProperty("evidence").GetString()!.ShouldContain("financial statements");
        solvency.GetProperty("outcomeBasedAlternative").ValueKind.ShouldBe(JsonValueKind.Null);

        var cargo = criteria["CARGO-1"];
        cargo.GetProperty("gap").GetString().ShouldBe("ControlMissing");
        cargo.GetProperty("question").GetString().ShouldBe("Is your cargo protected from packing until it leaves your hands (checks, seals, records)?");
        cargo.GetProperty("outcomeBasedAlternative").GetString()!.ShouldStartWith("Describe the checks you will do");
        cargo.GetProperty("group").GetString().ShouldBe("Cargo security");

        criteria["CARGO-2"].GetProperty("gap").GetString().ShouldBe("OutsourcingNotAllowed");
        criteria["IMPR-1"].GetProperty("gap").GetString().ShouldBe("Unanswered");

        result.GetProperty("expectedTime").GetProperty("slaBusinessDays").GetInt32().ShouldBe(60);
        result.GetProperty("expectedTime").GetProperty("observedDecisions").GetInt32().ShouldBe(0);
        result.GetProperty("nextStep").GetString().ShouldBe("Prepare");
        result.GetProperty("answers").GetString().ShouldBe("CARGO-1:n,CARGO-2:c,COMP-1:y,FIN-1:w,PREM-1:w,PREM-2:c");
        result.GetProperty("resumeLink").GetString().ShouldBe(
            "/readiness/TW?roles=Exporter%2CManufacturer&employees=40&sector=Machine%20tools&a=CARGO-1%3An%2CCARGO-2%3Ac%2CCOMP-1%3Ay%2CFIN-1%3Aw%2CPREM-1%3Aw%2CPREM-2%3Ac");

        // Nothing was stored: no operator, no audit entry.
        (await app.WithDb(async db => await db.Operators().CountAsync() + await db.AuditEntries().CountAsync(e => e.Action.StartsWith("readiness")))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Puts_a_large_company_on_the_standard_track_where_an_unwritten_control_is_a_gap(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var result = await (await app.Anonymous().PostAsJsonAsync("/api/v1/public/readiness", Request(400, ("PREM-1", "YesNotWritten"), ("COMM-1", "YesNotWritten"))))
            .Content.ReadFromJsonAsync<JsonElement>();

        result.GetProperty("track").GetString().ShouldBe("Standard");
        result.GetProperty("smeClass").GetString().ShouldBe("Large");
        result.GetProperty("expectedTime").GetProperty("slaBusinessDays").GetInt32().ShouldBe(90);
        var criteria = result.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        criteria["PREM-1"].GetProperty("gap").GetString().ShouldBe("EvidenceMissing");
        criteria["PREM-1"].GetProperty("outcomeBasedAlternative").ValueKind.ShouldBe(JsonValueKind.Null);
        criteria["COMM-1"].GetProperty("outcome").GetString().ShouldBe("Met");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Refuses_unknown_roles_answers_criteria_and_programmes_by_field(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var anyone = app.Anonymous();

        var bad = await anyone.PostAsJsonAsync("/api/v1/public/readiness", new { programme = "TW", roles = new[] { "Smuggler" }, answers = new[] { new { criterion = "CARGO-1", answer = "Maybe" } } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("'Smuggler' is not an operator role");
        problem.GetProperty("errors").GetProperty("answers")[0].GetString()!.ShouldContain("'Maybe' is not an answer");

        var unknown = await anyone.PostAsJsonAsync("/api/v1/public/readiness", Request(10, ("NOPE-1", "No")));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("do not include NOPE-1");

        var noRoles = await anyone.PostAsJsonAsync("/api/v1/public/readiness", new { programme = "TW" });
        (await noRoles.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("at least one operator role");

        var missing = await anyone.PostAsJsonAsync("/api/v1/public/readiness", new { programme = "XX", roles = new[] { "Importer" } });
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Answers_in_the_callers_language(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var spanish = app.Anonymous();
        spanish.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var result = await (await spanish.PostAsJsonAsync("/api/v1/public/readiness", Request(40, ("CARGO-1", "No")))).Content.ReadFromJsonAsync<JsonElement>();
        var cargo = result.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "CARGO-1");
        cargo.GetProperty("question").GetString().ShouldBe("¿Está su carga protegida desde el embalaje hasta que sale de sus manos (controles, precintos, registros)?");
        cargo.GetProperty("group").GetString().ShouldBe("Seguridad de la carga");
        cargo.GetProperty("gap").GetString().ShouldBe("ControlMissing");
    }
}
