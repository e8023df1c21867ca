using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

internal enum ReportFormat
{
    Json,
    Md,
    Csv,
    Html,
}

/// <param name="Numeric">Per column: right-aligned numbers.</param>
internal sealed record ReportTable(
    string Title,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<bool> Numeric,
    string? Note = null
);

/// <param name="Name">A short file-name part (<c>distribution</c>), for the SVG written beside a Markdown report.</param>
internal sealed record ReportChart(string Name, string Title, string Svg);

/// <summary>
/// A report as tables and charts, rendered the same way to Markdown, HTML and CSV, so the CLI, the downloads and
/// the web page all show one layout.
/// </summary>
/// <param name="Summary">Lines printed under the title (the study's definition, the input).</param>
/// <param name="CsvTable">What CSV holds: by default the first (main) table.</param>
/// <param name="Findings">When given, the report opens with them in words, then the charts, then the definition and tables.</param>
internal sealed record ReportDocument(
    string Title,
    IReadOnlyList<string> Summary,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportChart> Charts,
    ReportTable? CsvTable = null,
    IReadOnlyList<string>? Findings = null
)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static ReportFormat ParseFormat(string? text) =>
        (text ?? "md").ToLowerInvariant() switch
        {
            "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            "html" => ReportFormat.Html,
            "md" or "markdown" => ReportFormat.Md,
            _ => throw new ArgumentException($"'{text}' is not a format; use json, md, csv or html."),
        };

    /// <summary>
    /// Markdown. Charts are SVG files written beside the report (<paramref name="chartFile"/> returns the link to
    /// use, after writing it); with no place to write them (standard output) a line says how to get them.
    /// </summary>
    public void WriteMarkdown(TextWriter writer, Func<ReportChart, string>? chartFile)
    {
        writer.WriteLine($"# {Title}");
        writer.WriteLine();
        if (Findings is not null)
        {
            writer.WriteLine("## Findings");
            writer.WriteLine();
            foreach (var line in Findings)
            {
                writer.WriteLine(line);
                writer.WriteLine();
            }

            WriteMarkdownCharts(writer, chartFile);
            writer.WriteLine("## About this study");
            writer.WriteLine();
        }

        foreach (var line in Summary)
        {
            writer.WriteLine($"- {line}");
        }

        foreach (var table in Tables)
        {
            writer.WriteLine();
            writer.WriteLine($"## {table.Title}");
            writer.WriteLine();
            if (table.Note is not null)
            {
                writer.WriteLine(table.Note);
                writer.WriteLine();
            }

            writer.WriteLine("| " + string.Join(" | ", table.Headers.Select(Cell)) + " |");
            writer.WriteLine("|" + string.Concat(table.Numeric.Select(n => n ? "---:|" : "---|")));
            foreach (var row in table.Rows)
            {
                writer.WriteLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
            }
        }

        if (Findings is null)
        {
            writer.WriteLine();
            WriteMarkdownCharts(writer, chartFile);
        }

        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
    }

    private void WriteMarkdownCharts(TextWriter writer, Func<ReportChart, string>? chartFile)
    {
        if (Charts.Count > 0)
        {
            writer.WriteLine("## Charts");
            writer.WriteLine();
            if (chartFile is null)
            {
                writer.WriteLine("(Charts are written as SVG files beside the report: use --out FILE.md, or --format html for one file.)");
            }
            else
            {
                foreach (var chart in Charts)
                {
                    writer.WriteLine($"![{chart.Title}]({chartFile(chart)})");
                    writer.WriteLine();
                }
            }
        }
    }

    /// <summary>A standalone page: tables and inline SVG charts, no script and no external resources.</summary>
    public void WriteHtml(TextWriter writer)
    {
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine($"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(Title)}</title>");
        writer.WriteLine(
            "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1b2430}table{border-collapse:collapse;margin:1rem 0}"
                + "th,td{border-bottom:1px solid #d9dee5;padding:.3rem "
                + ".6rem;text-align:left}th{background:#e8f1fb}td.num{text-align:right;font-variant-numeric:tabular-nums}"
                + "figure{margin:1rem 0}svg{max-width:100%;height:auto}</style></head><body>"
        );
        WriteHtmlBody(writer, headingLevel: 1);
        writer.WriteLine("</body></html>");
    }

    /// <summary>The report without the page around it, for the web UI.</summary>
    public void WriteHtmlBody(TextWriter writer, int headingLevel)
    {
        var h1 = $"h{headingLevel}";
        var h2 = $"h{headingLevel + 1}";
        writer.WriteLine($"<{h1}>{E(Title)}</{h1}>");
        if (Findings is not null)
        {
            writer.WriteLine($"<section class=\"findings\" data-testid=\"findings\"><{h2}>Findings</{h2}>");
            foreach (var line in Findings)
            {
                writer.WriteLine($"<p>{E(line)}</p>");
            }

            writer.WriteLine("</section>");
            WriteHtmlCharts(writer);
            writer.WriteLine($"<{h2}>About this study</{h2}>");
        }

        writer.WriteLine("<ul>");
        foreach (var line in Summary)
        {
            writer.WriteLine($"<li>{E(line)}</li>");
        }

        writer.WriteLine("</ul>");
        foreach (var table in Tables)
        {
            writer.WriteLine($"<{h2}>{E(table.Title)}</{h2}>");
            if (table.Note is not null)
            {
                writer.WriteLine($"<p>{E(table.Note)}</p>");
            }

            writer.Write("<table><thead><tr>");
            for (var i = 0; i < table.Headers.Count; i++)
            {
                writer.Write(table.Numeric[i] ? $"<th class=\"num\">{E(table.Headers[i])}</th>" : $"<th>{E(table.Headers[i])}</th>");
            }

            writer.WriteLine("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                writer.Write("<tr>");
                for (var i = 0; i < row.Count; i++)
                {
                    writer.Write(table.Numeric[i] ? $"<td class=\"num\">{E(row[i])}</td>" : $"<td>{E(row[i])}</td>");
                }

                writer.WriteLine("</tr>");
            }

            writer.WriteLine("</tbody></table>");
        }

        if (Findings is null)
        {
            WriteHtmlCharts(writer);
        }
    }

    private void WriteHtmlCharts(TextWriter writer)
    {
        foreach (var chart in Charts)
        {
            writer.WriteLine($"<figure><figcaption>{E(chart.Title)}</figcaption>{chart.Svg}</figure>");
        }
    }

    /// <summary>CSV of the main table: the report's layout, one header row.</summary>
    public void WriteCsv(TextWriter writer)
    {
        var table = CsvTable ?? Tables[0];
        writer.Write(CsvOutput.Line(table.Headers));
        foreach (var row in table.Rows)
        {
            writer.Write(CsvOutput.Line(row));
        }
    }

    /// <summary>
    /// The CSV table as a spreadsheet (XLSX), for people who open tables in Excel or LibreOffice: the same rows, with
    /// the numeric columns' values as numbers so they can be summed and charted there.
    /// </summary>
    public async Task WriteXlsxAsync(Stream stream, CancellationToken ct)
    {
        var table = CsvTable ?? Tables[0];
        await using var spreadsheet = await SpreadCheetah.Spreadsheet.CreateNewAsync(stream, cancellationToken: ct);
        await spreadsheet.StartWorksheetAsync(SheetName(table.Title), token: ct);
        await spreadsheet.AddRowAsync([.. table.Headers.Select(h => new SpreadCheetah.Cell(h))], ct);
        foreach (var row in table.Rows)
        {
            await spreadsheet.AddRowAsync(
                [
                    .. row.Select(
                        (value, i) =>
                            i < table.Numeric.Count
                            && table.Numeric[i]
                            && double.TryParse(
                                value,
                                NumberStyles.Float | NumberStyles.AllowThousands,
                                CultureInfo.InvariantCulture,
                                out var number
                            )
                                ? new SpreadCheetah.Cell(number)
                                : new SpreadCheetah.Cell(value)
                    ),
                ],
                ct
            );
        }

        await spreadsheet.FinishAsync(ct);
    }

    /// <summary>A worksheet name Excel accepts: at most 31 characters, none of <c>[]:*?/\</c>.</summary>
    public static string SheetName(string title)
    {
        var name = new string([.. title.Select(c => "[]:*?/\\".Contains(c) ? ' ' : c)]).Trim();
        return name.Length == 0 ? "Table"
            : name.Length <= 31 ? name
            : name[..31].TrimEnd();
    }

    public string Html()
    {
        var text = new StringWriter();
        WriteHtml(text);
        return text.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Writes a report in a format to a file or a writer; Markdown's charts go beside the file.</summary>
    public static void Write(ReportFormat format, ReportDocument document, object json, TextWriter writer, string? outPath)
    {
        switch (format)
        {
            case ReportFormat.Json:
                writer.WriteLine(JsonSerializer.Serialize(json, Json));
                break;
            case ReportFormat.Csv:
                document.WriteCsv(writer);
                break;
            case ReportFormat.Html:
                document.WriteHtml(writer);
                break;
            default:
                document.WriteMarkdown(
                    writer,
                    outPath is null
                        ? null
                        : chart =>
                        {
                            var name = $"{Path.GetFileNameWithoutExtension(outPath)}-{chart.Name}.svg";
                            File.WriteAllText(
                                Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, name),
                                chart.Svg,
                                Encoding.UTF8
                            );
                            return name;
                        }
                );
                break;
        }
    }
}
