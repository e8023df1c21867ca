using System.Collections.Concurrent;
using OpenAeo.Domain.Insights;
using OpenAeo.Registry;

namespace OpenAeo.Insights;

/// <summary>The public summary of a programme over the last twelve months (the month under way included).</summary>
public sealed record PublicSummaryJson(
    string Programme,
    string From,
    string To,
    DateTimeOffset ComputedAt,
    IReadOnlyList<PublicFigure> Figures
);

/// <summary>
/// The programme page's headline figures for anyone (<see cref="PublicSummary"/>: aggregates, small groups withheld),
/// computed with the KPIs and kept for an hour: an anonymous page must not start a scan of the declarations on every visit.
/// Only the programmes this node runs have operational data; others have no summary.
/// </summary>
internal sealed class PublicFigures(BorderKpiEngine engine, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, PublicSummaryJson> cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim computing = new(1, 1);

    public async Task<PublicSummaryJson?> ForAsync(OpenAeoDb db, string programmeCode, string nodeEconomy, CancellationToken ct)
    {
        var code = programmeCode.Trim().ToUpperInvariant();
        if (Fresh(code) is { } known)
        {
            return known;
        }

        var programme = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null || programme.EconomyCode != nodeEconomy)
        {
            return null;
        }

        // One computation at a time: a burst of visitors waits for the first one's figures.
        await computing.WaitAsync(ct);
        try
        {
            if (Fresh(code) is { } meanwhile)
            {
                return meanwhile;
            }

            var today = CalendarDays.DayOf(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(programme.TimeZone));
            var to = Month.Of(today);
            var from = new Month(to.Year - 1, to.Number).Next;
            var report = await ComputeKpis.Execute(db, engine, clock, code, from.ToString(), to.ToString(), [], ct);
            if (!report.IsOk)
            {
                return null;
            }

            var values = report.Value!.Values.Select(v => new KpiValue(v.Kpi, v.Month, v.By, v.Group, v.Detail, v.Value, v.N)).ToList();
            var summary = new PublicSummaryJson(code, from.ToString(), to.ToString(), report.Value.ComputedAt, PublicSummary.From(values));
            cache[code] = summary;
            return summary;
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose() => computing.Dispose();

    private PublicSummaryJson? Fresh(string code) =>
        cache.TryGetValue(code, out var known) && clock.GetUtcNow() - known.ComputedAt < Lifetime ? known : null;
}
