using ScottPlot;

namespace OpenAeo.TimeRelease;

/// <summary>
/// The study's charts, rendered on the server as SVG with ScottPlot (no JavaScript): the distribution of release
/// times before and after per cell, and the channel shares per period. Averages hide the long tail the report warns
/// about; boxes from p10 to p90 show it.
/// </summary>
internal static class TimeReleaseCharts
{
    /// <summary>Charts stay readable up to this many cells; the largest cells (by declarations) are drawn.</summary>
    public const int MaxCells = 24;

    private static readonly Color Before = Colors.SteelBlue;
    private static readonly Color After = Colors.Orange;

    public static IReadOnlyList<ReportChart> ForStudy(StudyJson study)
    {
        var charts = new List<ReportChart>();
        if (study.Cells.Any(c => c.Before.N + c.After.N > 0))
        {
            charts.Add(Distribution(study));
        }

        if (study.Did is { Months.Count: > 0 } did)
        {
            charts.Add(EventStudy(study, did));
        }

        if (study.ChannelShares.Count > 0)
        {
            charts.Add(ChannelShares(study));
        }

        return charts;
    }

    private static ReportChart Distribution(StudyJson study)
    {
        var cells = study.Cells.OrderByDescending(c => c.Before.N + c.After.N).Take(MaxCells).Reverse().ToList();
        var longest = cells.SelectMany(c => new[] { c.Before.P90Seconds, c.After.P90Seconds }).Max() ?? 0;
        var (unit, perUnit) = Unit(longest);
        var plot = new Plot();
        var boxes = new Dictionary<Color, List<Bar>> { [Before] = [], [After] = [] };
        for (var i = 0; i < cells.Count; i++)
        {
            AddBox(plot, boxes[Before], cells[i].Before, cells[i].Ci?.Before.Median, i * 3 + 1, perUnit, Before);
            AddBox(plot, boxes[After], cells[i].After, cells[i].Ci?.After.Median, i * 3, perUnit, After);
        }

        plot.Add.Bars(boxes[Before]).LegendText = "before";
        plot.Add.Bars(boxes[After]).LegendText = "after";
        plot.Axes.Left.SetTicks([.. cells.Select((_, i) => i * 3 + 0.5)], [.. cells.Select(c => Label(c.Group))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text =
            $"{study.Study.Stage.Name} release time ({unit}): box p25–p75, line at the median with its confidence "
            + "interval in black, whiskers p10–p90";
        plot.Axes.SetLimitsY(-1, cells.Count * 3);
        plot.Axes.SetLimitsX(0, longest / perUnit * 1.05 + 1e-9);
        plot.Title(
            cells.Count < study.Cells.Count
                ? $"Release times before and after (the {cells.Count} largest of {study.Cells.Count} cells)"
                : "Release times before and after"
        );
        plot.ShowLegend(Alignment.LowerRight);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        return new ReportChart(
            "distribution",
            "Release times before and after, per cell",
            Svg(plot, 900, Math.Max(320, 40 * cells.Count + 140))
        );
    }

    /// <summary>
    /// A horizontal box drawn from parts (ScottPlot's box plot is vertical only): a bar from p25 to p75, a line at the
    /// median and whiskers out to p10 and p90.
    /// </summary>
    private static void AddBox(
        Plot plot,
        List<Bar> bars,
        Domain.TimeRelease.SideStatistics side,
        double[]? medianCi,
        double position,
        double perUnit,
        Color color
    )
    {
        if (side.N == 0)
        {
            return;
        }

        double At(double? seconds) => seconds!.Value / perUnit;
        bars.Add(
            new Bar
            {
                Position = position,
                ValueBase = At(side.P25Seconds),
                Value = At(side.P75Seconds),
                FillColor = color.WithAlpha(0.6),
                Orientation = Orientation.Horizontal,
                Size = 0.9,
            }
        );
        foreach (var (from, to) in new[] { (At(side.P10Seconds), At(side.P25Seconds)), (At(side.P75Seconds), At(side.P90Seconds)) })
        {
            var whisker = plot.Add.Line(from, position, to, position);
            whisker.Color = color;
        }

        var median = plot.Add.Line(At(side.MedianSeconds), position - 0.45, At(side.MedianSeconds), position + 0.45);
        median.Color = Colors.Black;
        median.LineWidth = 2;
        if (medianCi is [var low, var high])
        {
            var interval = plot.Add.Line(low / perUnit, position, high / perUnit, position);
            interval.Color = Colors.Black;
            interval.LineWidth = 4;
        }
    }

    /// <summary>Treated and control medians month by month around the split, so an analyst can judge the pre-trends.</summary>
    private static ReportChart EventStudy(StudyJson study, DidJson did)
    {
        var longest = did.Months.SelectMany(m => new[] { m.TreatedMedianSeconds, m.ControlMedianSeconds }).Max() ?? 0;
        var (unit, perUnit) = Unit(longest);
        var plot = new Plot();
        foreach (
            var (name, color, medians) in new[]
            {
                (Domain.TimeRelease.Readable.Arm(did.Treated), After, did.Months.Select(m => (m.Relative, m.TreatedMedianSeconds))),
                (Domain.TimeRelease.Readable.Arm(did.Control), Before, did.Months.Select(m => (m.Relative, m.ControlMedianSeconds))),
            }
        )
        {
            var points = medians.Where(p => p.Item2 is not null).ToList();
            var line = plot.Add.Scatter(
                points.Select(p => (double)p.Relative).ToArray(),
                points.Select(p => p.Item2!.Value / perUnit).ToArray()
            );
            line.Color = color;
            line.LegendText = name;
        }

        var split = plot.Add.VerticalLine(-0.5);
        split.Color = Colors.Black.WithOpacity(0.5);
        split.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.Label.Text = $"months from the split ({study.Study.Split:yyyy-MM}), dashed line: the split";
        plot.Axes.Left.Label.Text = $"median {study.Study.Stage.Name} ({unit})";
        plot.Axes.SetLimitsY(0, longest / perUnit * 1.1 + 1e-9);
        plot.Title("Event study: medians by month");
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportChart("event-study", "Treated and control medians by month", Svg(plot, 900, 360));
    }

    private static ReportChart ChannelShares(StudyJson study)
    {
        var rows = study.ChannelShares.GroupBy(s => (Group: Label(s.Group), s.Period)).Take(MaxCells * 2).Reverse().ToList();
        var channels = study.ChannelShares.Select(s => s.Channel ?? "(empty)").Distinct().Order(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var plot = new Plot();
        foreach (var (channel, c) in channels.Select((c, i) => (c, i)))
        {
            var bars = new List<Bar>();
            for (var i = 0; i < rows.Count; i++)
            {
                var start = rows[i].Where(s => string.CompareOrdinal(s.Channel ?? "(empty)", channel) < 0).Sum(s => s.Share) * 100;
                var share = rows[i].Where(s => (s.Channel ?? "(empty)") == channel).Sum(s => s.Share) * 100;
                if (share > 0)
                {
                    bars.Add(
                        new Bar
                        {
                            Position = i,
                            ValueBase = start,
                            Value = start + share,
                            FillColor = palette.GetColor(c),
                            Orientation = Orientation.Horizontal,
                        }
                    );
                }
            }

            var added = plot.Add.Bars(bars);
            added.LegendText = channel;
        }

        plot.Axes.Left.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => $"{r.Key.Group} · {r.Key.Period}")]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = "share of counted declarations (%)";
        plot.Axes.SetLimits(0, 100, -1, rows.Count);
        plot.Title("Channel shares before and after");
        plot.ShowLegend(Alignment.UpperRight);
        return new ReportChart("channels", "Channel shares per period", Svg(plot, 900, Math.Max(300, 28 * rows.Count + 140)));
    }

    /// <summary>Before and after means of each template cell side by side; a cell without records has no bar.</summary>
    public static ReportChart ForTemplate(IReadOnlyList<(string Label, double? Before, double? After)> cells)
    {
        var longest = cells.SelectMany(c => new[] { c.Before, c.After }).Max() ?? 0;
        var (unit, perUnit) = Unit(longest);
        var plot = new Plot();
        var before = new List<Bar>();
        var after = new List<Bar>();
        var ordered = cells.Reverse().ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Before is { } b)
            {
                before.Add(
                    new Bar
                    {
                        Position = i * 3 + 1,
                        Value = b / perUnit,
                        FillColor = Before,
                        Orientation = Orientation.Horizontal,
                    }
                );
            }

            if (ordered[i].After is { } a)
            {
                after.Add(
                    new Bar
                    {
                        Position = i * 3,
                        Value = a / perUnit,
                        FillColor = After,
                        Orientation = Orientation.Horizontal,
                    }
                );
            }
        }

