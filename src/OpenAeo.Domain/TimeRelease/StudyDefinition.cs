using System.Globalization;

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
            return new DomainError(
                "stage.unknown",
                $"'{text}' is not a stage: use apec1 (lodged_at→released_at), apec2 (arrival_at→delivered_at), "
                    + "wco-release (arrival_at→released_at) or two different columns as start:end.",
                "stage"
            );
        }

        return Result<Stage>.Ok(
            new Stage(name.ToLowerInvariant(), parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant(), isSigned, extremeCapSeconds)
        );
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
/// <param name="Mra">The registry id of the MRA the split comes from (<c>MRA-3</c>), when it was given by MRA rather than by date.</param>
/// <param name="MraName">That MRA's name, for reports.</param>
/// <param name="Inference">Confidence level, bootstrap and difference-in-differences arms (null:
/// <see cref="RigourOptions.Default"/>).</param>
/// <param name="AsOfMicros">
/// The end of the data (an instant, microseconds since the epoch): a declaration started by then but not ended by then
/// is censored there (ADR 0034). Null: the latest timestamp the study reads in the file.
/// </param>
/// <param name="Clock">The working-hours clock (ADR 0044): durations count only the office's open hours; null counts elapsed time.</param>
/// <param name="Approximate">Quantiles read off the duration bins (ADR 0045): within 0.25 % (or 0.5 s) of the exact ones, in memory that
/// does not grow with the rows.</param>
public sealed record StudyDefinition(
    Stage Stage,
    IReadOnlyList<string> GroupBy,
    DateOnly Split,
    DateOnly? BeforeFrom,
    DateOnly? AfterTo,
    string PeriodBy,
    double? TargetSeconds,
    string DefaultTimeZone,
    string? Mra,
    string? MraName = null,
    RigourOptions? Inference = null,
    long? AsOfMicros = null,
    WorkingClock? Clock = null,
    bool Approximate = false
)
{
    public RigourOptions Rigour => Inference ?? RigourOptions.Default;

    /// <summary>A study's name: the one given, else its stage, groups and file; at most 200 characters, as stored.</summary>
    public string NameOn(string? given, string file)
    {
        var name = string.IsNullOrWhiteSpace(given)
            ? $"{Stage.Name} by {(GroupBy.Count == 0 ? "all" : string.Join(", ", GroupBy))} on {file}"
            : given.Trim();
        return name[..Math.Min(name.Length, 200)];
    }

    public const string DefaultPeriodBy = "lodged_at";
    public const string OfficeTimeZoneColumn = "office_tz";
    public const string ChannelColumn = "channel";

    /// <summary>The columns a file must have for this study (stage ends, period milestone, groups), in that order.</summary>
    public IReadOnlyList<string> RequiredColumns =>
        new[] { Stage.Start, Stage.End, PeriodBy }
            .Concat(GroupBy)
            .Concat(new[] { Rigour.Treated?.Column, Rigour.Control?.Column }.OfType<string>())
            .Distinct()
            .ToList();

    /// <summary>The timestamp columns the study reads, each once: start, end, then the period milestone if different.</summary>
    public IReadOnlyList<string> TimestampColumns => new[] { Stage.Start, Stage.End, PeriodBy }.Distinct().ToList();

    public static bool IsColumnName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);

    /// <summary>Checks a definition as the CLI, API and UI receive it; every problem is reported, by field.</summary>
    /// <param name="mra">An MRA of <paramref name="registry"/> by id (<c>MRA-3</c>) or by two parties (<c>TW-JP</c>); its entry into force
    /// is the split.</param>
    /// <param name="registry">The MRAs of the registry (only read when <paramref name="mra"/> is given).</param>
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
        Func<string, bool> isTimeZone,
        IReadOnlyList<MraOption> registry,
        string? confidence = null,
        int? bootstrap = null,
        long? seed = null,
        string? treated = null,
        string? control = null,
        string? asOf = null,
        WorkingClock? clock = null,
        bool approximate = false
    )
    {
        var errors = new List<DomainError>();
        var rigour = RigourOptions.Create(confidence, bootstrap, seed, treated, control);
        errors.AddRange(rigour.Errors);
        double? cap = null;
        if (!string.IsNullOrWhiteSpace(extremeCap))
        {
            var parsedCap = TimeNotation.ParseDuration(extremeCap, "extremeCap");
            errors.AddRange(parsedCap.Errors);
            cap = parsedCap.IsOk ? parsedCap.Value : null;
        }

        var parsedStage = Stage.Parse(stage, isSigned, cap);
        errors.AddRange(parsedStage.Errors);

        var groups = (groupBy ?? [])
            .SelectMany(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(g => g.ToLowerInvariant())
            .ToList();
        errors.AddRange(
            groups
                .Where(g => !IsColumnName(g))
                .Select(g => new DomainError("study.groupBy", $"'{g}' is not a column name (letters, digits and _).", "groupBy"))
        );
        errors.AddRange(
            groups
                .GroupBy(g => g)
                .Where(g => g.Count() > 1)
                .Select(g => new DomainError("study.groupBy", $"'{g.Key}' is named twice in the grouping.", "groupBy"))
        );

        DateOnly? splitDay = null;
        MraOption? chosen = null;
        if (!string.IsNullOrWhiteSpace(split) && !string.IsNullOrWhiteSpace(mra))
        {
            errors.Add(new DomainError("study.split", "Give either a split date or an MRA, not both.", "split"));
        }
        else if (!string.IsNullOrWhiteSpace(mra))
        {
            var resolved = MraOption.Resolve(mra, registry);
            errors.AddRange(resolved.Errors);
            if (resolved.IsOk)
            {
                chosen = resolved.Value;
                splitDay = chosen!.EntryIntoForce;
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
                errors.Add(
                    new DomainError("study.beforeFrom", $"The before period must start before the split ({s:yyyy-MM-dd}).", "beforeFrom")
                );
            }

            if (to < s)
            {
                errors.Add(
                    new DomainError("study.afterTo", $"The after period must end on or after the split ({s:yyyy-MM-dd}).", "afterTo")
                );
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

        var cutOff = AsOf(asOf, zone, errors);
        if (clock is not null && parsedStage.Value is { } measured && !WorkingClock.Covers(measured))
        {
            errors.Add(
                new DomainError(
                    "study.clock",
                    "The working-hours clock counts only stages under customs control (lodged_at→released_at, "
                        + $"apec1); {measured.Start}→{measured.End} includes time customs does not control.",
                    "clock"
                )
            );
        }

        if (errors.Count > 0)
        {
            return Result<StudyDefinition>.Fail(errors);
        }

        return Result<StudyDefinition>.Ok(
            new StudyDefinition(
                parsedStage.Value!,
                groups,
                splitDay!.Value,
                from,
                to,
                milestone,
                targetSeconds,
                zone,
                chosen?.Id,
                chosen?.Name,
                rigour.Value,
                cutOff,
                clock,
                approximate
            )
        );
    }

    /// <summary>
    /// The end of the data: a timestamp with an offset, one without (read in the study's zone), or a day, which
    /// includes the whole day in the study's zone (the instant where the next day begins).
    /// </summary>
    private static long? AsOf(string? text, string zoneName, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        var zone = TimeZones.Find(zoneName);
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return zone is null ? null : Timestamps.Instant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        }

        if (Timestamps.Read(trimmed, out var reason) is not { } written)
        {
            errors.Add(new DomainError("study.asOf", $"{reason}; or a day (yyyy-mm-dd).", "asOf"));
            return null;
        }

        return written.Offset is { } offset ? Timestamps.Instant(written.Clock, offset)
            : zone is null ? null
            : Timestamps.Instant(written.Clock, zone);
    }

    private static DateOnly? Day(string? text, string field, List<DomainError> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(
                    new DomainError(
                        "study.split",
                        "Give the split date (yyyy-mm-dd), or an MRA whose entry into force is the split.",
                        field
                    )
                );
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

/// <summary>One party of an MRA: an economy (its own only member) or a bloc with its member economies.</summary>
public sealed record MraParty(string Code, IReadOnlyCollection<string> Members);

/// <summary>
/// An MRA of the registry as a study sees it: its id, name, parties, status and the day it entered into force (null
/// while it has not). The split of a study by MRA is that day, counted in each declaration's office time zone like
/// any split (time-release.md, "Periods").
/// </summary>
public sealed record MraOption(string Id, string Name, IReadOnlyList<MraParty> Parties, string Status, DateOnly? EntryIntoForce)
{
    /// <summary>
    /// Whether the MRA is between <paramref name="a"/> and <paramref name="b"/> (economy or bloc codes): a single bloc
    /// links its members; otherwise the two must sit in different parties. A code matches a party that is the code
    /// itself or a bloc it belongs to.
    /// </summary>
    public bool IsBetween(string a, string b)
    {
        bool Matches(MraParty party, string code) => party.Code == code || party.Members.Contains(code);
        return Parties.Count == 1
            ? a != b && Matches(Parties[0], a) && Matches(Parties[0], b)
            : Parties.Any(pa => Matches(pa, a) && Parties.Any(pb => !ReferenceEquals(pa, pb) && Matches(pb, b)));
    }

    /// <summary>How the MRA is offered to a user: <c>MRA-3 Chinese Taipei–Japan (in force 2019-05-22)</c>.</summary>
    public string Label =>
        EntryIntoForce is { } day
            ? $"{Id} {Name} (in force {day:yyyy-MM-dd})"
            : $"{Id} {Name} ({Words.FromPascalCase(Status).ToLowerInvariant()}, no entry into force)";

    /// <summary>
    /// The MRA a study names, by id (<c>MRA-3</c> or <c>3</c>) or by two parties in either order (<c>TW-JP</c>, <c>JP-TW</c>),
    /// which must match exactly one MRA of the registry; an MRA that has not entered into force cannot split a study.
    /// </summary>
    public static Result<MraOption> Resolve(string text, IReadOnlyList<MraOption> registry)
    {
        var wanted = text.Trim().ToUpperInvariant();
        var withDates = registry.Where(m => m.EntryIntoForce is not null).ToList();
        var known =
            withDates.Count == 0
                ? "The MRA registry has no MRA with an entry-into-force date."
                : $"MRAs with an entry-into-force date: {string.Join("; ", withDates.Select(m => m.Label))}.";
        MraOption? found;
        var number = wanted.StartsWith("MRA-", StringComparison.Ordinal) ? wanted[4..] : wanted;
        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            found = registry.FirstOrDefault(m => m.Id == $"MRA-{id}");
            if (found is null)
            {
                return Error($"There is no MRA-{id} in the MRA registry. {known}");
            }
        }
        else
        {
            var codes = wanted.Split('-', StringSplitOptions.TrimEntries);
            if (codes.Length != 2 || codes.Any(c => c.Length < 2 || !c.All(char.IsAsciiLetterUpper)))
            {
                return Error($"'{text.Trim()}' is neither an MRA id (MRA-3) nor two parties (TW-JP). {known}");
            }

            var matches = registry.Where(m => m.IsBetween(codes[0], codes[1])).ToList();
            if (matches.Count == 0)
            {
                return Error($"The MRA registry has no MRA between {codes[0]} and {codes[1]}. {known}");
            }

            if (matches.Count > 1)
            {
                return Error(
                    $"{codes[0]}-{codes[1]} names more than one MRA of the registry: "
                        + $"{string.Join("; ", matches.Select(m => m.Label))}. Give the id of the one you mean."
                );
            }

            found = matches[0];
        }

        return found.EntryIntoForce is null
            ? Error($"{found.Label}: an MRA that has not entered into force cannot split a study; give the split date instead.")
            : Result<MraOption>.Ok(found);
    }

    private static Result<MraOption> Error(string message) => new DomainError("study.mra", message, "mra");
}
