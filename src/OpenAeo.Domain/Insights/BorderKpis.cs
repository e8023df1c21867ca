using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Insights;

/// <summary>One declaration as the border KPIs read it: a row of the declarations export.</summary>
/// <param name="ImporterAeo">The importer was an AEO (ours or recognised) when it lodged.</param>
/// <param name="Sme">The importer was an SME of the registry when it lodged.</param>
/// <param name="ConsignorMra">The MRA under which the foreign consignor was recognised, if it was.</param>
/// <param name="OgaWaivers">Agencies' documentary checks waived because the importer is an AEO.</param>
/// <param name="ImporterTin">The importer (or exporter) the declaration is for: groups of fewer than five are not published.</param>
public sealed record KpiDeclaration(
    DateTimeOffset LodgedAt,
    DateTimeOffset? ReleasedAt,
    Lane Lane,
    bool ImporterAeo,
    bool Sme,
    RecognitionResult? ConsignorRecognition,
    string? ConsignorMra,
    bool RandomlySelected,
    int OgaWaivers,
    string? ImporterTin = null
);

/// <summary>
/// The KPIs of benefits at the border, over declarations lodged in the period (months in the programme's zone). This
/// is the reference definition: the DuckDB query over the declarations export (OpenAeo's <c>BorderKpis.sql</c>) must
/// give the same values, and its oracle test holds it to this function.
/// </summary>
public static class BorderKpis
{
    public const string Everyone = "all";
    public const string Aeo = "aeo";
    public const string NonAeo = "non_aeo";
    public const string Sme = "sme_importer";
    public const string NotSme = "not_sme_importer";
    public const string MraRecognised = "mra_recognised";
    public const string OtherConsignors = "other_consignors";

    /// <summary>The comparison group of the consignors recognised under one MRA: <c>mra:MRA-3</c>.</summary>
    public static string OfMra(string mraId) => "mra:" + mraId;

    public const double MicrosPerHour = 3_600_000_000;

    /// <summary>The order groups are shown in: everyone, then each comparison's two sides, each MRA with the recognised.</summary>
    public static (int Rank, string Group) Order(string group) =>
        (
            group switch
            {
                Everyone => 0,
                Aeo => 1,
                NonAeo => 2,
                Sme => 3,
                NotSme => 4,
                MraRecognised => 5,
                _ when group.StartsWith("mra:", StringComparison.Ordinal) => 6,
                OtherConsignors => 7,
                _ => 8,
            },
            group
        );

    /// <summary>The comparison groups a declaration belongs to (besides <see cref="Everyone"/>).</summary>
    public static IEnumerable<string> GroupsOf(KpiDeclaration d)
    {
        yield return Everyone;
        yield return d.ImporterAeo ? Aeo : NonAeo;
        yield return d.Sme ? Sme : NotSme;
        var recognised = d.ConsignorRecognition == RecognitionResult.RecognisedUnderMra;
        yield return recognised ? MraRecognised : OtherConsignors;
        if (recognised && d.ConsignorMra is { Length: > 0 } mra)
        {
            yield return OfMra(mra);
        }
    }

    /// <summary>The aggregates of one (month, group) cell: what the DuckDB query returns, and what the values are made of.</summary>
    public sealed record Cell(
        string? Month,
        string Group,
        long Declarations,
        long Examined,
        long Released,
        double? MedianReleaseMicros,
        long Random,
        long Waivers,
        long Green,
        long Blue,
        long Yellow,
        long Red,
        long Importers = 0
    );

    public static IReadOnlyList<Cell> Cells(IEnumerable<KpiDeclaration> declarations, KpiPeriod period, TimeZoneInfo zone)
    {
        var placed = declarations
            .Select(d => (Declaration: d, Month: Month.Of(CalendarDays.DayOf(d.LodgedAt, zone))))
            .Where(x => x.Month >= period.From && x.Month <= period.To)
            .ToList();
        var cells = new List<Cell>();
        foreach (var month in period.Months().Select(m => (string?)m.ToString()).Append(null))
        {
            var inMonth = month is null ? placed : placed.Where(x => x.Month.ToString() == month).ToList();
            foreach (
                var group in inMonth
                    .SelectMany(x => GroupsOf(x.Declaration).Select(g => (Group: g, x.Declaration)))
                    .GroupBy(x => x.Group)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
            )
            {
                var ds = group.Select(g => g.Declaration).ToList();
                var durations = ds.Where(d => d.ReleasedAt is { } r && r >= d.LodgedAt)
                    .Select(d => Micros(d.ReleasedAt!.Value - d.LodgedAt))
                    .Order()
                    .ToList();
                cells.Add(
                    new Cell(
                        month,
                        group.Key,
                        ds.Count,
                        ds.Count(d => d.Lane == Lane.Red),
                        durations.Count,
                        durations.Count == 0 ? null : Statistics.Quantile(durations, 0.5),
                        ds.Count(d => d.RandomlySelected),
                        ds.Sum(d => (long)d.OgaWaivers),
                        ds.Count(d => d.Lane == Lane.Green),
                        ds.Count(d => d.Lane == Lane.Blue),
                        ds.Count(d => d.Lane == Lane.Yellow),
                        ds.Count(d => d.Lane == Lane.Red),
                        ds.Select(d => d.ImporterTin).OfType<string>().Distinct(StringComparer.Ordinal).Count()
                    )
                );
            }
        }

        return cells;
    }

    /// <summary>Whole microseconds, as instants are stored and as DuckDB counts them.</summary>
    public static long Micros(TimeSpan span) => span.Ticks / 10;

    /// <summary>The KPI values of the border, from the cells (computed here or by DuckDB).</summary>
    public static IReadOnlyList<KpiValue> Values(IEnumerable<Cell> cells)
    {
        var values = new List<KpiValue>();
        foreach (
            var c in cells
                .OrderBy(c => c.Month is null)
                .ThenBy(c => c.Month, StringComparer.Ordinal)
                .ThenBy(c => c.Group, StringComparer.Ordinal)
        )
        {
            void Add(string kpi, double? value, long n, string? detail) =>
                values.Add(new KpiValue(kpi, c.Month, Kpis.All, Kpis.All, detail, value, n));

            Add(KpiCatalogue.Declarations, c.Declarations, c.Declarations, c.Group);
            Add(KpiCatalogue.Importers, c.Importers, c.Importers, c.Group);
            Add(KpiCatalogue.ExaminationRate, c.Declarations == 0 ? null : (double)c.Examined / c.Declarations, c.Declarations, c.Group);
            Add(KpiCatalogue.ReleaseHoursMedian, c.MedianReleaseMicros / MicrosPerHour, c.Released, c.Group);
            if (c.Group == Everyone)
            {
                foreach (var (lane, n) in new[] { (Lane.Green, c.Green), (Lane.Blue, c.Blue), (Lane.Yellow, c.Yellow), (Lane.Red, c.Red) })
                {
                    Add(KpiCatalogue.LaneShare, c.Declarations == 0 ? null : (double)n / c.Declarations, c.Declarations, lane.ToString());
                }

                Add(KpiCatalogue.RandomSelections, c.Random, c.Declarations, null);
                Add(KpiCatalogue.OgaWaivers, c.Waivers, c.Declarations, null);
            }
        }

        return values;
    }

    /// <summary>The border KPIs of <paramref name="declarations"/> (the reference computation).</summary>
    public static IReadOnlyList<KpiValue> Compute(IEnumerable<KpiDeclaration> declarations, KpiPeriod period, TimeZoneInfo zone) =>
        Values(Cells(declarations, period, zone));
}
