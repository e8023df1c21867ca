using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Registry;

public class Reference_data_through_the_api
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_economies_are_the_21_APEC_members_with_their_APEC_names(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);

        var economies = await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/economies");

        var apec = economies!.Where(e => e.GetProperty("apecMember").GetBoolean()).ToList();
        apec.Count.ShouldBe(21);
        apec.Single(e => e.GetProperty("code").GetString() == "TW").GetProperty("name").GetString().ShouldBe("Chinese Taipei");
        apec.Single(e => e.GetProperty("code").GetString() == "HK").GetProperty("name").GetString().ShouldBe("Hong Kong, China");
        economies!.Single(e => e.GetProperty("code").GetString() == "PACIFICALLIANCE").GetProperty("members").EnumerateArray()
            .Select(m => m.GetString()).ShouldBe(["CL", "CO", "MX", "PE"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filtering_programmes_by_economy_finds_CTPAT_for_the_United_States(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);

        var programmes = await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/programmes?economy=us");

        var ctpat = programmes.ShouldHaveSingleItem();
        ctpat.GetProperty("shortName").GetString().ShouldBe("CTPAT");
        ctpat.GetProperty("name").GetString().ShouldBe("Customs Trade Partnership Against Terrorism");
        ctpat.GetProperty("aeoCountIdbStudy").GetInt32().ShouldBe(11579);
        ctpat.GetProperty("validity").GetString().ShouldBe("Indefinite");
    }

    [Fact]
    public async Task All_programmes_carry_validity_SLA_and_SME_definitions_from_the_reference_data()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var programmes = (await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/programmes"))!
            .ToDictionary(p => p.GetProperty("economy").GetString()!);

        programmes.Count.ShouldBe(21);
        programmes["MX"].GetProperty("validityYears").GetInt32().ShouldBe(2);
        programmes["SG"].GetProperty("validityYears").GetInt32().ShouldBe(3);
        programmes["TW"].GetProperty("validityYears").ValueKind.ShouldBe(JsonValueKind.Null);
        programmes["NZ"].GetProperty("smeDefinition").GetProperty("employeeCap").GetInt32().ShouldBe(20);
        programmes["CN"].GetProperty("tiers").GetArrayLength().ShouldBe(2);
        programmes["PG"].GetProperty("status").GetString().ShouldBe("InDevelopment");
        programmes["JP"].GetProperty("sla").GetProperty("standardDays").GetInt32().ShouldBe(90);
    }

    [Fact]
    public async Task A_programme_page_in_the_api_lists_its_published_counts_with_their_source()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var taipei = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/programmes/TW");

        var statistics = taipei.GetProperty("statistics").EnumerateArray().ToList();
        statistics.ShouldContain(s => s.GetProperty("metric").GetString() == "Customs brokers" && s.GetProperty("count").GetInt32() == 157
            && s.GetProperty("asOf").GetString() == "2020-07-12");
        statistics.ShouldAllBe(s => s.GetProperty("source").GetString()!.Length > 0);
    }

    [Fact]
    public async Task An_unknown_programme_is_a_404_problem()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var response = await app.Anonymous().GetAsync("/api/v1/programmes/ZZ");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("detail").GetString()!.ShouldContain("ZZ");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reloading_reference_data_keeps_a_programme_office_edit_and_adds_nothing_twice(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var edit = await officer.PutAsJsonAsync("/api/v1/programmes/TW", new { validityYears = 5, slaSmeExpeditedDays = 45, annualHolidays = new[] { "01-01", "10-10" }, reason = "new regulation" });
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);

        var (exit, _, _) = await app.Cli("db", "migrate");

        exit.ShouldBe(0);
        var taipei = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/programmes/TW");
        taipei.GetProperty("programme").GetProperty("validityYears").GetInt32().ShouldBe(5);
        taipei.GetProperty("programme").GetProperty("sla").GetProperty("smeExpeditedDays").GetInt32().ShouldBe(45);
        taipei.GetProperty("calendar").GetProperty("annualHolidays").EnumerateArray().Select(h => h.GetString()).ShouldBe(["01-01", "10-10"]);
        (await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/programmes"))!.Length.ShouldBe(21);
        (await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/economies"))!.Length.ShouldBe(ReferenceData.Economies().Count);
    }

    [Fact]
    public async Task A_programme_edit_that_breaks_a_rule_is_rejected_with_the_field_named()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PutAsJsonAsync("/api/v1/programmes/TW", new { slaStandardDays = 0, annualHolidays = new[] { "02-30" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("annualHolidays", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Only_reference_data_editors_may_change_a_programme_or_add_a_bloc()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await app.ClientAs(Role.BorderOfficer);
        var admin = await app.ClientAs(Role.Admin);

        (await border.PutAsJsonAsync("/api/v1/programmes/TW", new { validityYears = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/economies", new { code = "XX", name = "X" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var mercosurAndAlliance = await admin.PostAsJsonAsync("/api/v1/economies",
            new { code = "ANDEAN", name = "Andean Community", kind = "Bloc", members = new[] { "PE", "CO" }, reason = "plurilateral MRA" });
        mercosurAndAlliance.StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await admin.PostAsJsonAsync("/api/v1/economies", new { code = "ANDEAN", name = "Andean Community", kind = "Bloc", members = new[] { "PE", "CO" } });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknownMember = await admin.PostAsJsonAsync("/api/v1/economies", new { code = "NEWBLOC", name = "New bloc", kind = "Bloc", members = new[] { "PE", "ZZ" } });
        unknownMember.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
