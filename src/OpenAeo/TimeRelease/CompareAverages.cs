using System.Globalization;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Files;
using static OpenAeo.Domain.TimeRelease.TimeNotation;

namespace OpenAeo.TimeRelease;

internal sealed record TemplateSideJson(DateOnly From, DateOnly To, long? Declarations, double? MeanSeconds);

internal sealed record TemplateRowJson(
    string Reporter,
    string Partner,
    string Mra,
    int Stage,
    string Mode,
    string Channel,
    TemplateSideJson Before,
    TemplateSideJson After,
    double? RateOfChangePct,
    double? PublishedRatePct,
    bool? PublishedRateMismatch
);

/// <summary>The averages template in the spec's JSON shape: <c>{ "rows": [ … ] }</c>.</summary>
internal sealed record TemplateJson(IReadOnlyList<TemplateRowJson> Rows);

/// <summary>
/// <c>openaeo trs template</c>: reads the averages template (the report's Tables 2–7 are the shipped example),
/// computes every rate from the submitted times and flags published rates that do not follow from them.
/// All or nothing: a bad row stops with file, line, column and reason.
/// </summary>
internal static class CompareAverages
{
    public static IReadOnlyList<TemplateComparison> Read(CsvInput input)
    {
        input.RequireColumns(AveragesTemplate.Required, AveragesTemplate.Optional);
        var rows = new List<(int Line, TemplateRow Row)>();
        var errors = new List<FileError>();
        while (input.Read())
        {
            var row = AveragesTemplate.ParseRow(input.Text);
            if (row.IsOk)
            {
                rows.Add((input.Line, row.Value!));
            }
            else
            {
                errors.AddRange(row.Errors.Select(e => input.Error(e.Field ?? "", e.Message)));
            }
        }

        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(input.RowError("the template has no rows"));
        }

        if (errors.Count > 0)
        {
            throw new FileImportException(errors);
        }

        var paired = AveragesTemplate.Pair(rows);
        return paired.IsOk
            ? paired.Value!
            : throw new FileImportException([.. paired.Errors.Select(e => new FileError(input.FileName, 0, 0, null, e.Message))]);
    }

    public static TemplateJson Json(IReadOnlyList<TemplateComparison> cells) =>
        new([
            .. cells.Select(c => new TemplateRowJson(
                c.Reporter,
                c.Partner,
                c.Mra,
                c.Stage,
                c.Mode,
                c.Channel,
                Side(c.Before),
                Side(c.After),
                c.RateOfChangePct,
                c.PublishedRate?.Percent,
                c.PublishedRateMismatch
            )),
        ]);

    private static TemplateSideJson Side(TemplateSide side) => new(side.From, side.To, side.Declarations, side.Mean?.Seconds);

    /// <summary>One table per reporter, partner and MRA, as in the report, with the published rate and the check beside it.</summary>
    public static ReportDocument Document(string file, IReadOnlyList<TemplateComparison> cells)
    {
        var tables = new List<ReportTable>();
        foreach (var table in cells.GroupBy(c => (c.Reporter, c.Partner, c.Mra)))
        {
            var first = table.First();
            tables.Add(
                new ReportTable(
                    $"Release times and rates of change of {table.Key.Reporter}'s imports from {table.Key.Partner} "
                        + $"under the {table.Key.Mra} AEO MRA",
                    [
                        "Stage",
                        "Mode",
                        "Channel",
                        $"Before ({Day(first.Before.From)}~{Day(first.Before.To)})",
                        $"After ({Day(first.After.From)}~{Day(first.After.To)})",
                        "Rate of change (%)",
                        "Published (%)",
                        "Check",
                    ],
                    [
                        .. table.Select(c =>
                            (IReadOnlyList<string>)
                                [
                                    $"Stage {c.Stage}",
                                    Mode(c.Mode),
                                    c.Channel,
                                    FormatReport(c.Before.Mean?.Seconds),
                                    FormatReport(c.After.Mean?.Seconds),
                                    FormatRate(c.RateOfChangePct),
                                    Published(c.PublishedRate),
                                    Check(c),
                                ]
                        ),
                    ],
                    [false, false, false, false, false, true, true, false]
                )
            );
        }

        var flagged = cells.Count(c => c.PublishedRateMismatch == true);
        var summary = new List<string>
        {
            $"Input: {file}, {cells.Count} cells",
            "Rates are computed from the submitted times, never copied; a published rate is flagged when no times "
                + "that round to the printed ones give a rate that rounds to it.",
            $"Published rates that do not follow from their times: {flagged}",
        };
        var all = new ReportTable(
            "All cells",
            [
                "reporter",
                "partner",
                "mra",
                "stage",
                "mode",
                "channel",
                "before_from",
                "before_to",
                "before",
                "after_from",
                "after_to",
                "after",
                "rate_of_change_pct",
                "published_rate_pct",
                "check",
            ],
            [
                .. cells.Select(c =>
                    (IReadOnlyList<string>)
                        [
                            c.Reporter,
                            c.Partner,
                            c.Mra,
                            c.Stage.ToString(CultureInfo.InvariantCulture),
                            c.Mode,
                            c.Channel,
                            Day(c.Before.From),
                            Day(c.Before.To),
                            FormatReport(c.Before.Mean?.Seconds),
                            Day(c.After.From),
                            Day(c.After.To),
                            FormatReport(c.After.Mean?.Seconds),
                            FormatRate(c.RateOfChangePct),
                            Published(c.PublishedRate),
                            Check(c),
                        ]
                ),
            ],
            [.. Enumerable.Repeat(false, 12), true, true, false]
        );
        var chart = TimeReleaseCharts.ForTemplate([
            .. cells.Select(c =>
                (
                    $"{c.Reporter}←{c.Partner} S{c.Stage} {c.Mode}{(c.Channel == "all" ? "" : " " + c.Channel)}",
                    c.Before.Mean?.Seconds,
                    c.After.Mean?.Seconds
                )
            ),
        ]);
        return new ReportDocument("Averages template: release times before and after AEO MRAs", summary, tables, [chart], all);
    }

    private static string Check(TemplateComparison c) =>
        c.PublishedRateMismatch switch
        {
            true when c.RateOfChangePct is null => "published, but no rate follows (a side has no records)",
            true => $"published rate does not follow from the times (computed {FormatRate(c.RateOfChangePct)})",
            false => "ok",
            null => "",
        };

    private static string Published(PublishedRate? rate) =>
        rate is { } r ? r.Percent.ToString("F" + r.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    private static string Mode(string mode) => mode is "sea" or "air" ? char.ToUpperInvariant(mode[0]) + mode[1..] + " Cargo" : mode;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Result<ReportFormat> Format(string? text)
    {
        try
        {
            return Result<ReportFormat>.Ok(ReportDocument.ParseFormat(text));
        }
        catch (ArgumentException e)
        {
            return new DomainError("format", e.Message, "format");
        }
    }
}
