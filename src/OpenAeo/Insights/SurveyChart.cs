using System.Globalization;
using OpenAeo.Domain.Insights;
using OpenAeo.Registry;
using ScottPlot;

namespace OpenAeo.Insights;

/// <summary>
/// The diverging stacked bar chart of a survey's statements for one group, rendered on the server as SVG: disagreement to the
/// left of zero, agreement to the right, the neutral middle split across it, in percent of those who answered. The page shows
/// the same numbers in a table beside it, so the chart is never the only place a figure is.
/// </summary>
internal static class SurveyChart
{
    private static readonly Color[] LevelColors =
    [
        Color.FromHex("#b2182b"),
        Color.FromHex("#ef8a62"),
        Color.FromHex("#bababa"),
        Color.FromHex("#67a9cf"),
        Color.FromHex("#2166ac"),
    ];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapGet(
                "/insights/surveys/{id:int}/chart.svg",
                async (
                    [Limit(nameof(Limits.Id))] int id,
                    [Limit(nameof(Limits.Label))] string? group,
                    OpenAeoDb db,
                    CancellationToken ct
                ) =>
                    await SurveyResultsQuery.Load(db, id, ct) is { } loaded
                        ? Results.Text(Render(loaded.Results, group), "image/svg+xml")
                        : Problems.NotFound($"There is no survey {id}.")
            )
            .RequireAuthorization(Policies.Officers)
            .ExcludeFromDescription();

    /// <param name="group">The group's key (<c>all</c>, a sector or a segment code); everybody when absent or unknown.</param>
    public static string Render(SurveyResults results, string? group)
    {
        var rows = results
            .Questions.Where(q => q.Question.Kind == SurveyQuestionKind.Likert)
            .Select(q =>
                (
                    q.Question.Code,
                    Group: q.Groups.FirstOrDefault(g => string.Equals(g.Key, group, StringComparison.OrdinalIgnoreCase)) ?? q.Groups[0]
                )
            )
            .Reverse()
            .ToList();
        var plot = new Plot();
        var segments = new List<Bar>[SurveyLikert.Levels + 1];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = [];
        }

        for (var row = 0; row < rows.Count; row++)
        {
            var s = rows[row].Group.Summary;
            if (s.N == 0)
            {
                continue;
            }

            double Share(int level) => 100.0 * s.Counts[level - 1] / s.N;
            var half = Share(3) / 2;
            void Add(int slot, int level, double from, double to) =>
                segments[slot]
                    .Add(
                        new Bar
                        {
                            Position = row,
                            ValueBase = from,
                            Value = to,
                            FillColor = LevelColors[level - 1],
                            Orientation = Orientation.Horizontal,
                            LineWidth = 0,
                        }
                    );
            Add(1, 2, -half, -half - Share(2));
            Add(0, 1, -half - Share(2), -half - Share(2) - Share(1));
            Add(2, 3, -half, 0);
            Add(SurveyLikert.Levels, 3, 0, half);
            Add(3, 4, half, half + Share(4));
            Add(4, 5, half + Share(4), half + Share(4) + Share(5));
        }

        for (var slot = 0; slot < segments.Length; slot++)
        {
            var bars = plot.Add.Bars(segments[slot]);
            bars.LegendText = slot < SurveyLikert.Levels ? SurveyLikert.Label(slot + 1) : "";
            bars.Color = LevelColors[slot < SurveyLikert.Levels ? slot : 2];
        }

        plot.Add.VerticalLine(0, 1, Colors.Black);
        plot.Axes.Left.SetTicks([.. rows.Select((_, i) => (double)i)], [.. rows.Select(r => r.Code)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        double[] ticks = [-100, -75, -50, -25, 0, 25, 50, 75, 100];
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => Math.Abs(t).ToString("0", CultureInfo.InvariantCulture) + "%")]);
        plot.Axes.Bottom.Label.Text = "← disagree · share of those who answered · agree →";
        plot.Axes.SetLimits(-100, 100, -1, Math.Max(1, rows.Count));
        var label = rows.Count > 0 ? rows[0].Group.Label : "All respondents";
        plot.Title($"Agreement with each statement: {label}");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        return plot.GetSvgXml(900, Math.Max(320, 22 * rows.Count + 140));
    }
}
