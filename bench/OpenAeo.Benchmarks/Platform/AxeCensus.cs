using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using OpenAeo.Browser.Tests;

namespace OpenAeo.Benchmarks.Platform;

/// <summary>
/// Issue 17's "axe figures before and after": <c>axe-census URL PASSWORD [USER…]</c> walks a running
/// <c>openaeo serve</c> (demo seeded) as each demo account and as an anonymous visitor. For each it opens the home, follows
/// every same-site link of the menu and of the home (GET only, at most <see cref="MostPages"/> pages), and on each page
/// runs the vendored axe-core (the browser tests' copy) at 1366×900 and at 390×844, and measures whether the page scrolls
/// sideways at 390 px. Prints a table per account: pages, axe violations (rule × page) by impact, the elements concerned,
/// pages that scroll sideways; then the rules found, most frequent first. It is a measurement, not a test: the browser
/// tests fail on serious violations of the pages they visit; this counts every page, so two commits can be compared.
/// </summary>
internal static class AxeCensus
{
    private const int MostPages = 40;

    private static readonly string[] DemoUsers = ["trader", "officer", "manager", "border", "oga", "analyst", "admin"];

    private static readonly (int Width, int Height)[] Viewports = [(1366, 900), (390, 844)];

    private static readonly string[] Impacts = ["critical", "serious", "moderate", "minor"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: axe-census URL PASSWORD [USER…]   (USER '-' is the anonymous visitor)");
            return 2;
        }

        var users = args.Length > 2 ? args[2..] : ["-", .. DemoUsers];
        return RunAsync(args[0].TrimEnd('/'), args[1], users).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string url, string password, string[] users)
    {
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(HeadlessChromium.Options);

        var rules = new Dictionary<string, (string Impact, int Pages)>();
        Console.WriteLine("| account | pages | critical | serious | moderate | minor | elements (critical+serious) | sideways at 390 px |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var user in users)
        {
            await using var context = await browser.NewContextAsync(
                new()
                {
                    ViewportSize = new() { Width = 1366, Height = 900 },
                }
            );
            var page = await context.NewPageAsync();
            if (user != "-" && !await SignIn(page, url, user, password))
            {
                Console.WriteLine($"| {user} | could not sign in | | | | | | |");
                continue;
            }

            var paths = await PathsToVisit(page, url);
            var counts = Impacts.ToDictionary(i => i, _ => 0);
            var elements = 0;
            var sideways = new List<string>();
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(url + path);
                if (response is null || !response.Ok)
                {
                    continue;
                }

                foreach (var (width, height) in Viewports)
                {
                    await page.SetViewportSizeAsync(width, height);
                    foreach (var v in await Violations(page, axe))
                    {
                        var impact = v.Impact ?? "minor";
                        counts[impact] = counts.GetValueOrDefault(impact) + 1;
                        if (impact is "critical" or "serious")
                        {
                            elements += v.Elements;
                            Console.Error.WriteLine($"{user}: {path} at {width} px: [{impact}] {v.Id} ({v.Elements}, first {v.First})");
                        }

                        var seen = rules.GetValueOrDefault(v.Id, (Impact: impact, Pages: 0));
                        rules[v.Id] = (impact, seen.Pages + 1);
                    }

                    if (width < 400 && await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > innerWidth + 1"))
                    {
                        sideways.Add(path);
                        Console.Error.WriteLine($"{user}: {path} is wider than the phone: {await Widest(page)}");
                    }
                }

                await page.SetViewportSizeAsync(1366, 900);
            }

            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {(user == "-" ? "anonymous" : user)} | {paths.Count} | {counts["critical"]} | {counts["serious"]} | "
                        + $"{counts["moderate"]} | {counts["minor"]} | {elements} | {sideways.Count} |"
                )
            );
            if (sideways.Count > 0)
            {
                Console.Error.WriteLine($"{user}: sideways at 390 px: {string.Join(", ", sideways)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("| rule | impact | page × viewport |");
        Console.WriteLine("|---|---|---:|");
        foreach (var (id, (impact, pages)) in rules.OrderByDescending(r => r.Value.Pages))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {id} | {impact} | {pages} |"));
        }

        return 0;
    }

    private static async Task<bool> SignIn(IPage page, string url, string user, string password)
    {
        await page.GotoAsync(url + "/signin");
        await page.FillAsync("#name", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return !page.Url.Contains("/signin", StringComparison.Ordinal);
    }

    /// <summary>The home, then the same-site links of its menu and its body, in the order they appear; no sign-out, no
    /// downloads.</summary>
    private static async Task<List<string>> PathsToVisit(IPage page, string url)
    {
        await page.GotoAsync(url + "/");
        var hrefs = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('nav a[href], main a[href]')].map(a => a.getAttribute('href'))"
        );
        return
        [
            .. hrefs
                .Prepend("/")
                .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
                .Select(h => h.Split('#')[0])
                .Where(h => !h.Contains("signout", StringComparison.OrdinalIgnoreCase))
                .Where(h => !h.Contains("/api/", StringComparison.Ordinal) && !h.Contains("/exchange/", StringComparison.Ordinal))
                .Where(h => Path.GetExtension(h.Split('?')[0]) is "")
                .Distinct()
                .Take(MostPages),
        ];
    }

    /// <summary>
    /// What widens a page, so the culprit can be found: the innermost elements past the right edge that no scrolling box
    /// clips (a wide table inside its own scrolling box is not one), and the innermost whose content is wider than their box
    /// (a word that does not wrap), each as tag.class, its parent's layout and its first words.
    /// </summary>
    private static Task<string> Widest(IPage page) =>
        page.EvaluateAsync<string>(
            """
            () => {
                const all = [...document.body.querySelectorAll('*')];
                const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
                const past = all.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !clipped(e));
                const spills = all.filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible');
                const innermost = list => list.filter(e => !list.some(o => o !== e && e.contains(o)));
                const name = e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '')
                    + ' in ' + e.parentElement.tagName.toLowerCase() + ' (' + getComputedStyle(e.parentElement).display + ') "'
                    + (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
                return 'past the edge: ' + innermost(past).slice(0, 3).map(name).join(', ')
                    + '; content wider than its box: ' + innermost(spills).slice(0, 3).map(name).join(', ');
            }
            """
        );

    private static async Task<IReadOnlyList<Finding>> Violations(IPage page, string axe)
    {
        // The page marks the boxes that scroll after a resize on its resize event, dispatched at the browser's next frame.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(axe);
        }

        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations"
                + ".map(v => ({ id: v.id, impact: v.impact, elements: v.nodes.length, first: v.nodes[0].target.join(' ') })))"
        );
        return JsonSerializer.Deserialize<List<Finding>>(json, Json) ?? [];
    }

    private sealed record Finding(string Id, string? Impact, int Elements, string First);
}
