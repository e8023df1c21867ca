using System.Globalization;
using DuckDB.NET.Data;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.MutualRecognition;
using OpenAeo.Platform.Files;
using OpenAeo.Registry;

namespace OpenAeo.TimeRelease;

/// <summary>A study as the CLI, the API and the web form give it: text, checked by <see cref="StudyDefinition.Create"/>.</summary>
/// <param name="OfficeTimeZone">Days are counted in this zone for rows without <c>office_tz</c> (default UTC).</param>
/// <param name="MraName">Only in a saved definition: the name of the MRA whose entry into force was resolved as
/// <paramref name="Split"/>.</param>
/// <param name="Confidence">The level of every interval (0.95 by default; 0.9 or 90%).</param>
/// <param name="Bootstrap">Bootstrap replicates (1,000 by default; 0 for none).</param>
/// <param name="Seed">The bootstrap's seed (1 by default): the same seed gives the same intervals.</param>
/// <param name="Treated">The treated group of a difference-in-differences, as column=value (aeo=true, origin=JP).</param>
/// <param name="Control">Its control group as column=value; every other declaration when omitted.</param>
/// <param name="AsOf">The end of the data (a timestamp or a day): declarations not ended by then are censored; default the file's latest
/// timestamp.</param>
/// <param name="Clock"><c>elapsed</c> (default) or <c>working</c>: only the office's working hours count (ADR 0044), for stages under
/// customs control.</param>
/// <param name="Calendar">The programme whose working days, hours and holidays the working clock counts (<c>TW</c>).</param>
/// <param name="WorkingCalendar">Only in a saved definition: the programme's calendar as it was when the study was saved, so a re-run
/// counts the same hours.</param>
/// <param name="Approximate">Quantiles read off 0.5 % duration bins, within 0.25 % (or 0.5 s) of the exact ones, for studies too big for
/// exact quantiles in memory (ADR 0045).</param>
internal sealed record StudyRequest(
    [Limit(nameof(Limits.StudyTerm))] string? Stage,
    [Limit(nameof(Limits.StudyGroups))] IReadOnlyList<string>? GroupBy,
    [Limit(nameof(Limits.StudyTerm))] string? Split,
    [Limit(nameof(Limits.StudyTerm))] string? Mra,
    [Limit(nameof(Limits.StudyTerm))] string? BeforeFrom,
    [Limit(nameof(Limits.StudyTerm))] string? AfterTo,
    [Limit(nameof(Limits.StudyTerm))] string? PeriodBy,
    [Limit(nameof(Limits.StudyTerm))] string? Target,
    [Limit(nameof(Limits.StudyTerm))] string? ExtremeCap,
    bool Signed,
    [Limit(nameof(Limits.TimeZone))] string? OfficeTimeZone,
    [Limit(nameof(Limits.Name))] string? MraName = null,
    [Limit(nameof(Limits.StudyTerm))] string? Confidence = null,
    [Limit(nameof(Limits.Bootstrap))] int? Bootstrap = null,
    [Limit(nameof(Limits.Seed))] long? Seed = null,
    [Limit(nameof(Limits.StudyTerm))] string? Treated = null,
    [Limit(nameof(Limits.StudyTerm))] string? Control = null,
    [Limit(nameof(Limits.StudyTerm))] string? AsOf = null,
    [Limit(nameof(Limits.Keyword))] string? Clock = null,
    [Limit(nameof(Limits.ProgrammeCode))] string? Calendar = null,
    WorkingCalendarJson? WorkingCalendar = null,
    bool Approximate = false
)
{
    public const string Elapsed = "elapsed";
    public const string Working = "working";

    /// <summary>Whether the study asks for the working clock (then <see cref="Calendar"/> names the programme to load).</summary>
    public bool WantsWorkingClock => string.Equals(Clock?.Trim(), Working, StringComparison.OrdinalIgnoreCase);

    /// <summary>A definition as a user gives it: an MRA is looked up in <paramref name="registry"/>, the working clock is
    /// <paramref name="clock"/> (the calendar's programme, loaded by the caller).</summary>
    public Result<StudyDefinition> ToDefinition(IReadOnlyList<MraOption> registry, WorkingClock? clock = null)
    {
        var problems = ClockErrors(clock);
        var definition = StudyDefinition.Create(
            Stage,
            GroupBy,
            Split,
            Mra,
            BeforeFrom,
            AfterTo,
            PeriodBy,
            Target,
            ExtremeCap,
            Signed,
            OfficeTimeZone,
            IsTimeZone,
            registry,
            Confidence,
            Bootstrap,
            Seed,
            Treated,
            Control,
            AsOf,
            WantsWorkingClock ? clock : null,
            Approximate
        );
        return problems.Count == 0 ? definition : Result<StudyDefinition>.Fail([.. problems, .. definition.Errors]);
    }

    private List<DomainError> ClockErrors(WorkingClock? clock)
    {
        var errors = new List<DomainError>();
        if (Clock is not null && !WantsWorkingClock && !string.Equals(Clock.Trim(), Elapsed, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(
                new DomainError(
                    "study.clock",
                    $"'{Clock}' is not a clock: elapsed (every hour) or working (the office's working hours).",
                    "clock"
                )
            );
        }
        else if (WantsWorkingClock && string.IsNullOrWhiteSpace(Calendar))
        {
            errors.Add(
                new DomainError(
                    "study.calendar",
                    "The working clock needs the programme whose working hours and holidays it counts (--calendar TW).",
                    "calendar"
                )
            );
        }
        else if (WantsWorkingClock && clock is null)
        {
            errors.Add(
                new DomainError(
                    "study.calendar",
                    $"There is no programme '{Calendar}' whose calendar the working clock could count.",
                    "calendar"
                )
            );
        }
        else if (!WantsWorkingClock && !string.IsNullOrWhiteSpace(Calendar))
        {
            errors.Add(
                new DomainError(
                    "study.calendar",
                    "A calendar is for the working clock: add --clock working, or leave the calendar out.",
                    "calendar"
                )
            );
        }

        return errors;
    }

    /// <summary>
    /// A saved definition (<see cref="From"/>): an MRA split keeps the entry-into-force date it was resolved to when the
    /// study was saved, so a re-run repeats the study exactly even if the registry changes in between.
    /// </summary>
    public Result<StudyDefinition> Stored()
    {
        if (Mra is null || !DateOnly.TryParseExact(Split, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return ToDefinition([], WorkingCalendar?.ToClock());
        }

        return (this with { Split = null }).ToDefinition(
            [new MraOption(Mra, MraName ?? Mra, [], "InForce", day)],
            WorkingCalendar?.ToClock()
        );
    }

    /// <summary>The saved form of a definition: as it was asked, with the split an MRA resolved to.</summary>
    public static StudyRequest From(StudyDefinition d) =>
        new(
            d.Stage.Name,
            d.GroupBy,
            Day(d.Split),
            d.Mra,
            Day(d.BeforeFrom),
            Day(d.AfterTo),
            d.PeriodBy,
            Seconds(d.TargetSeconds),
            Seconds(d.Stage.ExtremeCapSeconds),
            d.Stage.IsSigned,
            d.DefaultTimeZone,
            d.MraName,
            d.Rigour.Level.ToString("R", CultureInfo.InvariantCulture),
            d.Rigour.Bootstrap,
            d.Rigour.Seed,
            d.Rigour.Treated?.ToString(),
            d.Rigour.Control?.ToString(),
            d.AsOfMicros is { } asOf ? Timestamps.Format(asOf) : null,
            d.Clock is null ? null : Working,
            d.Clock?.Programme,
            d.Clock is { } clock ? WorkingCalendarJson.From(clock) : null,
            d.Approximate
        );

    private static bool IsTimeZone(string name) => TimeZones.Find(name) is not null;

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Seconds(double? seconds) => seconds is { } s ? s.ToString("R", CultureInfo.InvariantCulture) + "s" : null;
}

/// <summary>A programme's working calendar as a saved study keeps it (ADR 0044): hours <c>08:30-17:30</c>, weekend days, annual holidays
/// <c>mm-dd</c>, dated holidays.</summary>
internal sealed record WorkingCalendarJson(
    [Limit(nameof(Limits.ProgrammeCode))] string Programme,
    [Limit(nameof(Limits.Keyword))] string Hours,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string> WeekendDays,
    [Limit(nameof(Limits.Keyword))] IReadOnlyList<string> AnnualHolidays,
    IReadOnlyList<DateOnly> Holidays
)
{
    public static WorkingCalendarJson From(WorkingClock clock) =>
        new(
            clock.Programme,
            $"{clock.Hours.Opens:HH\\:mm}-{clock.Hours.Closes:HH\\:mm}",
            [.. clock.Calendar.Weekend.Order().Select(d => d.ToString())],
            [.. clock.Calendar.AnnualHolidays.Order().Select(h => $"{h.Month:00}-{h.Day:00}")],
            [.. clock.Calendar.Holidays.Order()]
        );

    /// <summary>The clock again; null when the stored calendar does not read (then the study says the calendar is missing).</summary>
    public WorkingClock? ToClock()
    {
        var hours = WorkingHours.Parse(Hours);
        var weekend = WeekendDays.Select(d => Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out var day) ? day : (DayOfWeek?)null).ToList();
        var annual = AnnualHolidays
            .Select(a =>
                DateOnly.TryParseExact("2000-" + a, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? (d.Month, d.Day)
                    : ((int, int)?)null
            )
            .ToList();
        return hours.IsOk && weekend.All(d => d is not null) && annual.All(a => a is not null)
            ? new WorkingClock(
                Programme,
                hours.Value!,
                new BusinessCalendar(
                    weekend.Select(d => d!.Value).ToHashSet(),
                    annual.Select(a => a!.Value).ToHashSet(),
                    Holidays.ToHashSet()
                )
            )
            : null;
    }
}

/// <summary>The programmes' calendars as the working clock reads them (ADR 0044).</summary>
internal static class StudyCalendars
{
    /// <summary>
    /// The working clock of the programme a study names (by code), or null when it names none or no such programme exists;
    /// rows without <c>office_tz</c> then count their days and hours in the programme's zone unless the study gives one.
    /// </summary>
    public static async Task<(StudyRequest Request, WorkingClock? Clock)> ResolveAsync(
        OpenAeoDb db,
        StudyRequest request,
        CancellationToken ct
    )
    {
        if (!request.WantsWorkingClock || string.IsNullOrWhiteSpace(request.Calendar))
        {
            return (request, null);
        }

        var code = request.Calendar.Trim().ToUpperInvariant();
        var programme = await db.Programmes().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct);
        if (programme is null)
        {
            return (request, null);
        }

        return (
            string.IsNullOrWhiteSpace(request.OfficeTimeZone) ? request with { OfficeTimeZone = programme.TimeZone } : request,
            new WorkingClock(programme.Code, programme.WorkingHours, programme.Calendar)
        );
    }
}

/// <summary>The MRA registry as time release studies read it: every MRA with its parties (blocs with their members) and entry into
/// force.</summary>
internal static class StudyMras
{
    public static async Task<IReadOnlyList<MraOption>> LoadAsync(OpenAeoDb db, CancellationToken ct)
    {
        var blocs = await MraRegistry.BlocMembersAsync(db, ct);
        var mras = await db.Mras().AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct);
        return
        [
            .. mras.Select(m => new MraOption(
                MraRegistry.IdText(m),
                m.Name,
                [.. m.Parties.Select(p => new MraParty(p, blocs.TryGetValue(p, out var members) ? members : [p]))],
                m.Status.ToString(),
                m.InForceFrom
            )),
        ];
    }
}

