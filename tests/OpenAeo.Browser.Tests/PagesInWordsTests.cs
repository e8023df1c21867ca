using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Issue 17's label test: every page each demo account reaches from its menu, and the first record each of those pages
/// lists, shows words and never a raw enum name (<see cref="RawCodes"/>), and on a phone (390 px) passes axe and does
/// not scroll sideways. One test, one pass per account, every failure listed at once so that one run shows all there
/// is to fix.
/// </summary>
public sealed class Pages_in_words(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    private static readonly string[] Users = ["trader", "officer", "manager", "border", "oga", "analyst", "admin"];

    [Fact]
    public async Task No_page_an_account_reaches_from_its_menu_shows_a_raw_enum_name_fails_axe_or_scrolls_sideways_on_a_phone()
    {
        app.RequireBrowser();
        // The list is built by reflection: it must hold the names the issue saw on screen, or passing would mean nothing.
        RawCodes.Names.ShouldContain("InForce");
        RawCodes.Names.ShouldContain("UnderReview");
        RawCodes.Names.ShouldNotContain("Granted");
        RawCodes.In("Status: InForce since May").ShouldBe(["InForce"]);
        RawCodes.In("In force since May").ShouldBeEmpty();

        var found = new List<string>();
        var visited = 0;
        // Each address once on each side (the trader's and customs'), by the first account whose menu leads there: within a
        // side the words of a page do not change with the role, and reading it again would only cost time.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in Users)
        {
            await using var context = await app.Browser.NewContextAsync(
                new()
                {
                    ViewportSize = new() { Width = 1366, Height = 900 },
                }
            );
            var page = await app.SignedIn(context, user);
            var menu = await page.Locator("nav.menu a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            foreach (var href in menu.Where(Page))
            {
                if (!await Check(page, href, user, seen, found))
                {
                    continue;
                }

                visited++;
                // The first record the page lists: an application, a declaration, a certificate, an MRA, an operator.
                var records = page.Locator("main table tbody tr a[href^='/']");
                var first = await records.CountAsync() > 0 ? await records.First.GetAttributeAsync("href") : null;
                if (Page(first) && await Check(page, first!, user, seen, found))
                {
                    visited++;
                }
            }
        }

        visited.ShouldBeGreaterThan(Users.Length * 2, "the menus lead somewhere");
        found.ShouldBeEmpty(string.Join('\n', found));

        // Issue 17 item 4's newest forms, at a desktop's width and a phone's: the e-commerce platform's merchants and the
        // programme page's holiday upload, as the admin sees them (with their forms).
        await using var admin = await app.Browser.NewContextAsync();
        var adminPage = await app.SignedIn(admin, "admin");
        foreach (var address in new[] { "/operators/TW00000006/merchants", "/programmes/TW" })
        {
            await adminPage.GotoAsync(app.BaseUrl + address);
            foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
            {
                await adminPage.SetViewportSizeAsync(width, height);
                await Axe.AssertNoSeriousViolations(adminPage);
                var (scroll, inner) = (
                    await adminPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
                    await adminPage.EvaluateAsync<int>("() => window.innerWidth")
                );
                scroll.ShouldBeLessThanOrEqualTo(inner, $"{address} at {width} px scrolls sideways");
            }
        }

        await Expect(adminPage.Locator("[data-testid=holiday-import]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_select_of_long_options_or_a_due_date_in_words_does_not_widen_a_phone()
    {
        app.RequireBrowser();
        var wide = new List<string>();
        await using var analyst = await app.Browser.NewContextAsync(
            new()
            {
                ViewportSize = new() { Width = 390, Height = 844 },
            }
        );
        var studies = await app.SignedIn(analyst, "analyst");
        // The new study's form: its stage and MRA selects hold options wider than a phone.
        await studies.GotoAsync(app.BaseUrl + "/trs/new");
        (await studies.Locator("[data-testid=mra] option").CountAsync()).ShouldBeGreaterThan(0);
        await Wide(studies, "/trs/new");

        // Every application on the officer's list: their clocks show a due date in words beside the days used and left.
        await using var officer = await app.Browser.NewContextAsync(
            new()
            {
                ViewportSize = new() { Width = 390, Height = 844 },
            }
        );
        var applications = await app.SignedIn(officer, "officer");
        await applications.GotoAsync(app.BaseUrl + "/applications");
        var links = await applications
            .Locator("main table tbody tr a[href^='/applications/']")
            .EvaluateAllAsync<string[]>("links => [...new Set(links.map(a => a.getAttribute('href')))]");
        links.ShouldNotBeEmpty();
        var clocks = 0;
        foreach (var link in links)
        {
            await applications.GotoAsync(app.BaseUrl + link);
            clocks += await applications.Locator(".clock-figures").CountAsync();
            await Wide(applications, link);
        }

        clocks.ShouldBeGreaterThan(0, "some application shows its clock");
        wide.ShouldBeEmpty(string.Join('\n', wide));

        async Task Wide(IPage page, string address)
        {
            if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"))
            {
                wide.Add($"{address} scrolls sideways at 390 px");
            }
        }
    }

    /// <summary>A page of the site to read (not a download, an API answer or signing out).</summary>
    private static bool Page(string? href) =>
        href is { Length: > 1 } h
        && h[0] == '/'
        && !h.StartsWith("/api/", StringComparison.Ordinal)
        && !h.Contains("sign", StringComparison.OrdinalIgnoreCase)
        && !h.EndsWith(".csv", StringComparison.Ordinal);

    /// <summary>Visits the page unless it was read already; false when it was.</summary>
    private async Task<bool> Check(IPage page, string href, string user, HashSet<string> seen, List<string> found)
    {
        if (!seen.Add((user == "trader" ? "trader " : "customs ") + href))
        {
            return false;
        }

        await page.GotoAsync(app.BaseUrl + href);
        if (RawCodes.In(await page.InnerTextAsync("body")) is { Count: > 0 } codes)
        {
            found.Add($"{user} at {href}: {string.Join(", ", codes)}");
        }

        // The same page on a phone: no critical or serious axe finding (a table that scrolls inside its box must be
        // reachable by keyboard), and nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var v in (await Axe.Violations(page)).Where(v => v.Impact is "critical" or "serious"))
        {
            found.Add($"{user} at {href} on a phone: axe {v.Impact} {v.Id} at {string.Join("; ", v.Nodes.Take(3))}");
        }

        if (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth"))
        {
            found.Add($"{user} at {href} on a phone: the page scrolls sideways");
        }

        await page.SetViewportSizeAsync(1366, 900);
        return true;
    }
}
