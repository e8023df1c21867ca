using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 13 item 2: the demo programme's benefits catalogue on a phone, filtered by role, in English and in Spanish, reached
/// from the home; and a programme officer adding a benefit on the officers' page, which the public page then shows.
/// </summary>
public sealed class The_benefits_catalogue(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static BrowserNewContextOptions Phone(string language) =>
        new()
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
        };

    [Fact]
    public async Task A_visitor_on_a_phone_finds_the_benefits_from_the_home_and_filters_them_by_role()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(Phone("en-GB"));
        var page = await phone.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page.Locator("[data-testid=home-benefits] li").First).ToBeVisibleAsync();
        await page.GetByTestId("home-benefits-link").ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("What Authorized Economic Operator gives its AEOs");
        var customs = page.Locator("[data-testid=benefits-customs] > li");
        await Expect(customs.Filter(new() { HasText = "Fewer checks on your imports" })).ToContainTextAsync("Automatic.");
        await Expect(page.Locator("[data-testid=benefits-oga]")).ToContainTextAsync("Food and Drug Administration");
        await Expect(page.Locator("[data-testid=benefits-mra]")).ToContainTextAsync("Japan");
        await Expect(page.Locator("[data-testid=benefits-sme]")).ToContainTextAsync("Free preparation workshops");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);

        // An exporter does not see what is for importers only, and still sees what is for everyone.
        var before = await customs.CountAsync();
        await page.GetByLabel("Your role").SelectOptionAsync("Exporter");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.GetByTestId("benefit-count")).ToContainTextAsync("for Exporter");
        await Expect(customs.Filter(new() { HasText = "Fewer checks on your imports" })).ToHaveCountAsync(0);
        await Expect(customs.Filter(new() { HasText = "Your goods examined first" })).ToHaveCountAsync(1);
        (await customs.CountAsync()).ShouldBeLessThan(before);
        page.Url.ShouldContain("role=Exporter");
        await Axe.AssertNoSeriousViolations(page);
    }

    [Fact]
    public async Task A_spanish_speaking_visitor_reads_the_catalogue_in_spanish()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(Phone("es-ES"));
        var page = await phone.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/programmes/TW/benefits?role=Importer");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Qué da Authorized Economic Operator a sus OEA");
        await Expect(page.Locator("[data-testid=benefits-customs]")).ToContainTextAsync("Menos controles en sus importaciones");
        await Expect(page.Locator("[data-testid=benefits-customs]")).ToContainTextAsync("Automático.");
        await Expect(page.GetByTestId("benefit-count")).ToContainTextAsync("para Importador");
        await Expect(page.GetByLabel("Su función")).ToHaveValueAsync("Importer");
        // The agencies registry is written in English: its words say so to a screen reader.
        await Expect(page.Locator("[data-testid=benefits-oga] h3[lang=en]").First).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);
    }

    [Fact]
    public async Task A_programme_officer_adds_a_benefit_that_the_public_page_then_shows()
    {
        app.RequireBrowser();
        await using var office = await app.Browser.NewContextAsync();
        var officer = await app.SignedIn(office, "officer");
        await officer.GotoAsync(app.BaseUrl + "/programmes/TW/benefits/edit");
        await Expect(officer.Locator("[data-testid=own-benefits]")).ToContainTextAsync("One named account manager");

        var title = $"Green lane for perishables {Guid.NewGuid():N}"[..40];
        var form = officer.GetByTestId("benefit-form");
        await form.GetByLabel("Family").SelectOptionAsync("Priority");
        await form.GetByLabel("Where it applies").SelectOptionAsync(["Import", "Transit"]);
        await form.GetByLabel("Title (English)").FillAsync(title);
        await form.GetByLabel("Description (English)").FillAsync("Perishable goods of AEOs are examined within two hours.");
        await form.GetByLabel("Title (Spanish)").FillAsync("Canal verde para perecederos");
        await form.GetByLabel("Description (Spanish)").FillAsync("Los perecederos de los OEA se examinan en dos horas.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the benefit" }).ClickAsync();
        await Expect(officer.GetByTestId("saved")).ToContainTextAsync("Added benefit");
        await Expect(officer.Locator("[data-testid=own-benefits]")).ToContainTextAsync(title);

        // Opened again to change it, the form shows what was chosen.
        await officer
            .Locator("[data-testid=own-benefits] tr", new() { HasText = title })
            .GetByRole(AriaRole.Link, new() { Name = "Edit" })
            .ClickAsync();
        await Expect(officer.Locator("h2", new() { HasText = "Change the benefit" })).ToBeVisibleAsync();
        await Expect(officer.Locator("#places")).ToHaveValuesAsync(["Import", "Transit"]);
        await Expect(officer.GetByLabel("Title (Spanish)")).ToHaveValueAsync("Canal verde para perecederos");

        await using var visitor = await app.Browser.NewContextAsync(Phone("en-GB"));
        var page = await visitor.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/programmes/TW/benefits");
        await Expect(page.Locator("[data-testid=benefits-customs]")).ToContainTextAsync(title);
    }
}
