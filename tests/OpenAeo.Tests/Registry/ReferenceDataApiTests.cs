using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public class Reference_data_through_the_api
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_economies_are_the_21_APEC_members_with_their_APEC_names(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);

        var economies = await app.Anonymous().Get<EconomyResponse[]>("/api/v1/economies");

        var apec = economies!.Where(e => e.ApecMember).ToList();
        apec.Count.ShouldBe(21);
        apec.Single(e => e.Code == "TW").Name.ShouldBe("Chinese Taipei");
        apec.Single(e => e.Code == "HK").Name.ShouldBe("Hong Kong, China");
        economies!.Single(e => e.Code == "PACIFICALLIANCE").Members.ShouldBe(["CL", "CO", "MX", "PE"]);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filtering_programmes_by_economy_finds_CTPAT_for_the_United_States(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);

        var programmes = await app.Anonymous().Get<ProgrammeSummary[]>("/api/v1/programmes?economy=us");

        var ctpat = programmes.ShouldHaveSingleItem();
        ctpat.ShortName.ShouldBe("CTPAT");
        ctpat.Name.ShouldBe("Customs Trade Partnership Against Terrorism");
        ctpat.AeoCountIdbStudy.ShouldBe(11579);
        ctpat.Validity.ShouldBe("Indefinite");
    }

    [Fact]
    public async Task All_programmes_carry_validity_SLA_and_SME_definitions_from_the_reference_data()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var programmes = (await app.Anonymous().Get<ProgrammeSummary[]>("/api/v1/programmes")).ToDictionary(p => p.Economy!);

        programmes.Count.ShouldBe(21);
        programmes["MX"].ValidityYears.ShouldBe(2);
        programmes["SG"].ValidityYears.ShouldBe(3);
        programmes["TW"].ValidityYears.ShouldBeNull();
        programmes["NZ"].SmeDefinition!.EmployeeCap.ShouldBe(20);
        programmes["CN"].Tiers.Count.ShouldBe(2);
        programmes["PG"].Status.ShouldBe("InDevelopment");
        programmes["JP"].Sla.StandardDays.ShouldBe(90);
    }

    [Fact]
    public async Task A_programme_page_in_the_api_lists_its_published_counts_with_their_source()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var taipei = await app.Anonymous().Get<ProgrammeResponse>("/api/v1/programmes/TW");

        var statistics = taipei.Statistics.ToList();
        statistics.ShouldContain(s => s.Metric == "Customs brokers" && s.Count == 157 && s.AsOf == new DateOnly(2020, 7, 12));
        statistics.ShouldAllBe(s => s.Source.Length > 0);
    }

    [Fact]
    public async Task An_unknown_programme_is_a_404_problem()
    {
        await using var app = OpenAeoApp.OnSqlite();

        var response = await app.Anonymous().GetAsync("/api/v1/programmes/ZZ");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Read<Problem>();
        problem.Status.ShouldBe(404);
        problem.Detail!.ShouldContain("ZZ");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reloading_reference_data_keeps_a_programme_office_edit_and_adds_nothing_twice(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        var edit = await officer.PutAsJsonAsync(
            "/api/v1/programmes/TW",
            new
            {
                validityYears = 5,
                slaSmeExpeditedDays = 45,
                annualHolidays = new[] { "01-01", "10-10" },
                reason = "new regulation",
            }
        );
        edit.StatusCode.ShouldBe(HttpStatusCode.OK);

        var (exit, _, _) = await app.Cli("db", "migrate");

        exit.ShouldBe(0);
        var taipei = await app.Anonymous().Get<ProgrammeResponse>("/api/v1/programmes/TW");
        taipei.Programme.ValidityYears.ShouldBe(5);
        taipei.Programme.Sla.SmeExpeditedDays.ShouldBe(45);
        taipei.Calendar.AnnualHolidays.ShouldBe(["01-01", "10-10"]);
        (await app.Anonymous().Get<ProgrammeSummary[]>("/api/v1/programmes"))!.Length.ShouldBe(21);
        (await app.Anonymous().Get<EconomyResponse[]>("/api/v1/economies"))!.Length.ShouldBe(ReferenceData.Economies().Count);
    }

    [Fact]
    public async Task A_programme_edit_that_breaks_a_rule_is_rejected_with_the_field_named()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PutAsJsonAsync(
            "/api/v1/programmes/TW",
            new { slaStandardDays = 0, annualHolidays = new[] { "02-30" } }
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Read<Problem>()).For("annualHolidays").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Only_reference_data_editors_may_change_a_programme_or_add_a_bloc()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var border = await app.ClientAs(Role.BorderOfficer);
        var admin = await app.ClientAs(Role.Admin);

        (await border.PutAsJsonAsync("/api/v1/programmes/TW", new { validityYears = 5 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Anonymous().PostAsJsonAsync("/api/v1/economies", new { code = "XX", name = "X" })).StatusCode.ShouldBe(
            HttpStatusCode.Unauthorized
        );

        var mercosurAndAlliance = await admin.PostAsJsonAsync(
            "/api/v1/economies",
            new
            {
                code = "ANDEAN",
                name = "Andean Community",
                kind = "Bloc",
                members = new[] { "PE", "CO" },
                reason = "plurilateral MRA",
            }
        );
        mercosurAndAlliance.StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await admin.PostAsJsonAsync(
            "/api/v1/economies",
            new
            {
                code = "ANDEAN",
                name = "Andean Community",
                kind = "Bloc",
                members = new[] { "PE", "CO" },
            }
        );
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknownMember = await admin.PostAsJsonAsync(
            "/api/v1/economies",
            new
            {
                code = "NEWBLOC",
                name = "New bloc",
                kind = "Bloc",
                members = new[] { "PE", "ZZ" },
            }
        );
        unknownMember.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
