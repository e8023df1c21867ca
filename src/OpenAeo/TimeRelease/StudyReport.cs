using System.Globalization;
using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.TimeRelease.TimeNotation;

namespace OpenAeo.TimeRelease;

/// <summary>The input a study ran on: the file as named by the user, its format, size and SHA-256.</summary>
internal sealed record StudyInputJson(string File, string Format, long Bytes, string? Sha256);

internal sealed record StageJson(string Name, string Start, string End, bool Signed, double? ExtremeCapSeconds);

internal sealed record StudyDefinitionJson(
    StageJson Stage,
    IReadOnlyList<string> GroupBy,
    DateOnly Split,
    DateOnly? BeforeFrom,
    DateOnly? AfterTo,
    string PeriodBy,
    double? TargetSeconds,
    string DefaultTimeZone,
    string? Mra,
    string? MraName,
    StudyInputJson? Input)
{
    public static StudyDefinitionJson From(StudyDefinition s, StudyInputJson? input) => new(
        new StageJson(s.Stage.Name, s.Stage.Start, s.Stage.End, s.Stage.IsSigned, s.Stage.ExtremeCapSeconds),
        s.GroupBy, s.Split, s.BeforeFrom, s.AfterTo, s.PeriodBy, s.TargetSeconds, s.DefaultTimeZone, s.Mra, s.MraName, input);
}

internal sealed record RateJson(double? Mean, double? Median);

internal sealed record CellJson(IReadOnlyDictionary<string, string?> Group, SideStatistics Before, SideStatistics After, RateJson RateOfChangePct);

internal sealed record ChannelShareJson(IReadOnlyDictionary<string, string?> Group, string Period, string? Channel, long Declarations, double Share);