/// <summary>
/// Runs a declaration-level study on a file: the same code for <c>openaeo trs run</c>, the API and the web page.
/// A file that cannot be studied (missing columns, not CSV or Parquet, with <c>strict</c> any rejected row) fails
/// with <see cref="FileImportException"/>, listing file, line, column and reason.
/// </summary>
internal static class RunStudy
{
    public static StudyJson Execute(
        StudyEngine engine,
        string path,
        StudyInputJson input,
        StudyDefinition study,
        bool strict,
        IProgress<StudyProgress>? progress,
        CancellationToken ct
    )
    {
        StudyResult result;
        try
        {
            result = engine.Run(path, input.File, study, progress, ct);
        }
        catch (DuckDBException e) when (!ct.IsCancellationRequested)
        {
            // DuckDB says what, not where: a CSV is read once more, only to locate the damage by line and column.
            if (input.Format == "csv")
            {
                using var located = CsvInput.OpenFile(path, input.File);
                while (located.Read())
                {
                    ct.ThrowIfCancellationRequested();
                }
            }

            throw EventFile.Fail(input.File, 0, "the file could not be read: " + EventFile.FirstLine(e.Message));
        }

        if (strict && result.DataQuality.RejectedRows > 0)
        {
            var errors = result
                .Rejected.Select(r => new FileError(r.File, (int)Math.Min(int.MaxValue, r.Line), r.Column, r.ColumnName, r.Reason))
                .ToList();
            errors.Add(
                new FileError(
                    input.File,
                    0,
                    0,
                    null,
                    $"{result.DataQuality.RejectedRows:N0} row{(result.DataQuality.RejectedRows == 1 ? "" : "s")} "
                        + "could not be read; with --strict any bad row stops the study"
                )
            );
            throw new FileImportException(errors);
        }

        return StudyJson.From(result, input);
    }

    public static StudyInputJson Describe(string path, string displayName, string? sha256) =>
        EventFile.IsPartitioned(path)
            ? new(displayName, "parquet", EventFile.Matches(EventFile.Glob(path)).Sum(f => new FileInfo(f).Length), sha256)
            : new(displayName, EventFile.IsParquet(path) ? "parquet" : "csv", new FileInfo(path).Length, sha256);
}
