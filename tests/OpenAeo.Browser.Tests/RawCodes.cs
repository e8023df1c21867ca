using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenAeo.Browser.Tests;

/// <summary>
/// The label check (issue 17): a page must never show a raw enum name. The list is every multi-word PascalCase name of
/// every enum in the domain ("InForce", "PaperReview", "UnderReview"), found by reflection so that a value added later
/// is checked without anyone listing it; one-word names ("Granted", "Red") are also the English words and stay out.
/// </summary>
public static partial class RawCodes
{
    /// <summary>The enum names people must not read, longest first so that a regex alternation prefers the longer.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(Domain.Shared.DomainError)
            .Assembly.GetTypes()
            .Where(t => t.IsEnum && t.IsPublic || t.IsEnum && t.IsNestedPublic)
            .SelectMany(Enum.GetNames)
            .Where(n => MultiWord().IsMatch(n))
            .Distinct()
            .OrderByDescending(n => n.Length)
            .ThenBy(n => n, StringComparer.Ordinal),
    ];

    private static readonly Lazy<Regex> Any = new(() => new Regex($@"\b(?:{string.Join('|', Names)})\b", RegexOptions.CultureInvariant));

    /// <summary>The raw names in a text, each once.</summary>
    public static IReadOnlyList<string> In(string text) => [.. Any.Value.Matches(text).Select(m => m.Value).Distinct()];

    /// <summary>Fails, naming the page and the codes, when the page's visible text shows a raw enum name.</summary>
    public static async Task AssertNone(IPage page)
    {
        var shown = In(await page.InnerTextAsync("body"));
        shown.ShouldBeEmpty($"{page.Url} shows codes instead of words: {string.Join(", ", shown)}");
    }

    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z][a-z]")]
    private static partial Regex MultiWord();
}