        plot.Add.Bars(before).LegendText = "before";
        plot.Add.Bars(after).LegendText = "after";
        plot.Axes.Left.SetTicks([.. ordered.Select((_, i) => i * 3 + 0.5)], [.. ordered.Select(c => c.Label)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = $"mean release time ({unit})";
        plot.Axes.SetLimits(0, longest / perUnit * 1.05 + 1e-9, -1, ordered.Count * 3);
        plot.Title("Mean release times before and after");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        return new ReportChart(
            "means",
            "Mean release times before and after, per cell",
            Svg(plot, 900, Math.Max(320, 36 * ordered.Count + 140))
        );
    }

    /// <summary>The SVG without its XML declaration, so it can sit inline in an HTML page as well as in a file.</summary>
    public static string Svg(Plot plot, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }

    private static (string Unit, double Seconds) Unit(double longestSeconds) =>
        longestSeconds switch
        {
            < 2 * 3600 => ("minutes", 60),
            < 3 * 86_400 => ("hours", 3_600),
            _ => ("days", 86_400),
        };

    private static string Label(IReadOnlyDictionary<string, string?> group) =>
        group.Count == 0 ? "all declarations" : string.Join(" · ", group.Select(v => Domain.TimeRelease.Readable.Value(v.Key, v.Value)));
}
