using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// Accessibility checks with the vendored axe-core (axe/README.md): injected into the page under test and run against
/// the whole document as it is rendered, at whatever viewport the test chose.
/// </summary>
public static class Axe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    /// <summary>Fails, listing each rule, its help and the elements concerned, when axe finds a violation of critical or serious
    /// impact.</summary>
    public static async Task AssertNoSeriousViolations(IPage page)
    {
        var violations = await Violations(page);
        var serious = violations.Where(v => v.Impact is "critical" or "serious").ToList();
        if (serious.Count == 0)
        {
            return;
        }

        var message = new StringBuilder($"axe found {serious.Count} critical or serious violation(s) on {page.Url}:\n");
        foreach (var v in serious)
        {
            message.Append($"- [{v.Impact}] {v.Id}: {v.Help} ({v.HelpUrl})\n");
            foreach (var node in v.Nodes.Take(10))
            {
                message.Append($"    {node}\n");
            }
        }

        Assert.Fail(message.ToString());
    }

    /// <summary>Every violation axe reports on the page, of any impact.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> Violations(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a script tag, so the page's own
        // Content-Security-Policy (script-src 'self') is tested as it ships, not relaxed for the check.
        // After a resize, the page's own script marks the boxes that now scroll (app.js) on its resize event, which the
        // browser dispatches at its next frame: two frames later the page is as a person would meet it.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<string>(
            """
            async () => {
                const results = await axe.run(document, { resultTypes: ['violations'] });
                return JSON.stringify(results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').replace(/\s+/g, ' '))
                })));
            }
            """
        );
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }
}

public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<string> Nodes);
