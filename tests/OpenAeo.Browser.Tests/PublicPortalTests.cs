using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>Issue 13, items 1, 6, 7, 8: the public front door, in the visitor's language, on a phone and a desktop, for everyone.</summary>
public sealed class The_public_portal(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static TheoryData<string, int> PublicPages()
    {
        var data = new TheoryData<string, int>();
        foreach (var width in new[] { 390, 1366 })
        {
            foreach (
                var path in new[]
                {
                    "/",
                    "/programmes",
                    "first:/programmes",
                    "/economies",
                    "/mras",
                    "first:/mras",
                    "/status",
                    "/status?tin=TW00000001",
                    "/status?tin=TW99999999",
                    "/agencies",
                    "/signin",
                    "/no-such-page",
                }
            )
            {
                data.Add(path, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Every_public_page_has_no_critical_or_serious_accessibility_violation_and_fits_the_screen(string path, int width)
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = 900 },
            }
        );
        var page = await context.NewPageAsync();

        // "first:/mras" is the first item the list page links to (an MRA, a programme), as a visitor would open it.
        if (path.StartsWith("first:", StringComparison.Ordinal))
        {
            var list = path["first:".Length..];
            await page.GotoAsync(app.BaseUrl + list);
            path = (await page.Locator($"main a[href^='{list}/']").First.GetAttributeAsync("href"))!;
        }

        await page.GotoAsync(app.BaseUrl + path);
        await Axe.AssertNoSeriousViolations(page);
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            width,
            $"{path}: nothing wider than the screen"
        );
    }

    [Fact]
    public async Task A_visitor_on_a_phone_finds_the_three_actions_and_the_programme_on_the_home_by_keyboard()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");

        var actions = page.Locator("[data-testid=home-actions] a");
        (await actions.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")).ShouldBe([
            "/readiness/TW",
            "/status",
            "/consultation/TW",
        ]);
        await Expect(actions.Nth(0)).ToContainTextAsync("Check your readiness");
        await Expect(actions.Nth(1)).ToContainTextAsync("Check a supplier's status");
        await Expect(actions.Nth(2)).ToContainTextAsync("Ask for a prior consultation");
        await Expect(page.Locator("[data-testid=programme-headlines]")).ToContainTextAsync("AEOs certified today");
        await Expect(page.Locator("[data-testid=home-steps] li")).ToHaveCountAsync(5);
        await Expect(page.Locator("[data-testid=home-sme]")).ToContainTextAsync("business days");
        await Expect(page.Locator("[data-testid=recognised-where] [data-partner=JP]")).ToContainTextAsync("are recognised in Japan");

        // The page opens with the heading focused (read first by a screen reader); the next Tab is the first action, visibly.
        (await page.EvaluateAsync<string>("document.activeElement.tagName")).ShouldBe("H1");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')")).ShouldBe(
            "/readiness/TW",
            "the first action is the first stop in the content"
        );
        (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle")).ShouldBe("solid", "focus is visible");

        // The skip link, first in the page, is shown when focused and takes the keyboard past the menu.
        await page.Locator("a.skip").FocusAsync();
        (await page.EvaluateAsync<string>("document.activeElement.textContent")).ShouldBe("Skip to the content");
        (await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).left")).ShouldNotBe(
            "-10000px",
            "the skip link shows when focused"
        );
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("content");
    }

    [Fact]
    public async Task A_visitor_checks_a_supplier_in_spanish_on_a_390_pixel_screen()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone, Locale = "en-US" });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/");

        // The switcher, in its own language, on a browser that asks for English.
        await page.ClickAsync("[data-testid=language-es]");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Los operadores de confianza pasan la aduana más rápido");
        // On a phone the menu is folded behind its toggle, as a person would find it.
        await page.ClickAsync("label[for=menu-toggle]");
        await page.ClickAsync("nav >> text=Verificar un OEA");
        await page.WaitForURLAsync(app.BaseUrl + "/status");

        await page.GetByLabel("Número de identificación tributaria (NIT)").FillAsync("tw 0000 0001");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar", Exact = true }).ClickAsync();
        var found = page.Locator("[data-testid=status-found]");
        await Expect(found).ToContainTextAsync("Formosa Precision Tools Co., Ltd. es un Operador Económico Autorizado");
        await Expect(page.Locator("[data-testid=status-summary]"))
            .ToContainTextAsync("certificado por Chinese Taipei en su programa Authorized Economic Operator");
        await Expect(page.Locator("[data-testid=status-summary]")).ToContainTextAsync("válido desde el ");
        (await page.Locator("[data-testid=status-summary]").InnerTextAsync()).ShouldMatch(
            @"\d{1,2} de [a-z]+ de \d{4}",
            "dates in Spanish"
        );
        (await found.InnerTextAsync()).ShouldNotContain("valid from");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);

        await page.GetByLabel("Número de identificación tributaria (NIT)").FillAsync("TW99999999");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verificar", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=status-unknown]"))
            .ToContainTextAsync("TW99999999 no figura aquí como Operador Económico Autorizado");

        // The choice stays: the next page, and a new visit, are in Spanish without asking again.
        await page.GotoAsync(app.BaseUrl + "/mras");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Acuerdos de Reconocimiento Mutuo");
        await page.ClickAsync("[data-testid=language-en]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mutual Recognition Arrangements");
        page.Url.ShouldBe(app.BaseUrl + "/mras", "the switcher brings the visitor back to the page it was on");
    }

    [Fact]
    public async Task A_browser_that_asks_for_spanish_gets_spanish_without_choosing()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions { Locale = "es-MX", ViewportSize = Phone }
        );
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/mras");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Acuerdos de Reconocimiento Mutuo");
        (await page.Locator("[data-testid=language-es]").GetAttributeAsync("aria-pressed")).ShouldBe("true");
        await Axe.AssertNoSeriousViolations(page);
    }

    [Fact]
    public async Task A_trader_sees_where_its_status_is_recognised()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone });
        var page = await app.SignedIn(context, "trader");

        await page.ClickAsync("label[for=menu-toggle]");
        await page.ClickAsync("nav >> text=Where I am recognised");
        await page.WaitForURLAsync(app.BaseUrl + "/operators/TW00000001/recognised-abroad");
        await Expect(page.Locator("[data-testid=abroad-status]"))
            .ToContainTextAsync("is an Authorized Economic Operator of Chinese Taipei");
        var japan = page.Locator("[data-testid=recognised-where] [data-partner=JP]");
        await Expect(japan).ToContainTextAsync("Recognised: your status counts at the border of Japan");
        await Expect(japan).ToContainTextAsync("Chinese Taipei–Japan");
        await Expect(japan.Locator("[data-testid=exchange-JP]")).ToContainTextAsync("status exchange with Japan");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
        await Axe.AssertNoSeriousViolations(page);

        // Another company's page answers as if it did not exist.
        var other = await page.GotoAsync(app.BaseUrl + "/operators/TW00000002/recognised-abroad");
        other!.Status.ShouldBe(404);
        (await page.ContentAsync()).ShouldNotContain("Taipei Semiconductor");
    }
}
