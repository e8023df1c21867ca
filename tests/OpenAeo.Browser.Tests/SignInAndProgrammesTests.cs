using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

public sealed class Signing_in_and_reading_the_programmes(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task An_officer_signs_in_and_sees_every_programme_with_the_chart()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "officer");

        (await page.InnerTextAsync("[data-testid=who]")).ShouldContain("officer · Programme officer");
        await page.ClickAsync("nav >> text=Programmes");
        await page.WaitForURLAsync(app.BaseUrl + "/programmes");
        await page.Locator("[data-testid=programmes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

        var rows = page.Locator("[data-testid=programmes] tbody tr");
        (await rows.CountAsync()).ShouldBe(21);
        var us = await rows.Filter(new LocatorFilterOptions { HasText = "United States" }).InnerTextAsync();
        us.ShouldContain("Customs Trade Partnership Against Terrorism");
        us.ShouldContain("11,579");
        var mexico = await rows.Filter(new LocatorFilterOptions { HasText = "Mexico" }).InnerTextAsync();
        mexico.ShouldContain("2 years");
        // Waits for the server-rendered SVG to load and decode; times out (and fails) if it never does.
        await page.WaitForFunctionAsync(
            "() => { const i = document.querySelector('img.chart'); return i && i.complete && i.naturalWidth > 0; }",
            null,
            new PageWaitForFunctionOptions { Timeout = 15_000 }
        );
        (await page.EvalOnSelectorAsync<int>("img.chart", "img => img.naturalWidth")).ShouldBeGreaterThan(0);
        (await page.InnerTextAsync("nav")).ShouldContain("Operators");
    }

    [Fact]
    public async Task A_trader_sees_its_own_company_but_not_the_officers_operator_list()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await app.SignedIn(context, "trader");

        await page.ClickAsync("nav >> text=My company");
        await page.WaitForURLAsync(app.BaseUrl + "/operators/TW00000001");
        await page.Locator("h1", new PageLocatorOptions { HasText = "Formosa" })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        (await page.InnerTextAsync("h1")).ShouldContain("Formosa Precision Tools");
        (await page.InnerTextAsync("[data-testid=operator-facts]")).ShouldContain("Sme");

        var list = await page.GotoAsync(app.BaseUrl + "/operators");
        page.Url.ShouldStartWith(app.BaseUrl + "/access-denied");
        (await page.InnerTextAsync("h1")).ShouldBe("Access denied");
        (await page.InnerTextAsync("nav")).ShouldNotContain("Operators");

        var other = await page.GotoAsync(app.BaseUrl + "/operators/TW00000002");
        other!.Status.ShouldBe(404);
        list.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_saying_which_part_was_wrong()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/signin");
        await page.FillAsync("#name", "officer");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("main button[type=submit]");

        (await page.InnerTextAsync("[role=alert]")).ShouldBe("The user name or password is not right.");
        (await page.Locator("[data-testid=who]").CountAsync()).ShouldBe(0);
    }
}
