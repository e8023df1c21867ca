using OpenAeo.Domain.Registry;
using OpenAeo.Registry;

namespace OpenAeo.Tests.Registry;

public class Operators_through_the_api
{
    private static object Formosa(string tin = " tw-1234 5678 ") =>
        new
        {
            tin,
            legalName = "Formosa Precision Tools Co., Ltd.",
            roles = new[] { "Exporter", "manufacturer" },
            employees = 48,
            turnover = 9_500_000m,
            sector = "Machine tools",
            consentToExchange = true,
            reason = "application for AEO",
        };

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registering_normalises_the_TIN_defaults_the_economy_and_classifies_the_SME(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PostAsJsonAsync("/api/v1/operators", Formosa());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/v1/operators/TW12345678");
        var body = await response.Read<OperatorResponse>();
        body.Tin.ShouldBe("TW12345678");
        body.Economy.ShouldBe("TW");
        body.SmeClass.ShouldBe("Sme");
        body.Roles.ShouldBe(["Exporter", "Manufacturer"]);
        var fetched = await officer.Get<OperatorResponse>("/api/v1/operators/tw12345678");
        fetched.LegalName.ShouldBe("Formosa Precision Tools Co., Ltd.");
        fetched.RegisteredAt.ShouldBe(OpenAeoApp.Start);
    }

