namespace OpenAeo.Domain.Certification;

/// <summary>
/// The programme's certificate numbers: <c>{programme}-AEO-{year}-{six digits}</c>, counted per programme and year of
/// the local day of the grant, e.g. <c>TW-AEO-2026-000007</c>. Numbers officers typed that do not follow the pattern
/// do not move the count.
/// </summary>
public static class CertificateNumbers
{
    /// <summary>What every number of the programme's year starts with (the app selects the used numbers by it).</summary>
    public static string Prefix(string programmeCode, DateOnly today) => $"{programmeCode}-AEO-{today.Year}-";

    /// <summary>The number after the highest of <paramref name="used"/> that carry the prefix of the programme and year.</summary>
    public static string Next(string programmeCode, DateOnly today, IEnumerable<string> used)
    {
        var prefix = Prefix(programmeCode, today);
        var highest = used.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n =>
                int.TryParse(
                    n.AsSpan(prefix.Length),
                    System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var k
                )
                    ? k
                    : 0
            )
            .DefaultIfEmpty(0)
            .Max();
        return $"{prefix}{highest + 1:D6}";
    }
}
