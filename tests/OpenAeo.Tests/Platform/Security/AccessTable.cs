using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace OpenAeo.Tests.Platform.Security;

/// <summary>
/// The expected outcomes of <c>src/OpenAeo.Domain/Registry/AccessMatrix.md</c>: one row per route or page, one cell per
/// kind of caller. API cells are <c>ok</c> (any 2xx) or the exact status; page cells are <c>ok</c> (the page with
/// its data), <c>hidden</c> (the page without the protected data), <c>signin</c> (sent to sign in) or <c>denied</c>
/// (sent to the access-denied page).
/// </summary>
internal sealed partial class AccessTable
{
    public const string RelativePath = "src/OpenAeo.Domain/Registry/AccessMatrix.md";

    public static readonly string[] PageOutcomes = ["ok", "hidden", "signin", "denied"];

    private AccessTable(Dictionary<string, string[]> api, Dictionary<string, string[]> pages)
    {
        Api = api;
        Pages = pages;
    }

    public IReadOnlyDictionary<string, string[]> Api { get; }

    public IReadOnlyDictionary<string, string[]> Pages { get; }

    public static AccessTable Load()
    {
        var path = Path.Combine(RepositoryRoot(), RelativePath);
        var api = new Dictionary<string, string[]>();
        var pages = new Dictionary<string, string[]>();
        Dictionary<string, string[]>? section = null;
        var callers = Enum.GetValues<Caller>().Length;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line.Trim() switch
                {
                    "## API" => api,
                    "## Pages" => pages,
                    _ => null,
                };
                continue;
            }

            if (
                section is null
                || !line.StartsWith('|')
                || line.StartsWith("|---", StringComparison.Ordinal)
                || line.StartsWith("| Route", StringComparison.Ordinal)
                || line.StartsWith("| Page", StringComparison.Ordinal)
            )
            {
                continue;
            }

            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            var where = $"{RelativePath}:{lineNumber}";
            cells.Length.ShouldBe(callers + 1, $"{where}: a row names the route and has one cell per kind of caller ({callers})");
            var outcomes = cells[1..];
            foreach (var outcome in outcomes)
            {
                var valid = section == pages ? PageOutcomes.Contains(outcome) : outcome == "ok" || StatusCell().IsMatch(outcome);
                valid.ShouldBeTrue($"{where}: '{outcome}' is not an outcome");
            }

            section.TryAdd(cells[0], outcomes).ShouldBeTrue($"{where}: {cells[0]} appears twice");
        }

        return new AccessTable(api, pages);
    }

    /// <summary>Whether an API answer is the one a cell expects: <c>ok</c> is any success, a number is that status exactly.</summary>
    public static bool Matches(string expected, int status) =>
        expected == "ok" ? status is >= 200 and < 300 : expected == status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every operation of the OpenAPI document as <c>METHOD /path</c>.</summary>
    public static async Task<List<string>> OpenApiRoutes(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return
        [
            .. document
                .RootElement.GetProperty("paths")
                .EnumerateObject()
                .SelectMany(path =>
                    path.Value.EnumerateObject()
                        .Where(op => op.Name is "get" or "post" or "put" or "delete" or "patch")
                        .Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}")
                ),
        ];
    }

    /// <summary>Every page's route template (constraints left out: <c>/mras/{Id}</c>).</summary>
    public static List<string> PageRoutes() =>
        [
            .. typeof(Program)
                .Assembly.GetTypes()
                .Where(t => typeof(IComponent).IsAssignableFrom(t))
                .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
                .Select(r => Constraint().Replace(r.Template, "}"))
                .Distinct(),
        ];

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OpenAeo.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("OpenAeo.slnx not found above the test binaries.");
    }

    [GeneratedRegex("^[1-5][0-9][0-9]$")]
    private static partial Regex StatusCell();

    [GeneratedRegex(":[a-z]+}")]
    private static partial Regex Constraint();
}
