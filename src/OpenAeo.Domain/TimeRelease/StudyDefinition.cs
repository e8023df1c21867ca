using System.Globalization;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>
/// What is measured: from one milestone column to another. Presets are the report's two stages and the WCO
/// headline; a custom stage is any pair of columns.
/// </summary>
/// <param name="IsSigned">True when a negative duration is legitimate (release before arrival in pre-arrival
/// processing) and is kept; otherwise it is counted as <c>negative</c> and excluded.</param>
/// <param name="ExtremeCapSeconds">Durations beyond this are flagged and counted, never dropped.</param>
public sealed record Stage(string Name, string Start, string End, bool IsSigned, double? ExtremeCapSeconds)
{
    public const string Apec1 = "apec1";
    public const string Apec2 = "apec2";
    public const string WcoRelease = "wco-release";

    /// <summary>
    /// The presets and their default caps: a week for stage 1 (the report's longest mean is 2 days 17 hours), 90
    /// days for stage 2 (its longest mean is 22 days) and 30 days for arrival to release.
    /// </summary>
    public static IReadOnlyList<Stage> Presets { get; } =
    [
        new(Apec1, "lodged_at", "released_at", false, 7 * 86_400),
        new(Apec2, "arrival_at", "delivered_at", false, 90 * 86_400),
        new(WcoRelease, "arrival_at", "released_at", false, 30 * 86_400),
    ];

    /// <summary>A preset name or <c>start:end</c> column names.</summary>
    public static Result<Stage> Parse(string? text, bool isSigned = false, double? extremeCapSeconds = null)
    {
        var name = (text ?? "").Trim();
        var preset = Presets.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (preset is not null)
        {
            return Result<Stage>.Ok(preset with { IsSigned = isSigned, ExtremeCapSeconds = extremeCapSeconds ?? preset.ExtremeCapSeconds });
        }

        var parts = name.Split(':');
        if (parts.Length != 2 || !StudyDefinition.IsColumnName(parts[0]) || !StudyDefinition.IsColumnName(parts[1]) || parts[0] == parts[1])
        {
            return new DomainError("stage.unknown",
                $"'{text}' is not a stage: use apec1 (lodged_at→released_at), apec2 (arrival_at→delivered_at), wco-release (arrival_at→released_at) or two different columns as start:end.",
                "stage");
        }

        return Result<Stage>.Ok(new Stage(name.ToLowerInvariant(), parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), isSigned, extremeCapSeconds));
    }
}

