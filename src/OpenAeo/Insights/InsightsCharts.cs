using OpenAeo.Domain.Insights;
using OpenAeo.TimeRelease;
using ScottPlot;

namespace OpenAeo.Insights;

/// <summary>
/// The dashboard's charts, rendered on the server as SVG with ScottPlot (readable without JavaScript). Each has its
/// numbers in a table beside it (<see cref="Chart.Table"/>), for screen readers and for anyone who prefers to read.
/// </summary>
internal static class InsightsCharts
{
    public sealed record Chart(string Name, string Title, string Svg, ReportTable Table);

    public static IReadOnlyList<Chart> For(KpiReport report)
    {
        var months = report.Values.Select(v => v.Month).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (months.Count == 0)
        {
            return [];
        }

        return
        [
            Lines(
                report,
                months,
                "aeos",
                "AEOs at the end of each month",
                "AEOs",
                [(KpiCatalogue.Aeos, null, "AEOs", Colors.SteelBlue)],
                share: false
            ),
            Lines(
                report,
                months,
                "applications",
                "Applications decided each month",
                "Applications",
                [
                    (KpiCatalogue.Granted, null, "granted", Colors.SeaGreen),
                    (KpiCatalogue.Rejected, null, "rejected", Colors.Crimson),
                    (KpiCatalogue.Withdrawn, null, "withdrawn", Colors.Gray),
                ],
                share: false
            ),
            Lines(
                report,
                months,
                "days",
                "Business days from submission to decision",
                "Business days",
                [
                    (KpiCatalogue.DaysToDecisionMedian, null, "median", Colors.SteelBlue),
                    (KpiCatalogue.DaysToDecisionP90, null, "90th percentile", Colors.Orange),
                ],
                share: false
            ),
            Lines(
                report,
                months,
                "examinations",
                "Examination rate: AEO importers and the others",
                "Declarations examined",
                [
                    (KpiCatalogue.ExaminationRate, BorderKpis.Aeo, "AEO importers", Colors.SeaGreen),
                    (KpiCatalogue.ExaminationRate, BorderKpis.NonAeo, "other importers", Colors.Crimson),
                    (KpiCatalogue.ExaminationRate, BorderKpis.MraRecognised, "consignors recognised under an MRA", Colors.SteelBlue),
                ],
                share: true
            ),
        ];
    }

    private static string ShortMonth(string month) =>
        Month.Parse(month) is { } m ? m.FirstDay.ToString("MMM yy", System.Globalization.CultureInfo.InvariantCulture) : month;

    private static Chart Lines(
        KpiReport report,
        List<string> months,
        string name,
        string title,
        string axis,
        (string Kpi, string? Detail, string Legend, Color Color)[] series,
        bool share
    )
    {
        var plot = new Plot();
        double[] xs = [.. months.Select((_, i) => (double)i)];
        foreach (var (kpi, detail, legend, color) in series)
        {
            var points = months
                .Select((m, i) => (X: (double)i, Y: report.Find(kpi, m, detail: detail)?.Value))
                .Where(p => p.Y is not null)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(
                points.Select(p => p.X).ToArray(),
                points.Select(p => p.Y!.Value * (share ? 100 : 1)).ToArray(),
                color
            );
            line.LegendText = legend;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        // Short labels ("Dec 25"), and on long periods every second or third month, so they never overlap.
        var step = Math.Max(1, (int)Math.Ceiling(months.Count / 13.0));
        plot.Axes.Bottom.SetTicks(xs, [.. months.Select((m, i) => i % step == 0 ? ShortMonth(m) : "")]);
        plot.Axes.Left.Label.Text = share ? axis + " (%)" : axis;
        plot.Axes.SetLimitsX(-0.5, months.Count - 0.5);
        plot.Axes.AutoScaleY();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsY(0, Math.Max(1, limits.Top * 1.1));
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        var table = new ReportTable(
            title,
            ["Month", .. series.Select(s => s.Legend)],
            [
                .. months.Select(m =>
                    (IReadOnlyList<string>)[m, .. series.Select(s => KpiDocument.Value(report.Find(s.Kpi, m, detail: s.Detail)))]
                ),
            ],
            [false, .. series.Select(_ => true)]
        );
        return new Chart(name, title, TimeReleaseCharts.Svg(plot, 720, 360), table);
    }
}