/// <summary>
/// A study's result in the spec's JSON shape (<c>study</c>, <c>dataQuality</c>, <c>cells</c>, <c>channelShares</c>),
/// plus the rejected rows. It is what the API returns and what a saved study stores, and every other format is
/// rendered from it, so a downloaded report and the page show the same numbers.
/// </summary>
internal sealed record StudyJson(
    StudyDefinitionJson Study, DataQuality DataQuality, IReadOnlyList<CellJson> Cells, IReadOnlyList<ChannelShareJson> ChannelShares, IReadOnlyList<RejectedRow> Rejected)
{
    public static StudyJson From(StudyResult result, StudyInputJson? input) => new(
        StudyDefinitionJson.From(result.Study, input),
        result.DataQuality,
        [.. result.Cells.Select(c => new CellJson(Group(c.Group), c.Before, c.After, new RateJson(c.MeanRateOfChangePct, c.MedianRateOfChangePct)))],
        [.. result.ChannelShares.Select(s => new ChannelShareJson(Group(s.Group), s.Period, s.Channel, s.Declarations, s.Share))],
        result.Rejected);

    private static Dictionary<string, string?> Group(IReadOnlyList<GroupValue> values) => values.ToDictionary(v => v.Column, v => v.Value);

    /// <summary>The report's layout: the main table of means and rates, then distributions, channel shares and data quality.</summary>
    public ReportDocument ToDocument()
    {
        var s = Study;
        var groups = s.GroupBy;
        var before = $"Before ({(s.BeforeFrom is { } f ? Day(f) : "…")}~{Day(s.Split.AddDays(-1))})";
        var after = $"After ({Day(s.Split)}~{(s.AfterTo is { } t ? Day(t) : "…")})";
        var summary = new List<string>
        {
            $"Stage: {s.Stage.Name} ({s.Stage.Start} → {s.Stage.End}{(s.Stage.Signed ? ", signed" : "")})",
            $"Split: {Day(s.Split)}{(s.Mra is null ? "" : $" (entry into force of {MraText(s)})")}; periods by {s.PeriodBy}, calendar days in each office's time zone (default {s.DefaultTimeZone})",
            $"Grouped by: {(groups.Count == 0 ? "nothing (one cell)" : string.Join(", ", groups))}",
        };
        if (s.Input is { } input)
        {
            summary.Add($"Input: {input.File} ({input.Format}, {input.Bytes:N0} bytes{(input.Sha256 is null ? "" : $", SHA-256 {input.Sha256}")})");
        }

        if (s.TargetSeconds is { } target)
        {
            summary.Add($"Target: {FormatReport(target)}");
        }

        var q = DataQuality;
        summary.Add($"Rows: {q.Rows:N0}; counted {Cells.Sum(c => c.Before.N + c.After.N):N0}; rejected {q.RejectedRows:N0}; extreme values flagged (and kept) {q.FlaggedExtreme:N0}");

        var main = new ReportTable(
            "Release times and rates of change",
            [.. groups, $"{before}: declarations", $"{before}: mean", $"{after}: declarations", $"{after}: mean", "Rate of change (%)",
                "Before: median", "After: median", "Median rate of change (%)"],
            [.. Cells.Select(c => (IReadOnlyList<string>)[.. GroupCells(c.Group), Count(c.Before.N), FormatReport(c.Before.MeanSeconds), Count(c.After.N),
                FormatReport(c.After.MeanSeconds), FormatRate(c.RateOfChangePct.Mean), FormatReport(c.Before.MedianSeconds), FormatReport(c.After.MedianSeconds),
                FormatRate(c.RateOfChangePct.Median)])],
            [.. groups.Select(_ => false), true, false, true, false, true, false, false, true]);

        var distribution = new ReportTable(
            "Distribution of release times",
            [.. groups, "Period", "n", "p10", "p25", "Median", "p75", "p90", "p95", "Min", "Max", "SD", .. s.TargetSeconds is null ? Array.Empty<string>() : ["Within target (%)"], "Extreme"],
            [.. Cells.SelectMany(c => new[] { ("before", c.Before), ("after", c.After) }.Select(side => (IReadOnlyList<string>)[
                .. GroupCells(c.Group), side.Item1, Count(side.Item2.N), FormatReport(side.Item2.P10Seconds), FormatReport(side.Item2.P25Seconds),
                FormatReport(side.Item2.MedianSeconds), FormatReport(side.Item2.P75Seconds), FormatReport(side.Item2.P90Seconds), FormatReport(side.Item2.P95Seconds),
                FormatReport(side.Item2.MinSeconds), FormatReport(side.Item2.MaxSeconds), side.Item2.SdSeconds is null ? "-" : FormatReport(side.Item2.SdSeconds),
                .. s.TargetSeconds is null ? Array.Empty<string>() : [Percent(side.Item2.WithinTarget)], Count(side.Item2.FlaggedExtreme)]))],
            [.. groups.Select(_ => false), false, true, .. Enumerable.Repeat(true, 9), .. s.TargetSeconds is null ? Array.Empty<bool>() : [true], true],
            "Quantiles interpolate linearly between the closest ranks; SD is the sample standard deviation; extreme values are counted here and kept in every statistic.");

        var shareGroups = ChannelShares.Count > 0 ? ChannelShares[0].Group.Keys.ToList() : [];
        var shares = new ReportTable(
            "Channel shares",
            [.. shareGroups, "Period", "Channel", "Declarations", "Share (%)"],
            [.. ChannelShares.Select(c => (IReadOnlyList<string>)[.. GroupCells(c.Group), c.Period, c.Channel ?? "(empty)", Count(c.Declarations), Percent(c.Share)])],
            [.. shareGroups.Select(_ => false), false, false, true, true],
            "The share of each period's counted declarations in each channel, within the groups without the channel.");

        var quality = new ReportTable(
            "Data quality",
            ["Rows", "Count", "Meaning"],
            [
                ["rows", Count(q.Rows), "read from the input"],
                ["rejectedRows", Count(q.RejectedRows), "a value could not be read (listed below)"],
                ["missingStart", Count(q.MissingStart), $"no {s.Stage.Start}"],
                ["missingEnd", Count(q.MissingEnd), $"no {s.Stage.End}"],
                ["negative", Count(q.Negative), "ends before it starts (excluded)"],
                ["noPeriod", Count(q.NoPeriod), $"{s.PeriodBy} missing or outside both periods"],
                ["flaggedExtreme", Count(q.FlaggedExtreme), s.Stage.ExtremeCapSeconds is { } cap ? $"longer than {FormatReport(cap)} (counted, not removed)" : "no cap for this stage"],
            ],
            [false, true, false],
            "Each row is counted once, in the first of these that applies.");

        var tables = new List<ReportTable> { main, distribution };
        if (ChannelShares.Count > 0)
        {
            tables.Add(shares);
        }

        tables.Add(quality);
        if (Rejected.Count > 0)
        {
            const int Shown = 50;
            tables.Add(new ReportTable(
                "Rejected rows",
                ["File", "Line", "Column", "Reason"],
                [.. Rejected.Take(Shown).Select(r => (IReadOnlyList<string>)[r.File, r.Line.ToString(CultureInfo.InvariantCulture), r.ColumnName ?? "", r.Reason])],
                [false, true, false, false],
                DataQuality.RejectedRows > Shown ? $"The first {Math.Min(Shown, Rejected.Count)} of {DataQuality.RejectedRows:N0}; the JSON report lists up to {StudyEngine.MaxListed:N0}." : null));
        }

        var title = $"Time release study: {s.Stage.Name}, before and after {Day(s.Split)}{(s.Mra is null ? "" : $" ({MraText(s)})")}";
        return new ReportDocument(title, summary, tables, TimeReleaseCharts.ForStudy(this));
    }

    private static IEnumerable<string> GroupCells(IReadOnlyDictionary<string, string?> group) => group.Values.Select(v => v ?? "(empty)");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MraText(StudyDefinitionJson s) => s.MraName is { } name && name != s.Mra ? $"{s.Mra}, {name}" : s.Mra ?? "";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
