using OpenAeo.Registry;
using ScottPlot;

namespace OpenAeo.Portal;

/// <summary>
/// The public chart of AEO counts by economy, rendered on the server as SVG (no JavaScript). Counts span four
/// orders of magnitude (Chile 2, United States 11,579), so the axis is logarithmic with labels in real counts.
/// </summary>
internal static class AeoCountChart
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints
            .MapGet("/charts/aeo-by-economy.svg", async (OpenAeoDb db, CancellationToken ct) =>
                Results.Text(Render(await ListProgrammes.Load(db, null, ct)), "image/svg+xml")
            )
            .AllowAnonymous()
            .ExcludeFromDescription();

    public static string Render(IReadOnlyList<ProgrammeSummary> programmes)
    {
        var rows = programmes
            .Select(p => (p.EconomyName, Idb: p.AeoCountIdbStudy, Wco: p.AeoCountWcoCompendium))
            .Where(r => r.Idb is not null || r.Wco is not null)
            .OrderBy(r => Math.Max(r.Idb ?? 0, r.Wco ?? 0))
            .ToList();

        var plot = new Plot();
        var idbBars = new List<Bar>();
        var wcoBars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Idb is int idb && idb > 0)
            {
                idbBars.Add(
                    new Bar
                    {
                        Position = i * 3,
                        Value = Math.Log10(idb),
                        FillColor = Colors.SteelBlue,
                        Orientation = Orientation.Horizontal,
                        Label = idb.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    }
                );
            }

            if (rows[i].Wco is int wco && wco > 0)
            {
                wcoBars.Add(
                    new Bar
                    {
                        Position = i * 3 + 1,
                        Value = Math.Log10(wco),
                        FillColor = Colors.Orange,
                        Orientation = Orientation.Horizontal,
                        Label = wco.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    }
                );
            }
        }

        var idbPlot = plot.Add.Bars(idbBars);
        idbPlot.LegendText = "IDB study (AEO importers and/or exporters)";
        idbPlot.ValueLabelStyle.FontSize = 10;
        var wcoPlot = plot.Add.Bars(wcoBars);
        wcoPlot.LegendText = "WCO 2019 Compendium (all listed operator types)";
        wcoPlot.ValueLabelStyle.FontSize = 10;

        plot.Axes.Left.SetTicks([.. rows.Select((_, i) => i * 3 + 0.5)], [.. rows.Select(r => r.EconomyName)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        double[] decades = [0, 1, 2, 3, 4, 5];
        plot.Axes.Bottom.SetTicks(
            decades,
            [.. decades.Select(d => Math.Pow(10, d).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))]
        );
        plot.Axes.Bottom.Label.Text = "AEOs (logarithmic scale)";
        plot.Axes.SetLimits(0, 5.3, -1, rows.Count * 3);
        plot.Title("Authorized Economic Operators by economy (APEC report, Table 1)");
        plot.ShowLegend(Alignment.LowerRight);
        plot.Grid.MajorLineColor = Colors.Black.WithOpacity(0.08);
        return plot.GetSvgXml(900, Math.Max(360, 34 * rows.Count + 120));
    }
}
