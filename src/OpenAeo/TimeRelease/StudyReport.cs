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
    StudyInputJson? Input,
    double? Confidence = null,
    int? Bootstrap = null,
    long? Seed = null,
    string? Treated = null,
    string? Control = null,
    string? AsOf = null,
    string? Clock = null,
    bool Approximate = false
)
{
    public static StudyDefinitionJson From(StudyDefinition s, StudyInputJson? input) =>
        new(
            new StageJson(s.Stage.Name, s.Stage.Start, s.Stage.End, s.Stage.IsSigned, s.Stage.ExtremeCapSeconds),
            s.GroupBy,
            s.Split,
            s.BeforeFrom,
            s.AfterTo,
            s.PeriodBy,
            s.TargetSeconds,
            s.DefaultTimeZone,
            s.Mra,
            s.MraName,
            input,
            s.Rigour.Level,
            s.Rigour.Bootstrap,
            s.Rigour.Seed,
            s.Rigour.Treated?.ToString(),
            s.Rigour.Control?.ToString(),
            s.AsOfMicros is { } asOf ? Timestamps.Format(asOf) : null,
            s.Clock?.Description,
            s.Approximate
        );
}

/// <summary>Intervals on the wire are [low, high] pairs (null when there is too little data or no bootstrap).</summary>
internal static class IntervalJson
{
    public static double[]? Of(Interval? interval) => interval is { } i ? [i.Low, i.High] : null;
}

internal sealed record SideCiJson(double[]? Median, double[]? Mean);

internal sealed record CiJson(double Level, SideCiJson Before, SideCiJson After, SideCiJson RateOfChangePct)
{
    public static CiJson? From(CellIntervals? ci) =>
        ci is null
            ? null
            : new(
                ci.Level,
                new SideCiJson(IntervalJson.Of(ci.Before.Median), IntervalJson.Of(ci.Before.Mean)),
                new SideCiJson(IntervalJson.Of(ci.After.Median), IntervalJson.Of(ci.After.Mean)),
                new SideCiJson(IntervalJson.Of(ci.MedianRateOfChangePct), IntervalJson.Of(ci.MeanRateOfChangePct))
            );
}

internal sealed record DecompositionCiJson(double[]? Total, double[]? Mix, double[]? Within, double[]? Interaction);

internal sealed record DecompositionJson(
    double TotalSeconds,
    double MixSeconds,
    double WithinSeconds,
    double InteractionSeconds,
    DecompositionCiJson Ci
)
{
    public static DecompositionJson? From(Decomposition? d) =>
        d is null
            ? null
            : new(
                d.TotalSeconds,
                d.MixSeconds,
                d.WithinSeconds,
                d.InteractionSeconds,
                new DecompositionCiJson(
                    IntervalJson.Of(d.TotalCi),
                    IntervalJson.Of(d.MixCi),
                    IntervalJson.Of(d.WithinCi),
                    IntervalJson.Of(d.InteractionCi)
                )
            );
}

/// <summary>One month of the event study: <c>relative</c> counts months from the split's month (0 is the month of the split).</summary>
internal sealed record DidMonthJson(
    string Month,
    int Relative,
    long TreatedN,
    double? TreatedMedianSeconds,
    long ControlN,
    double? ControlMedianSeconds
);

internal sealed record DidArmJson(long BeforeN, long AfterN, double? BeforeMedianSeconds, double? AfterMedianSeconds);

internal sealed record DidJson(
    string Treated,
    string Control,
    double Level,
    double? MedianRatio,
    double[]? MedianRatioCi,
    double? MeanLogDiff,
    double[]? MeanLogDiffCi,
    DidArmJson TreatedGroup,
    DidArmJson ControlGroup,
    IReadOnlyList<DidMonthJson> Months
)
{
    public static DidJson? From(DifferenceInDifferences? d) =>
        d is null
            ? null
            : new(
                d.Treated,
                d.Control,
                d.Level,
                d.MedianRatio,
                IntervalJson.Of(d.MedianRatioCi),
                d.MeanLogDiff,
                IntervalJson.Of(d.MeanLogDiffCi),
                new DidArmJson(d.TreatedBeforeN, d.TreatedAfterN, d.TreatedBeforeMedianSeconds, d.TreatedAfterMedianSeconds),
                new DidArmJson(d.ControlBeforeN, d.ControlAfterN, d.ControlBeforeMedianSeconds, d.ControlAfterMedianSeconds),
                [
                    .. d.Months.Select(m => new DidMonthJson(
                        $"{m.Year:D4}-{m.Month:D2}",
                        m.Relative,
                        m.TreatedN,
                        m.TreatedMedianSeconds,
                        m.ControlN,
                        m.ControlMedianSeconds
                    )),
                ]
            );
}