/// <summary>
/// A declaration-level study: stage × groups × period. Periods are calendar days in each declaration's office time
/// zone: before = the period milestone in [<see cref="BeforeFrom"/>, <see cref="Split"/>), after = in
/// [<see cref="Split"/>, <see cref="AfterTo"/>] (the whole last day).
/// </summary>
/// <param name="GroupBy">Columns whose values make the cells (empty: one cell for everything).</param>
/// <param name="PeriodBy">The milestone whose day places a declaration before or after (the lodgement by default).</param>
/// <param name="TargetSeconds">Reports the share of declarations at or under this duration.</param>
/// <param name="DefaultTimeZone">Days are counted in this zone for rows that have no <c>office_tz</c>.</param>
/// <param name="Mra">The MRA the split comes from, when it was given by MRA rather than by date.</param>
public sealed record StudyDefinition(
    Stage Stage,
    IReadOnlyList<string> GroupBy,
    DateOnly Split,
    DateOnly? BeforeFrom,
    DateOnly? AfterTo,
    string PeriodBy,
    double? TargetSeconds,
    string DefaultTimeZone,
    string? Mra)
{
    public const string DefaultPeriodBy = "lodged_at";
    public const string OfficeTimeZoneColumn = "office_tz";
    public const string ChannelColumn = "channel";

    /// <summary>The wide event format of the spec; any other column is kept and can be grouped by.</summary>
    public static IReadOnlyList<string> EventColumns { get; } =
    [
        "declaration_id", "reporter", "origin", "mode", "channel", "aeo", "sme", "importer_tin", "office", "office_tz",
        "arrival_at", "lodged_at", "released_at", "delivered_at",
    ];

    /// <summary>The columns a file must have for this study (stage ends, period milestone, groups), in that order.</summary>
    public IReadOnlyList<string> RequiredColumns =>
        new[] { Stage.Start, Stage.End, PeriodBy }.Concat(GroupBy).Distinct().ToList();

    /// <summary>The timestamp columns the study reads, each once: start, end, then the period milestone if different.</summary>
    public IReadOnlyList<string> TimestampColumns => new[] { Stage.Start, Stage.End, PeriodBy }.Distinct().ToList();

    public static bool IsColumnName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);

    /// <summary>Checks a definition as the CLI, API and UI receive it; every problem is reported, by field.</summary>
    public static Result<StudyDefinition> Create(
        string? stage,
        IReadOnlyList<string>? groupBy,
        string? split,
        string? mra,
        string? beforeFrom,
        string? afterTo,
        string? periodBy,
        string? target,
        string? extremeCap,
        bool isSigned,
        string? defaultTimeZone,
        Func<string, bool> isTimeZone)
    {
        var errors = new List<DomainError>();
        double? cap = null;
        if (!string.IsNullOrWhiteSpace(extremeCap))
        {
            var parsedCap = TimeNotation.ParseDuration(extremeCap, "extremeCap");
            errors.AddRange(parsedCap.Errors);
            cap = parsedCap.IsOk ? parsedCap.Value : null;
        }

        var parsedStage = Stage.Parse(stage, isSigned, cap);
        errors.AddRange(parsedStage.Errors);

        var groups = (groupBy ?? []).SelectMany(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(g => g.ToLowerInvariant()).ToList();
        errors.AddRange(groups.Where(g => !IsColumnName(g)).Select(g => new DomainError("study.groupBy", $"'{g}' is not a column name (letters, digits and _).", "groupBy")));
        errors.AddRange(groups.GroupBy(g => g).Where(g => g.Count() > 1).Select(g => new DomainError("study.groupBy", $"'{g.Key}' is named twice in the grouping.", "groupBy")));

        DateOnly? splitDay = null;
        string? mraId = null;
        if (!string.IsNullOrWhiteSpace(split) && !string.IsNullOrWhiteSpace(mra))
        {
            errors.Add(new DomainError("study.split", "Give either a split date or an MRA, not both.", "split"));
        }
        else if (!string.IsNullOrWhiteSpace(mra))
        {
            var known = BuiltInMras.Find(mra);
            if (known is null)
            {
                errors.Add(new DomainError("study.mra",
                    $"'{mra}' is not an MRA OpenAeo knows yet (the MRA registry is not available; built in: {string.Join(", ", BuiltInMras.All.Select(m => m.Id))}); give the split date instead.",
                    "mra"));
            }
            else
            {
                splitDay = known.EntryIntoForce;
                mraId = known.Id;
            }
        }
        else
        {
            splitDay = Day(split, "split", errors, required: true);
        }

        var from = Day(beforeFrom, "beforeFrom", errors, required: false);
        var to = Day(afterTo, "afterTo", errors, required: false);
        if (splitDay is { } s)
        {
            if (from >= s)
            {
                errors.Add(new DomainError("study.beforeFrom", $"The before period must start before the split ({s:yyyy-MM-dd}).", "beforeFrom"));
            }

            if (to < s)
            {
                errors.Add(new DomainError("study.afterTo", $"The after period must end on or after the split ({s:yyyy-MM-dd}).", "afterTo"));
            }
        }

        var milestone = string.IsNullOrWhiteSpace(periodBy) ? DefaultPeriodBy : periodBy.Trim().ToLowerInvariant();
        if (!IsColumnName(milestone))
        {
            errors.Add(new DomainError("study.periodBy", $"'{periodBy}' is not a column name.", "periodBy"));
        }

        double? targetSeconds = null;
        if (!string.IsNullOrWhiteSpace(target))
        {
            var parsedTarget = TimeNotation.ParseDuration(target, "target");
            errors.AddRange(parsedTarget.Errors);
            targetSeconds = parsedTarget.IsOk ? parsedTarget.Value : null;
        }

        var zone = string.IsNullOrWhiteSpace(defaultTimeZone) ? "UTC" : defaultTimeZone.Trim();
        if (!isTimeZone(zone))
        {
            errors.Add(new DomainError("study.timeZone", $"'{zone}' is not an IANA time zone (such as Asia/Taipei).", "defaultTimeZone"));
        }

        if (errors.Count > 0)
        {
            return Result<StudyDefinition>.Fail(errors);
        }

        return Result<StudyDefinition>.Ok(new StudyDefinition(parsedStage.Value!, groups, splitDay!.Value, from, to, milestone, targetSeconds, zone, mraId));
    }

    private static DateOnly? Day(string? text, string field, List<DomainError> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(new DomainError("study.split", "Give the split date (yyyy-mm-dd), or an MRA whose entry into force is the split.", field));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new DomainError($"study.{field}", $"'{text}' is not a date in the form yyyy-mm-dd.", field));
        return null;
    }
}

/// <summary>An MRA whose entry into force OpenAeo knows without the MRA registry.</summary>
public sealed record BuiltInMra(string Id, string Name, DateOnly EntryIntoForce, string Source);

/// <summary>
/// The entry-into-force dates the APEC report's TRS tables use (<c>reference-data.md</c>), so <c>--mra</c> works
/// before the MRA registry exists. New Zealand–Hong Kong, China is left out: the report gives two windows with a
/// gap (before ends 2019-02-19, after starts 2019-03-08), not one date.
/// </summary>
public static class BuiltInMras
{
    private const string Source = "APEC report, section V, Tables 2–6";

    public static IReadOnlyList<BuiltInMra> All { get; } =
    [
        new("TW-JP", "Chinese Taipei–Japan AEO MRA", new DateOnly(2019, 5, 22), Source),
        new("TW-KR", "Chinese Taipei–Korea AEO MRA", new DateOnly(2016, 10, 1), Source),
        new("AU-TW", "Australia–Chinese Taipei AEO MRA", new DateOnly(2019, 6, 1), Source),
    ];

    /// <summary>By id in either order of the two economies (<c>JP-TW</c> is <c>TW-JP</c>), case-insensitive.</summary>
    public static BuiltInMra? Find(string id)
    {
        var wanted = Key(id);
        return All.FirstOrDefault(m => Key(m.Id) == wanted);
    }

    private static string Key(string id) =>
        string.Join("-", id.Trim().ToUpperInvariant().Split('-', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
}
