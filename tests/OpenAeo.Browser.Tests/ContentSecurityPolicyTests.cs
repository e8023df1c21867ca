using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// The Content-Security-Policy is one the pages pass: Chromium, which enforces it, visits every page a user can reach
/// by following links from the home page (with the demo data behind them) and reports no violation, neither in the
/// console nor as a <c>securitypolicyviolation</c> event.
/// </summary>
public sealed class The_content_security_policy(RunningOpenAeo app) : IClassFixture<RunningOpenAeo>
{
    /// <summary>Recorded in the page by an init script, which the page's policy does not govern.</summary>
    private const string Listener = """
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} ${e.sample || ''}`));
        """;

    private const int MaxPages = 250;

    [Theory]
    [InlineData("admin")]
    [InlineData("trader")]
    [InlineData("oga")]
    public async Task Holds_on_every_page_a_user_reaches(string user)
    {
        app.RequireBrowser();
        if (user == "admin")
        {
            await FinishedStudy();
        }

        await using var context = await app.Browser.NewContextAsync();
        await context.AddInitScriptAsync(Listener);
        var page = await app.SignedIn(context, user);
        var console = Console(page);

        var visited = new List<string>();
        var violations = new List<string>();
        var queue = new Queue<string>(["/"]);
        var seen = new HashSet<string>(["/"]);
        var variants = new Dictionary<string, int>();
        while (queue.Count > 0 && visited.Count < MaxPages)
        {
            var path = queue.Dequeue();
            var response = await page.GotoAsync(app.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            response.ShouldNotBeNull(path);
            var policy = await response.HeaderValueAsync("content-security-policy");
            policy.ShouldNotBeNull($"{path} has a Content-Security-Policy");
            policy.ShouldContain("script-src 'self';", Case.Sensitive, path);
            visited.Add(path);
            violations.AddRange((await page.EvaluateAsync<string[]>("() => window.__violations")).Select(v => $"{path}: {v}"));
            while (console.TryDequeue(out var message))
            {
                violations.Add($"{path}: {message}");
            }

            foreach (var link in await Links(page))
            {
                // A list's pages and filters are the same page: a few of each are enough.
                var route = link.Split('?')[0];
                if (seen.Add(link) && (variants[route] = variants.GetValueOrDefault(route) + 1) <= 3)
                {
                    queue.Enqueue(link);
                }
            }
        }

        violations.ShouldBeEmpty($"visited {visited.Count} pages:\n{string.Join('\n', visited)}");
        visited.Count.ShouldBeGreaterThan(user == "admin" ? 20 : 5, string.Join('\n', visited));
        if (user == "admin")
        {
            // The pages with the most to render: a study's charts, a chain's coverage meter, a declaration, an application.
            foreach (
                var detail in new[]
                {
                    "/trs/studies/",
                    "/supply-chains/",
                    "/clearance/declarations/",
                    "/applications/",
                    "/certificates/",
                    "/operators/",
                }
            )
            {
                visited.ShouldContain(
                    v => v.StartsWith(detail, StringComparison.Ordinal),
                    $"the crawl reached a {detail}… page:\n{string.Join('\n', visited)}"
                );
            }
        }

        // The check can fail: an inline style set on this page is refused and reported the same two ways.
        await page.EvaluateAsync(
            "() => { const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.appendChild(d); }"
        );
        await page.WaitForFunctionAsync("() => window.__violations.length > 0", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        (await page.EvaluateAsync<string[]>("() => window.__violations")).ShouldContain(v =>
            v.StartsWith("style-src", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task Lets_enhanced_navigation_and_forms_work()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        await context.AddInitScriptAsync(Listener);
        var page = await app.SignedIn(context, "officer");
        var console = Console(page);

        // Blazor intercepts these clicks and fetches the next page (connect-src) instead of loading a document.
        foreach (var link in new[] { "Programmes", "MRAs", "Agencies", "Operators", "Applications", "Certificates" })
        {
            await page.ClickAsync($"nav >> text={link}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.ClickAsync("nav >> text=Operators");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        (await page.EvaluateAsync<string[]>("() => window.__violations")).ShouldBeEmpty();
        console.ShouldBeEmpty();
        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForSelectorAsync("nav >> text=Sign in");
        console.ShouldBeEmpty();
    }

    [Fact]
    public async Task Lets_the_API_reference_run_under_its_own()
    {
        app.RequireBrowser();
        await using var context = await app.Browser.NewContextAsync();
        await context.AddInitScriptAsync(Listener);
        var page = await context.NewPageAsync();
        var console = Console(page);

        var response = await page.GotoAsync(app.BaseUrl + "/scalar/v1", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GetByText("/api/v1/operators").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull();
        (await page.EvaluateAsync<string[]>("() => window.__violations")).ShouldBeEmpty();
        console.ShouldBeEmpty();
    }

    /// <summary>A study that has run, so the crawl meets a report with its charts (inline SVG) too.</summary>
    private async Task FinishedStudy()
    {
        var (exit, output) = await app.Cli("users", "add", "--name", "csp-analyst", "--role", "Analyst", "--print-api-key");
        exit.ShouldBe(0, output);
        var key = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("oak_", StringComparison.Ordinal));
        var file = Path.Combine(Path.GetTempPath(), $"openaeo-csp-{Guid.NewGuid():N}.csv");
        (exit, output) = await app.Cli("trs", "generate", "--rows", "2000", "--seed", "7", "--out", file);
        exit.ShouldBe(0, output);
        var events = await File.ReadAllBytesAsync(file);
        File.Delete(file);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var form = new MultipartFormDataContent
        {
            {
                new StringContent(
                    """
                    {"name":"CSP study",
                     "definition":{"stage":"apec1","groupBy":["mode"],"mra":"TW-JP","beforeFrom":"2018-10-12","afterTo":"2019-12-31"}}
                    """
                ),
                "definition"
            },
            { new ByteArrayContent(events), "file", "csp-events.csv" },
        };
        using var saved = await http.PostAsync("/api/v1/trs/studies", form);
        ((int)saved.StatusCode).ShouldBe(202, await saved.Content.ReadAsStringAsync());
        var location = saved.Headers.Location!;
        for (var attempt = 0; ; attempt++)
        {
            var study = await http.GetStringAsync(location);
            if (study.Contains("\"Succeeded\"", StringComparison.Ordinal))
            {
                return;
            }

            study.ShouldNotContain("\"Failed\"");
            attempt.ShouldBeLessThan(1_200, "the study never finished");
            await Task.Delay(100);
        }
    }

    /// <summary>Chromium also writes every refusal to the console ("Refused to … because it violates … Content Security Policy").</summary>
    private static ConcurrentQueue<string> Console(IPage page)
    {
        var messages = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                messages.Enqueue(m.Text);
            }
        };
        return messages;
    }

    /// <summary>The page's links to other pages of OpenAeo (not the API, downloads, charts or sign-out).</summary>
    private static async Task<IEnumerable<string>> Links(IPage page)
    {
        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
        return hrefs
            .Where(h => h.StartsWith('/') && !h.StartsWith("//", StringComparison.Ordinal))
            .Select(h => h.Split('#')[0])
            .Where(h =>
                h.Length > 0
                && !h.StartsWith("/api/", StringComparison.Ordinal)
                && !h.StartsWith("/openapi", StringComparison.Ordinal)
                && !h.StartsWith("/charts/", StringComparison.Ordinal)
                && !h.StartsWith("/scalar", StringComparison.Ordinal)
                && !h.StartsWith("/exchange/", StringComparison.Ordinal)
            )
            .Distinct();
    }
}
