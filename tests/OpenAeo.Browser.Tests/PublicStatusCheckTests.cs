using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>Issue 10, item 4: a trader checks a supplier on a phone, without an account, and reads the answer in words.</summary>
public sealed class Checking_a_supplier_status(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    [Fact]
    public async Task Anyone_checks_a_tin_on_a_390_pixel_screen_and_reads_words_not_codes()
    {
        app.RequireBrowser();
        await using var phone = await app.Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            }
        );
        var page = await phone.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/");
        // On a phone the menu is folded behind its toggle.
        await page.ClickAsync("label[for=menu-toggle]");
        await page.ClickAsync("nav >> text=Check an AEO");
        await page.WaitForURLAsync(app.BaseUrl + "/status");

        // The demo's granted company (Taipei Semiconductor Works, TW00000002), typed as people type TINs.
        await page.GetByLabel("Trader Identification Number").FillAsync("tw 0000 0002");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check" }).ClickAsync();
        var found = page.Locator("[data-testid=status-found]");
        await Expect(found).ToContainTextAsync("Taipei Semiconductor Works Corp. is an Authorized Economic Operator");
        await Expect(page.Locator("[data-testid=status-summary]"))
            .ToContainTextAsync("certified by Chinese Taipei under its Authorized Economic Operator programme");
        (await found.InnerTextAsync()).ShouldNotContain("LocalAeo");
        (await page.Locator("[data-testid=status-answer]").GetAttributeAsync("aria-live")).ShouldBe("polite");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );

        await page.GetByLabel("Trader Identification Number").FillAsync("TW99999999");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Check" }).ClickAsync();
        await Expect(page.Locator("[data-testid=status-unknown]"))
            .ToContainTextAsync("TW99999999 is not known here as an Authorized Economic Operator");
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(
            390,
            "nothing wider than the phone"
        );
    }
}