    [Fact]
    public async Task The_SME_class_follows_the_programme_definition_of_the_operators_economy()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        // 25 employees: an SME under the default cap of 200, but not in New Zealand, where the cap is 20.
        var nz = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "NZ42",
                legalName = "Kiwi",
                roles = new[] { "Exporter" },
                employees = 25,
            }
        );
        var tw = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW42",
                legalName = "Formosa",
                roles = new[] { "Exporter" },
                employees = 25,
            }
        );

        (await nz.Read<OperatorResponse>()).SmeClass.ShouldBe("Large");
        (await tw.Read<OperatorResponse>()).SmeClass.ShouldBe("Sme");
    }

    [Fact]
    public async Task Invalid_input_is_a_validation_problem_that_names_every_field_and_code()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var badTin = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "12345",
                legalName = "X",
                roles = new[] { "Importer" },
            }
        );
        var badDetails = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "",
                roles = Array.Empty<string>(),
                economy = "JP",
            }
        );
        var outOfRange = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "",
                roles = Array.Empty<string>(),
                employees = -3,
                economy = "JP",
            }
        );
        var badRole = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "X",
                roles = new[] { "Pilot" },
            }
        );

        // The point is the problem's shape, its extension member "codes" included, so it is read as JSON.
        badTin.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badTin.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        // The error codes are an extension member of the problem, read from its JSON.
        var tinProblem = await badTin.Content.ReadFromJsonAsync<JsonElement>();
        tinProblem.GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldContain("tin.prefix");
        (await badTin.Read<Problem>()).For("tin").Length.ShouldBe(1);

        var details = await badDetails.Read<Problem>();
        details.Errors!.Keys.ShouldBe(["legalName", "economy", "roles"], ignoreOrder: true);
        details.For("economy")[0].ShouldContain("issued by TW");

        // A value outside its field's limits is refused before the business rules are applied, on its own.
        var range = await outOfRange.Read<Problem>();
        range.Errors!.Keys.ShouldBe(["employees"]);
        range.For("employees")[0].ShouldBe("Employees is a whole number from 0 to 10,000,000.");
        (await outOfRange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes")[0].GetString().ShouldBe("limit.range");

        (await badRole.Read<Problem>()).For("roles")[0].ShouldContain("'Pilot'");
    }

    [Fact]
    public async Task A_request_that_is_not_json_is_a_400_problem()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PostAsync(
            "/api/v1/operators",
            new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")
        );

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registering_a_TIN_twice_is_a_conflict_and_changes_nothing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa());

        var again = await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW12345678",
                legalName = "Someone else",
                roles = new[] { "Importer" },
            }
        );

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.Get<OperatorResponse>("/api/v1/operators/TW12345678")).LegalName.ShouldBe("Formosa Precision Tools Co., Ltd.");
    }

    [Theory]
    [InlineData(Role.Analyst)]
    [InlineData(Role.BorderOfficer)]
    [InlineData(Role.OgaOfficer)]
    [InlineData(Role.Partner)]
    public async Task Roles_that_do_not_edit_the_registry_cannot_register_operators(Role role)
    {
        await using var app = OpenAeoApp.OnSqlite();
        var client = await app.ClientAs(role);

        var response = await client.PostAsJsonAsync("/api/v1/operators", Formosa());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Without_credentials_or_with_a_wrong_key_the_api_answers_401()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var wrongKey = app.Anonymous();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "oak_not-a-key");

        (await app.Anonymous().GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrongKey.GetAsync("/api/v1/operators")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Anonymous().GetAsync("/api/v1/operators/TW1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trader_sees_only_its_own_operator(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW1"));
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW2"));
        var trader = await app.ClientAs(Role.Trader, "TW1");

        (await trader.GetAsync("/api/v1/operators/TW1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var other = await trader.GetAsync("/api/v1/operators/TW2");
        var missing = await trader.GetAsync("/api/v1/operators/TW3");
        var list = await trader.Get<OperatorPage>("/api/v1/operators");

        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The same answer for "not yours" and "does not exist": the API does not reveal who is registered.
        (await other.Read<Problem>()).Title.ShouldBe((await missing.Read<Problem>()).Title);
        list.Total.ShouldBe(1);
        list.Items[0].Tin.ShouldBe("TW1");
        (await trader.GetAsync("/api/v1/operators/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_trader_keeps_its_size_and_consent_current_but_cannot_change_its_identity(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW1"));
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW2"));
        var trader = await app.ClientAs(Role.Trader, "TW1", name: "formosa-clerk");

        var sizeAndConsent = await trader.PutAsJsonAsync(
            "/api/v1/operators/TW1",
            new
            {
                legalName = "Formosa Precision Tools Co., Ltd.",
                roles = new[] { "Exporter", "Manufacturer" },
                employees = 52,
                consentToExchange = false,
                reason = "hired staff",
            }
        );
        var rename = await trader.PutAsJsonAsync(
            "/api/v1/operators/TW1",
            new { legalName = "Formosa Holdings", roles = new[] { "Exporter", "Manufacturer" } }
        );
        var someoneElse = await trader.PutAsJsonAsync(
            "/api/v1/operators/TW2",
            new { legalName = "Formosa Precision Tools Co., Ltd.", roles = new[] { "Exporter" } }
        );

        sizeAndConsent.StatusCode.ShouldBe(HttpStatusCode.OK);
        var updated = await sizeAndConsent.Read<OperatorResponse>();
        updated.Employees.ShouldBe(52);
        updated.ConsentToExchange.ShouldBeFalse();
        rename.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        someoneElse.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await officer.Get<OperatorResponse>("/api/v1/operators/TW1")).LegalName.ShouldBe("Formosa Precision Tools Co., Ltd.");

        var audit = await app.WithDb(db => db.AuditEntries().Where(a => a.Subject == "operator:TW1").OrderBy(a => a.Id).ToListAsync());
        audit.Select(a => a.Action).ShouldBe(["operator.registered", "operator.updated"]);
        var change = audit[1];
        change.Actor.ShouldBe("formosa-clerk");
        change.Reason.ShouldBe("hired staff");
        change.At.ShouldBe(OpenAeoApp.Start);
        change.Details!.ShouldContain("\"field\":\"employees\"");
        change.Details!.ShouldContain("\"field\":\"consentToExchange\"");
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_no_audit_entry()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW1"));

        var same = await officer.PutAsJsonAsync("/api/v1/operators/TW1", Formosa("TW1"));

        same.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDb(db => db.AuditEntries().CountAsync(a => a.Subject == "operator:TW1"))).ShouldBe(1);
    }

    [Fact]
    public async Task The_TIN_of_an_operator_cannot_be_changed_by_an_update()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);
        await officer.PostAsJsonAsync("/api/v1/operators", Formosa("TW1"));

        var response = await officer.PutAsJsonAsync("/api/v1/operators/TW1", Formosa("TW9"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.GetAsync("/api/v1/operators/TW9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Officers_search_by_name_TIN_economy_and_role_with_paging(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.AccountManager);
        await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW1",
                legalName = "Formosa Tools",
                roles = new[] { "Exporter" },
            }
        );
        await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "TW2",
                legalName = "Taipei Brokers",
                roles = new[] { "CustomsBroker" },
            }
        );
        await officer.PostAsJsonAsync(
            "/api/v1/operators",
            new
            {
                tin = "JP1",
                legalName = "Osaka Tools",
                roles = new[] { "Exporter", "Importer" },
            }
        );
        var analyst = await app.ClientAs(Role.Analyst);

        async Task<string[]> Tins(string query) =>
            [.. (await analyst.Get<OperatorPage>("/api/v1/operators" + query)).Items.Select(i => i.Tin)];

        (await Tins("?q=tools")).ShouldBe(["TW1", "JP1"], ignoreOrder: true);
        (await Tins("?q=tw-2")).ShouldBe(["TW2"]);
        (await Tins("?economy=jp")).ShouldBe(["JP1"]);
        (await Tins("?role=exporter&economy=TW")).ShouldBe(["TW1"]);
        var page2 = await analyst.Get<OperatorPage>("/api/v1/operators?pageSize=2&page=2");
        page2.Total.ShouldBe(3);
        page2.Items.Count.ShouldBe(1);
    }
}
