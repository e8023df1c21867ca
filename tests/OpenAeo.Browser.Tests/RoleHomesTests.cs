using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 17 items 1, 2, 3 and 7: each demo account lands on its own home, which fits a desktop and a phone, passes axe and
/// shows words, not codes; the menu folds on a phone, marks the current page, and every page has a breadcrumb.
/// </summary>
public sealed partial class Role_homes(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 30_000 };

    /// <summary>The README's demo accounts and the role each stands for.</summary>
    private static readonly (string User, Role Role, string Shows)[] Accounts =
    [
        ("trader", Role.Trader, "[data-testid=home-certificate]"),
        ("officer", Role.ProgrammeOfficer, "[data-testid=home-queue]"),
        ("manager", Role.AccountManager, "[data-testid=home-counts]"),
        ("border", Role.BorderOfficer, "[data-testid=home-open]"),
        ("oga", Role.OgaOfficer, "[data-testid=home-counts]"),
        ("analyst", Role.Analyst, "[data-testid=home-studies]"),
        ("admin", Role.Admin, "[data-testid=home-partners]"),
    ];

    /// <summary>
    /// The codes people must never read: the label test's list (every multi-word enum name of the domain, RawCodes) and
    /// the one-word codes that are not words.
    /// </summary>
    private static readonly string[] Codes = [.. RawCodes.Names, "Ecommerce", "Sme"];

    [Fact]
    public async Task Each_demo_account_lands_on_its_home_which_fits_a_desktop_and_a_phone_passes_axe_and_shows_no_codes()
    {
        app.RequireBrowser();
        Codes.ShouldContain("InformationRequested");
        Codes.ShouldContain("ProgrammeOfficer");
        foreach (var (user, role, shows) in Accounts)
        {
            await using var context = await app.Browser.NewContextAsync(
                new()
                {
                    ViewportSize = new() { Width = 1366, Height = 900 },
                }
            );
            var page = await app.SignedIn(context, user);
            await page.GotoAsync(app.BaseUrl + "/");
            await page.Locator($"[data-testid=role-home][data-role={role}]").WaitForAsync(Soon);
            // Real content from the demo seed, not an empty frame.
            await page.Locator(shows).WaitForAsync(Soon);

            foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
            {
                await page.SetViewportSizeAsync(width, height);
                if (Environment.GetEnvironmentVariable("OPENAEO_SHOTS") is { Length: > 0 } shots)
                {
                    // For people reviewing the screens; nothing is asserted on the pictures.
                    await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"home-{user}-{width}.png"), FullPage = true });
                }

                await Axe.AssertNoSeriousViolations(page);
                await NoSidewaysScroll(page, $"{user}'s home at {width} px");
            }

            var text = await page.InnerTextAsync("body");
            var shown = Codes.Where(code => Regex.IsMatch(text, $@"\b{code}\b")).ToList();
            shown.ShouldBeEmpty($"{user}'s home shows codes instead of words");
        }
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_behind_a_toggle_marks_the_current_page_and_every_page_has_a_breadcrumb()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync(
            new()
            {
                ViewportSize = new() { Width = 390, Height = 844 },
            }
        );
        var page = await app.SignedIn(context, "officer");
        await page.GotoAsync(app.BaseUrl + "/applications");
        await page.Locator("[data-testid=queue]").WaitForAsync(Soon);

        var applications = page.Locator("nav.menu a[href='/applications']");
        (await applications.IsVisibleAsync()).ShouldBeFalse("the menu is folded on a phone");
        // By keyboard: the toggle takes focus and Space opens the menu.
        await page.FocusAsync("#menu-toggle");
        await page.Keyboard.PressAsync("Space");
        await applications.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        (await applications.GetAttributeAsync("aria-current")).ShouldBe("page");
        (await page.Locator("nav.menu a[aria-current=page]").CountAsync()).ShouldBe(1);
        (await page.InnerTextAsync("nav.menu")).ShouldContain("Certification");

        await page.ClickAsync("[data-testid=queue] tbody tr >> nth=0 >> a");
        var crumbs = page.Locator("[data-testid=breadcrumbs]");
        // The breadcrumb names the record (its reference), not the id in the address.
        var current = page.Locator("[data-testid=breadcrumbs] [aria-current=page]", new() { HasTextRegex = new Regex(@"^TW-\d{4}-\d{6}") });
        await current.WaitForAsync(Soon);
        (await current.InnerTextAsync()).ShouldMatch(@"^TW-\d{4}-\d{6}$");
        (await crumbs.InnerTextAsync()).ShouldContain("Applications");
        (await page.GetAttributeAsync("[data-testid=breadcrumbs] a >> text=Applications", "href")).ShouldBe("/applications");
        await NoSidewaysScroll(page, "the application page at 390 px");
    }

    /// <summary>The page is no wider than the window; a failure names the elements that stick out.</summary>
    private static async Task NoSidewaysScroll(IPage page, string what)
    {
        var (scroll, inner) = (
            await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("() => window.innerWidth")
        );
        if (scroll > inner)
        {
            var offenders = await page.EvaluateAsync<string>(
                """
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll, table'))
                    .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
                    .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')
                """
            );
            Assert.Fail($"{what} scrolls sideways: {scroll} px wide in a {inner} px window; sticking out: {offenders}");
        }
    }
}