internal sealed record RateJson(double? Mean, double? Median);

internal sealed record CellJson(
    IReadOnlyDictionary<string, string?> Group,
    SideStatistics Before,
    SideStatistics After,
    RateJson RateOfChangePct,
    CiJson? Ci = null,
    DecompositionJson? Decomposition = null
);

internal sealed record ChannelShareJson(
    IReadOnlyDictionary<string, string?> Group,
    string Period,
    string? Channel,
    long Declarations,
    double Share
);

/// <summary>
/// A study's result in the spec's JSON shape (<c>study</c>, <c>dataQuality</c>, <c>cells</c>, <c>channelShares</c>),
/// plus the rejected rows. It is what the API returns and what a saved study stores, and every other format is
/// rendered from it, so a downloaded report and the page show the same numbers.
/// </summary>
internal sealed record StudyJson(
    StudyDefinitionJson Study,
    DataQuality DataQuality,
    IReadOnlyList<CellJson> Cells,
    IReadOnlyList<ChannelShareJson> ChannelShares,
    IReadOnlyList<RejectedRow> Rejected,
    DidJson? Did = null,
    IReadOnlyList<string>? Findings = null
)
{
    public static StudyJson From(StudyResult result, StudyInputJson? input) =>
        new(
            StudyDefinitionJson.From(result.Study, input),
            result.DataQuality,
            [
                .. result.Cells.Select(c => new CellJson(
                    Group(c.Group),
                    c.Before,
                    c.After,
                    new RateJson(c.MeanRateOfChangePct, c.MedianRateOfChangePct),
                    CiJson.From(c.Ci),
                    DecompositionJson.From(c.Decomposition)
                )),
            ],
            [.. result.ChannelShares.Select(s => new ChannelShareJson(Group(s.Group), s.Period, s.Channel, s.Declarations, s.Share))],
            result.Rejected,
            DidJson.From(result.Did),
            Domain.TimeRelease.Findings.Of(result)
        );

    private static Dictionary<string, string?> Group(IReadOnlyList<GroupValue> values) => values.ToDictionary(v => v.Column, v => v.Value);

    /// <summary>
    /// The findings in words, the charts, then the report's layout: the main table of means and rates with their
    /// intervals, the difference-in-differences, the decomposition, distributions, channel shares and data quality.
    /// Durations read as people write them (<c>4 h 01 min</c>) unless <paramref name="reportNotation"/> asks for the
    /// APEC report's <c>0 days 4 hours 1 min. 0.0 sec.</c>.
    /// </summary>
    public ReportDocument ToDocument(bool reportNotation = false)
    {
        Func<double?, string> duration = reportNotation ? FormatReport : Readable.Duration;
        var s = Study;
        var groups = s.GroupBy;
        var before = $"Before ({(s.BeforeFrom is { } f ? Day(f) : "…")}~{Day(s.Split.AddDays(-1))})";
        var after = $"After ({Day(s.Split)}~{(s.AfterTo is { } t ? Day(t) : "…")})";
        var summary = new List<string>
        {
            $"Stage: {s.Stage.Name} ({s.Stage.Start} → {s.Stage.End}{(s.Stage.Signed ? ", signed" : "")})",
            $"Split: {Day(s.Split)}{(s.Mra is null ? "" : $" (entry into force of {MraText(s)})")}; periods by "
                + $"{s.PeriodBy}, calendar days in each office's time zone (default {s.DefaultTimeZone})",
            $"Grouped by: {(groups.Count == 0 ? "nothing (one cell)" : string.Join(", ", groups))}",
            // Which clock the durations are on (ADR 0044), and how exact the quantiles are (ADR 0045).
            $"Clock: {s.Clock ?? "elapsed time (every hour counts)"}",
        };
        if (s.Approximate)
        {
            summary.Add("Quantiles: approximate, each within 0.25 % of the exact one (or 0.5 s under a second); means and counts exact");
        }

        if (s.Input is { } input)
        {
            summary.Add(
                $"Input: {input.File} ({input.Format}, {input.Bytes:N0} bytes{(input.Sha256 is null ? "" : $", SHA-256 {input.Sha256}")})"
            );
        }

        if (s.TargetSeconds is { } target)
        {
            summary.Add($"Target: {FormatReport(target)}");
        }

        var q = DataQuality;
        summary.Add(
            $"Rows: {q.Rows:N0}; counted {Cells.Sum(c => c.Before.N + c.After.N):N0}; rejected {q.RejectedRows:N0}"
                + $"; extreme values flagged (and kept) {q.FlaggedExtreme:N0}"
        );

        var level = s.Confidence is { } l ? Readable.Level(l) : "95%";
        if (s.Bootstrap is { } replicates)
        {
            summary.Add(
                replicates > 0
                    ? $"Intervals: {level}; medians by order statistics, means and rates by a bootstrap of "
                        + $"{replicates:N0} replicates (seed {s.Seed}) resampling importers when the file has "
                        + "importer_tin, else declarations"
                    : $"Intervals: {level}; medians by order statistics; no bootstrap (means and rates without intervals)"
            );
        }

        var main = new ReportTable(
            "Release times and rates of change",
            [
                .. groups,
                $"{before}: declarations",
                $"{before}: mean",
                $"{after}: declarations",
                $"{after}: mean",
                "Rate of change (%)",
                $"Rate: {level} CI",
                "Before: median",
                "After: median",
                "Median rate of change (%)",
                $"Median rate: {level} CI",
            ],
            [
                .. Cells.Select(c =>
                    (IReadOnlyList<string>)
                        [
                            .. GroupCells(c.Group),
                            Count(c.Before.N),
                            duration(c.Before.MeanSeconds),
                            Count(c.After.N),
                            duration(c.After.MeanSeconds),
                            FormatRate(c.RateOfChangePct.Mean),
                            RatePair(c.Ci?.RateOfChangePct.Mean),
                            duration(c.Before.MedianSeconds),
                            duration(c.After.MedianSeconds),
                            FormatRate(c.RateOfChangePct.Median),
                            RatePair(c.Ci?.RateOfChangePct.Median),
                        ]
                ),
            ],
            [.. groups.Select(_ => false), true, false, true, false, true, true, false, false, true, true]
        );

        var intervals = new ReportTable(
            $"Medians and means with their {level} confidence intervals",
            [.. groups, "Period", "n", "Median", "Median CI", "Mean", "Mean CI"],
            [
                .. Cells.SelectMany(c =>
                    new[] { ("before", c.Before, c.Ci?.Before), ("after", c.After, c.Ci?.After) }.Select(side =>
                        (IReadOnlyList<string>)
                            [
                                .. GroupCells(c.Group),
                                side.Item1,
                                Count(side.Item2.N),
                                duration(side.Item2.MedianSeconds),
                                Pair(side.Item3?.Median, duration),
                                duration(side.Item2.MeanSeconds),
                                Pair(side.Item3?.Mean, duration),
                            ]
                    )
                ),
            ],
            [.. groups.Select(_ => false), false, true, true, true, true, true],
            "The median's interval is distribution-free (order statistics, widened to the 0.5 % duration bins that "
                + "hold them); the mean's is a BCa bootstrap interval over importers (ADR 0021)."
        );

        var decompositions = new ReportTable(
            "What changed the mean: channel mix or handling within channels",
            [.. groups, "Change in mean", "Channel mix", "Within channels", "Interaction", "Mix CI", "Within CI"],
            [
                .. Cells
                    .Where(c => c.Decomposition is not null)
                    .Select(c =>
                        (IReadOnlyList<string>)
                            [
                                .. GroupCells(c.Group),
                                duration(c.Decomposition!.TotalSeconds),
                                duration(c.Decomposition.MixSeconds),
                                duration(c.Decomposition.WithinSeconds),
                                duration(c.Decomposition.InteractionSeconds),
                                Pair(c.Decomposition.Ci.Mix, duration),
                                Pair(c.Decomposition.Ci.Within, duration),
                            ]
                    ),
            ],
            [.. groups.Select(_ => false), true, true, true, true, true, true],
            "Shift-share over channels: mix = Σ (share after − share before) × mean before; within = Σ share "
                + "before × (mean after − mean before); interaction = the rest."
        );

        var censoring = q.Censored > 0;
        var distribution = new ReportTable(
            "Distribution of release times",
            [
                .. groups,
                "Period",
                "n",
                "p10",
                "p25",
                "Median",
                "p75",
                "p90",
                "p95",
                "Min",
                "Max",
                "SD",
                .. s.TargetSeconds is null ? Array.Empty<string>() : ["Within target (%)"],
                "Extreme",
                .. censoring ? ["Censored", "Median (Kaplan–Meier)"] : Array.Empty<string>(),
            ],
            [
                .. Cells.SelectMany(c =>
                    new[] { ("before", c.Before), ("after", c.After) }.Select(side =>
                        (IReadOnlyList<string>)
                            [
                                .. GroupCells(c.Group),
                                side.Item1,
                                Count(side.Item2.N),
                                duration(side.Item2.P10Seconds),
                                duration(side.Item2.P25Seconds),
                                duration(side.Item2.MedianSeconds),
                                duration(side.Item2.P75Seconds),
                                duration(side.Item2.P90Seconds),
                                duration(side.Item2.P95Seconds),
                                duration(side.Item2.MinSeconds),
                                duration(side.Item2.MaxSeconds),
                                side.Item2.SdSeconds is null ? "-" : duration(side.Item2.SdSeconds),
                                .. s.TargetSeconds is null ? Array.Empty<string>() : [Percent(side.Item2.WithinTarget)],
                                Count(side.Item2.FlaggedExtreme),
                                .. censoring ? [Count(side.Item2.Censored), duration(side.Item2.KmMedianSeconds)] : Array.Empty<string>(),
                            ]
                    )
                ),
            ],
            [
                .. groups.Select(_ => false),
                false,
                true,
                .. Enumerable.Repeat(true, 9),
                .. s.TargetSeconds is null ? Array.Empty<bool>() : [true],
                true,
                .. censoring ? [true, true] : Array.Empty<bool>(),
            ],
            "Quantiles interpolate linearly between the closest ranks; SD is the sample standard deviation; "
                + "extreme values are counted here and kept in every statistic."
                + (
                    censoring
                        ? " Censored: not released by the end of the data, left out of the other statistics; the "
                            + "Kaplan–Meier median counts them as still waiting (none: too many are)."
                        : ""
                )
        );

        var shareGroups = ChannelShares.Count > 0 ? ChannelShares[0].Group.Keys.ToList() : [];
        var shares = new ReportTable(
            "Channel shares",
            [.. shareGroups, "Period", "Channel", "Declarations", "Share (%)"],
            [
                .. ChannelShares.Select(c =>
                    (IReadOnlyList<string>)
                        [.. GroupCells(c.Group), c.Period, c.Channel ?? "(empty)", Count(c.Declarations), Percent(c.Share)]
                ),
            ],
            [.. shareGroups.Select(_ => false), false, false, true, true],
            "The share of each period's counted declarations in each channel, within the groups without the channel."
        );

        var quality = new ReportTable(
            "Data quality",
            ["Rows", "Count", "Meaning"],
            [
                ["rows", Count(q.Rows), "read from the input"],
                ["rejectedRows", Count(q.RejectedRows), "a value could not be read (listed below)"],
                ["missingStart", Count(q.MissingStart), $"no {s.Stage.Start}"],
                [
                    "censored",
                    Count(q.Censored),
                    $"no {s.Stage.End} by the end of the data ({q.AsOf ?? "-"}): in the Kaplan–Meier medians only",
                ],
                ["missingEnd", Count(q.MissingEnd), $"no {s.Stage.End}, outside both periods"],
                ["negative", Count(q.Negative), "ends before it starts (excluded)"],
                ["noPeriod", Count(q.NoPeriod), $"{s.PeriodBy} missing or outside both periods"],
                [
                    "flaggedExtreme",
                    Count(q.FlaggedExtreme),
                    s.Stage.ExtremeCapSeconds is { } cap
                        ? $"longer than {FormatReport(cap)} (counted, not removed)"
                        : "no cap for this stage",
                ],
            ],
            [false, true, false],
            "Each row is counted once, in the first of these that applies."
        );

        var tables = new List<ReportTable> { main, intervals };
        if (Did is { } did)
        {
            tables.Add(
                new ReportTable(
                    $"Difference-in-differences: {Readable.Arm(did.Treated)} against {Readable.Arm(did.Control)}",
                    ["Measure", "Value", $"{level} CI"],
                    [
                        [
                            $"{Readable.Arm(did.Treated)}: median before → after",
                            $"{duration(did.TreatedGroup.BeforeMedianSeconds)} → {duration(did.TreatedGroup.AfterMedianSeconds)}",
                            "",
                        ],
                        [
                            $"{Readable.Arm(did.Control)}: median before → after",
                            $"{duration(did.ControlGroup.BeforeMedianSeconds)} → {duration(did.ControlGroup.AfterMedianSeconds)}",
                            "",
                        ],
                        ["Ratio of median ratios", Number(did.MedianRatio), NumberPair(did.MedianRatioCi)],
                        ["Difference in mean log durations", Number(did.MeanLogDiff), NumberPair(did.MeanLogDiffCi)],
                    ],
                    [false, true, true],
                    "A ratio of 0.70 means the treated group's median fell 30 % more than the control's; medians "
                        + "read off 0.5 % bins (ADR 0021)."
                )
            );
            tables.Add(
                new ReportTable(
                    "Event study: medians by month",
                    [
                        "Month",
                        "Months from the split",
                        $"{Readable.Arm(did.Treated)}: n",
                        $"{Readable.Arm(did.Treated)}: median",
                        $"{Readable.Arm(did.Control)}: n",
                        $"{Readable.Arm(did.Control)}: median",
                    ],
                    [
                        .. did.Months.Select(m =>
                            (IReadOnlyList<string>)
                                [
                                    m.Month,
                                    m.Relative.ToString(CultureInfo.InvariantCulture),
                                    Count(m.TreatedN),
                                    duration(m.TreatedMedianSeconds),
                                    Count(m.ControlN),
                                    duration(m.ControlMedianSeconds),
                                ]
                        ),
                    ],
                    [false, true, true, true, true, true],
                    "Parallel lines before the split (months below 0) are what makes the control a fair comparison."
                )
            );
        }

        if (decompositions.Rows.Count > 0)
        {
            tables.Add(decompositions);
        }

        tables.Add(distribution);
        if (ChannelShares.Count > 0)
        {
            tables.Add(shares);
        }

        tables.Add(quality);
        if (Rejected.Count > 0)
        {
            const int Shown = 50;
            tables.Add(
                new ReportTable(
                    "Rejected rows",
                    ["File", "Line", "Column", "Reason"],
                    [
                        .. Rejected
                            .Take(Shown)
                            .Select(r =>
                                (IReadOnlyList<string>)[r.File, r.Line.ToString(CultureInfo.InvariantCulture), r.ColumnName ?? "", r.Reason]
                            ),
                    ],
                    [false, true, false, false],
                    DataQuality.RejectedRows > Shown
                        ? $"The first {Math.Min(Shown, Rejected.Count)} of {DataQuality.RejectedRows:N0}; the JSON "
                            + $"report lists up to {StudyEngine.MaxListed:N0}."
                        : null
                )
            );
        }

        var title = $"Time release study: {s.Stage.Name}, before and after {Day(s.Split)}{(s.Mra is null ? "" : $" ({MraText(s)})")}";
        return new ReportDocument(title, summary, tables, TimeReleaseCharts.ForStudy(this), main, Findings);
    }

    private static IEnumerable<string> GroupCells(IReadOnlyDictionary<string, string?> group) =>
        group.Select(v => Readable.Value(v.Key, v.Value));

    private static string Pair(double[]? interval, Func<double?, string> format) =>
        interval is [var low, var high] ? $"{format(low)} – {format(high)}" : "-";

    private static string RatePair(double[]? interval) =>
        interval is [var low, var high] ? $"{FormatRate(low)} to {FormatRate(high)}" : "-";

    private static string Number(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string NumberPair(double[]? interval) => interval is [var low, var high] ? $"{Number(low)} to {Number(high)}" : "-";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string MraText(StudyDefinitionJson s) => s.MraName is { } name && name != s.Mra ? $"{s.Mra}, {name}" : s.Mra ?? "";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
