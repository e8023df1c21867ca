using System.Globalization;
using OpenAeo.Domain.Insights;
using OpenAeo.TimeRelease;

namespace OpenAeo.Insights;

/// <summary>
/// A KPI report as tables (Markdown, HTML, CSV through <see cref="ReportDocument"/>, the layout time release reports
/// use): the whole period's figures, month by month, and each breakdown. CSV is every value, one per row.
/// </summary>
internal static class KpiDocument
{
    /// <summary>The KPIs shown month by month (the rest are in the CSV and the JSON).</summary>
    public static readonly string[] Monthly =
    [
        KpiCatalogue.Aeos,
        KpiCatalogue.AeoShare,
        KpiCatalogue.CertificatesNew,
        KpiCatalogue.Renewals,
        KpiCatalogue.Started,
        KpiCatalogue.Submitted,
        KpiCatalogue.Granted,
        KpiCatalogue.Rejected,
        KpiCatalogue.Withdrawn,
        KpiCatalogue.DaysToDecisionMedian,
        KpiCatalogue.SlaMetShare,
    ];

    /// <summary>The KPIs shown per group of a breakdown.</summary>
    public static readonly string[] PerGroup =
    [
        KpiCatalogue.Operators,
        KpiCatalogue.Aeos,
        KpiCatalogue.AeoShare,
        KpiCatalogue.Started,
        KpiCatalogue.Submitted,
        KpiCatalogue.Granted,
        KpiCatalogue.Rejected,
        KpiCatalogue.Withdrawn,
        KpiCatalogue.DaysToDecisionMedian,
        KpiCatalogue.SlaMetShare,
    ];

    public static readonly string[] CsvColumns = ["kpi", "title", "unit", "month", "by", "group", "detail", "value", "n"];

    public static string Value(KpiValueJson? v) => v is null ? "no data" : ComputeKpis.Format(v.Value, KpiCatalogue.Get(v.Kpi).Unit);

    public static ReportTable Period(KpiReport report, KpiFamily? family = null) =>
        new(
            family is null ? "The whole period" : Family(family.Value),
            ["KPI", "For", "Value", "Out of (n)"],
            [
                .. report
                    .Values.Where(v => v.Month is null && v.By == Kpis.All && (family is null || KpiCatalogue.Get(v.Kpi).Family == family))
                    .Select(v =>
                        (IReadOnlyList<string>)
                            [
                                KpiCatalogue.Get(v.Kpi).Title,
                                v.Detail is null ? "" : report.Label(v.Detail),
                                Value(v),
                                v.N.ToString("N0", CultureInfo.InvariantCulture),
                            ]
                    ),
            ],
            [false, false, true, true]
        );

    public static ReportTable Months(KpiReport report) =>
        new(
            "Month by month",
            [
                "Month",
                .. Monthly.Select(k => KpiCatalogue.Get(k).Title),
                "Examination rate, AEO importers",
                "Examination rate, other importers",
            ],
            [
                .. report
                    .Values.Select(v => v.Month)
                    .OfType<string>()
                    .Distinct()
                    .Order(StringComparer.Ordinal)
                    .Select(m =>
                        (IReadOnlyList<string>)
                            [
                                m,
                                .. Monthly.Select(k => Value(report.Find(k, m))),
                                Value(report.Find(KpiCatalogue.ExaminationRate, m, detail: Domain.Insights.BorderKpis.Aeo)),
                                Value(report.Find(KpiCatalogue.ExaminationRate, m, detail: Domain.Insights.BorderKpis.NonAeo)),
                            ]
                    ),
            ],
            [false, .. Monthly.Select(_ => true), true, true]
        );

    public static ReportTable Breakdown(KpiReport report, string by) =>
        new(
            $"By {report.Label(by).ToLowerInvariant()} (the whole period)",
            [report.Label(by), .. PerGroup.Select(k => KpiCatalogue.Get(k).Title)],
            [
                .. report
                    .Values.Where(v => v.By == by && v.Month is null)
                    .Select(v => v.Group)
                    .Distinct()
                    .Select(g =>
                        (IReadOnlyList<string>)
                            [
                                report.Label(g),
                                .. PerGroup.Select(k =>
                                    by == "track" && KpiCatalogue.Get(k).Family == KpiFamily.Participation
                                        ? "—"
                                        : Value(report.Find(k, null, by, g))
                                ),
                            ]
                    ),
            ],
            [false, .. PerGroup.Select(_ => true)]
        );

    public static ReportTable Csv(KpiReport report) =>
        new(
            "Every value",
            CsvColumns,
            [
                .. report.Values.Select(v =>
                    (IReadOnlyList<string>)
                        [
                            v.Kpi,
                            KpiCatalogue.Get(v.Kpi).Title,
                            KpiCatalogue.Get(v.Kpi).Unit.ToString().ToLowerInvariant(),
                            v.Month ?? "",
                            v.By,
                            v.Group,
                            v.Detail ?? "",
                            v.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                            v.N.ToString(CultureInfo.InvariantCulture),
                        ]
                ),
            ],
            [false, false, false, false, false, false, false, true, true]
        );

    public static string Family(KpiFamily family) =>
        family switch
        {
            KpiFamily.Participation => "Participation",
            KpiFamily.Pipeline => "Applications",
            KpiFamily.Time => "Time to decision",
            KpiFamily.Reasons => "Why applications fail",
            KpiFamily.Border => "Benefits at the border",
            _ => "Workload",
        };

    public static ReportDocument Document(KpiReport report) =>
        new(
            $"KPIs of {report.ProgrammeName} ({report.Programme}), {report.From} to {report.To}",
            [
                $"Months in {report.TimeZone}; computed at {report.ComputedAt:yyyy-MM-dd HH:mm} UTC from OpenAeo's own data.",
                "Stocks (operators, AEOs, workload) are counted on the last day of each month, or today in the month under way.",
            ],
            [.. Enum.GetValues<KpiFamily>().Select(f => Period(report, f)), Months(report), .. report.By.Select(b => Breakdown(report, b))],
            [],
            Csv(report)
        );
}
