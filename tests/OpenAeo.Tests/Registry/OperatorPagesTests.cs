using OpenAeo.Domain.Registry;

namespace OpenAeo.Tests.Registry;

public class Operators_on_the_pages
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Registering_an_operator_without_a_role_on_the_page_is_a_field_error_and_registers_nothing(string provider)
    {
        await using var app = await OpenAeoApp.On(provider);
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PostForm(
            "/operators/new",
            "operator-new",
            [
                new("Form.Tin", "TW55500001"),
                new("Form.LegalName", "Keelung Cold Chain Ltd."),
                new("Form.Economy", ""),
                new("Form.Employees", "12"),
            ]
        );

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Text();
        page.ShouldContain("An operator plays at least one role");
        page.ShouldContain("Keelung Cold Chain Ltd.", customMessage: "what was typed stays in the form");
        (await officer.GetAsync("/api/v1/operators/TW55500001")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Registering_an_operator_with_roles_on_the_page_goes_to_its_page()
    {
        await using var app = OpenAeoApp.OnSqlite();
        var officer = await app.ClientAs(Role.ProgrammeOfficer);

        var response = await officer.PostForm(
            "/operators/new",
            "operator-new",
            [
                new("Form.Tin", "TW55500002"),
                new("Form.LegalName", "Keelung Cold Chain Ltd."),
                new("Form.Roles", "Importer"),
                new("Form.Roles", "WarehouseOperator"),
            ]
        );

        (await response.Text()).ShouldContain("Keelung Cold Chain Ltd.");
        var registered = await officer.GetStringAsync("/api/v1/operators/TW55500002");
        registered.ShouldContain("\"Importer\"");
        registered.ShouldContain("\"WarehouseOperator\"");
    }
}
