using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 13 item 5: a programme officer rewrites, on the officers' page, what the officer looks for in one criterion's
/// guide in Spanish; an anonymous Spanish-speaking visitor then reads it in the programme's guide, and restoring the
/// shipped text brings the shipped words back.
/// </summary>
public sealed class A_programme_officer_rewriting_a_guide(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private const string ShippedLooksFor =
        "Que no se pueda agregar ni sacar nada de un envío sin que se note entre el embalaje y la entrega.";

    [Fact]
    public async Task Is_read_by_a_spanish_speaking_visitor_until_the_shipped_text_is_restored()
    {
        app.RequireBrowser();
        await using var visitorContext = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                Locale = "es-ES",
                ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "es-ES,es;q=0.9" },
            }
        );
        var visitor = await visitorContext.NewPageAsync();
        var cargo = visitor.Locator("section#CARGO-1");
        await visitor.GotoAsync(app.BaseUrl + "/guides/TW");
        await Expect(cargo).ToContainTextAsync(ShippedLooksFor);
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Edit this programme's guide texts" })).ToHaveCountAsync(0);

        await using var office = await app.Browser.NewContextAsync();
        var officer = await app.SignedIn(office, "officer");
        await officer.GotoAsync(app.BaseUrl + "/guides/TW");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Edit this programme's guide texts" }).ClickAsync();
        var criterion = officer.Locator("[data-testid=guide-criterion]#CARGO-1");
        await Expect(criterion).ToContainTextAsync(ShippedLooksFor);
        await Expect(criterion.GetByTestId("own-es-LooksFor")).ToHaveTextAsync("—");
        await Axe.AssertNoSeriousViolations(officer);

        await criterion.GetByRole(AriaRole.Link, new() { Name = "Rewrite in Español (CARGO-1)" }).ClickAsync();
        var form = officer.GetByTestId("guide-form");
        await Expect(officer.Locator("#rewrite-title")).ToHaveTextAsync("Rewrite CARGO-1 in Español");
        var ours = $"Que los precintos de la carga se anoten y se comprueben en la entrega {Guid.NewGuid():N}"[..90];
        await form.GetByLabel("What the officer looks for").FillAsync(ours);
        await form.GetByLabel("Reason").FillAsync("Our officers check the seal log");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save the programme's text" }).ClickAsync();
        await Expect(officer.GetByTestId("saved")).ToContainTextAsync("Saved the programme's text.");
        await Expect(officer.Locator("[data-testid=guide-criterion]#CARGO-1").GetByTestId("own-es-LooksFor")).ToHaveTextAsync(ours);
        await Expect(officer.GetByTestId("guide-form").GetByLabel("What the officer looks for")).ToHaveValueAsync(ours);

        await visitor.GotoAsync(app.BaseUrl + "/guides/TW");
        await Expect(cargo).ToContainTextAsync(ours);
        await Expect(cargo).Not.ToContainTextAsync(ShippedLooksFor);

        await officer.GetByTestId("guide-restore").GetByLabel("Reason").FillAsync("Back to the shipped words");
        await officer
            .GetByTestId("guide-restore")
            .GetByRole(AriaRole.Button, new() { Name = "Restore the shipped text in Español" })
            .ClickAsync();
        await Expect(officer.GetByTestId("saved")).ToContainTextAsync("Restored the shipped text.");
        await Expect(officer.Locator("[data-testid=guide-criterion]#CARGO-1").GetByTestId("own-es-LooksFor")).ToHaveTextAsync("—");
        await Expect(officer.GetByTestId("guide-restore")).ToHaveCountAsync(0);

        await visitor.GotoAsync(app.BaseUrl + "/guides/TW");
        await Expect(cargo).ToContainTextAsync(ShippedLooksFor);
        await Expect(cargo).Not.ToContainTextAsync(ours);
    }
}
