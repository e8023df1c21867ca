namespace OpenAeo.Domain.TimeRelease;

/// <summary>Where one row went (see <see cref="DataQuality"/> for the order in which the rules apply).</summary>
public enum RowOutcome
{
    Rejected,
    MissingStart,
    MissingEnd,
    Negative,
    NoPeriod,
    Counted,

    /// <summary>Started and in a period, but not ended by the end of the data: its duration is at least the time to then.</summary>
    Censored,
}

/// <param name="DurationMicros">The stage's duration, when both ends were read.</param>
/// <param name="RejectedColumn">Index (in the file's columns) of the first unreadable cell.</param>
/// <param name="StartMicros">The stage's start instant, for counted rows (it places a declaration without importer in a bootstrap
/// unit).</param>
/// <param name="Month">The period milestone's month in the row's zone, as year × 12 + month − 1, for counted rows.</param>
/// <param name="LatestMicros">The latest of the row's timestamps the study reads (the default end of the data is the file's latest); null
/// for rejected rows or none.</param>
/// <param name="Zone">The zone the row's days (and its working hours) are counted in, for counted and censored rows.</param>
public readonly record struct ClassifiedRow(
    RowOutcome Outcome,
    long DurationMicros,
    Period Period,
    int RejectedColumn,
    string? Reason,
    long StartMicros = 0,
    int Month = 0,
    long? LatestMicros = null,
    TimeZoneInfo? Zone = null
);

/// <summary>
/// The rules for one row of declaration-level events, in plain C#: which cells are read, how a timestamp becomes
/// an instant, which period a declaration falls in, and why a row is left out. The DuckDB engine implements the
/// same rules in SQL; the tests hold the two together.
/// </summary>
public sealed class EventRowClassifier
{
    private readonly StudyDefinition study;
    private readonly Func<string, TimeZoneInfo?> zones;
    private readonly int start;
    private readonly int end;
    private readonly int milestone;
    private readonly int officeZone;
    private readonly TimeZoneInfo defaultZone;

    /// <param name="columns">The file's columns, lower case, in file order; the study's required columns must be among them.</param>
    /// <param name="zones">Resolves an IANA time zone name exactly as written, or null when it is not one.</param>
    public EventRowClassifier(StudyDefinition study, IReadOnlyList<string> columns, Func<string, TimeZoneInfo?> zones)
    {
        this.study = study;
        this.zones = Cached(zones);
        var names = columns.ToList();
        int Index(string name) =>
            names.IndexOf(name) is var i and >= 0 ? i : throw new ArgumentException($"The events have no column {name}.", nameof(columns));
        start = Index(study.Stage.Start);
        end = Index(study.Stage.End);
        milestone = Index(study.PeriodBy);
        officeZone = names.IndexOf(StudyDefinition.OfficeTimeZoneColumn);
        defaultZone = zones(study.DefaultTimeZone)
            ?? throw new ArgumentException($"'{study.DefaultTimeZone}' is not a time zone.", nameof(study));
        GroupColumns = study.GroupBy.Select(Index).ToArray();
        ChannelColumn = names.IndexOf(StudyDefinition.ChannelColumn);
        ClusterColumn = names.IndexOf(BootstrapUnits.ClusterColumn);
        TreatedColumn = study.Rigour.Treated is { } t ? Index(t.Column) : -1;
        ControlColumn = study.Rigour.Control is { } c ? Index(c.Column) : -1;
    }

    private static Func<string, TimeZoneInfo?> Cached(Func<string, TimeZoneInfo?> zones)
    {
        var known = new Dictionary<string, TimeZoneInfo?>(StringComparer.Ordinal);
        return name =>
        {
            if (!known.TryGetValue(name, out var zone))
            {
                zone = zones(name);
                known[name] = zone;
            }

            return zone;
        };
    }

    public int[] GroupColumns { get; }

    /// <summary>Index of the <c>channel</c> column, or −1 when the file has none.</summary>
    public int ChannelColumn { get; }

    /// <summary>Index of the <c>importer_tin</c> column (the bootstrap's cluster), or −1 when the file has none.</summary>
    public int ClusterColumn { get; }

    public int TreatedColumn { get; }

    public int ControlColumn { get; }

    /// <summary>The bootstrap unit of a counted row (<see cref="BootstrapUnits"/>).</summary>
    public int Unit(IReadOnlyList<string?> cells, ClassifiedRow row) =>
        BootstrapUnits.Of(ClusterColumn >= 0 ? Clean(cells[ClusterColumn]) : null, row.StartMicros, row.DurationMicros);

    /// <summary>True in the treated arm, false in the control arm, null in neither or when the study has no arms.</summary>
    public bool? Arm(IReadOnlyList<string?> cells)
    {
        if (study.Rigour.Treated is not { } treated)
        {
            return null;
        }

        if (treated.Matches(Clean(cells[TreatedColumn])))
        {
            return true;
        }

        return study.Rigour.Control is { } control ? (control.Matches(Clean(cells[ControlColumn])) ? false : null) : false;
    }

    /// <summary>
    /// A cell as the study sees it: as written, and null when empty. Cells are not trimmed: a timestamp with spaces
    /// around it is rejected with its reason rather than silently repaired (and trimming every cell of a national
    /// file costs the engine a third of its time).
    /// </summary>
    public static string? Clean(string? cell) => string.IsNullOrEmpty(cell) ? null : cell;

    public ClassifiedRow Classify(IReadOnlyList<string?> cells)
    {
        TimeZoneInfo? rowZone = null;
        var zoneName = officeZone >= 0 ? Clean(cells[officeZone]) : null;
        if (zoneName is not null)
        {
            rowZone = zones(zoneName);
            if (rowZone is null)
            {
                return Rejected(officeZone, $"'{zoneName}' is not an IANA time zone (such as Asia/Taipei)");
            }
        }

        // Every timestamp the study uses is read before any rule applies, so a row is rejected for a bad cell
        // wherever it is, and the first bad cell (start, end, milestone) is the one reported.
        var startAt = Read(cells, start, rowZone, out var startReason);
        if (startReason is not null)
        {
            return Rejected(start, startReason);
        }

        var endAt = Read(cells, end, rowZone, out var endReason);
        if (endReason is not null)
        {
            return Rejected(end, endReason);
        }

        var periodAt = startAt;
        if (milestone == end)
        {
            periodAt = endAt;
        }
        else if (milestone != start)
        {
            periodAt = Read(cells, milestone, rowZone, out var milestoneReason);
            if (milestoneReason is not null)
            {
                return Rejected(milestone, milestoneReason);
            }
        }

        var latest = Max(Max(startAt, endAt), periodAt);
        return Place(startAt, endAt, periodAt, rowZone) with { LatestMicros = latest };
    }

    private static long? Max(long? a, long? b) =>
        a is null ? b
        : b is null ? a
        : Math.Max(a.Value, b.Value);

    private ClassifiedRow Place(long? startAt, long? endAt, long? periodAt, TimeZoneInfo? rowZone)
    {
        if (startAt is null)
        {
            return new ClassifiedRow(RowOutcome.MissingStart, 0, default, -1, null);
        }

        var asOf = study.AsOfMicros;
        if (startAt > asOf)
        {
            // Started after the end of the data the study was given: outside its windows.
            return new ClassifiedRow(RowOutcome.NoPeriod, 0, default, -1, null);
        }

        Period? period = null;
        var month = 0;
        if (periodAt is { } at)
        {
            var day = Timestamps.LocalDay(at, rowZone ?? defaultZone);
            period =
                day < study.Split
                    ? (study.BeforeFrom is not { } from || day >= from ? Period.Before : null)
                    : (study.AfterTo is not { } to || day <= to ? Period.After : null);
            month = day.Year * 12 + day.Month - 1;
        }

        if ((endAt is null || endAt > asOf) && period is { } open)
        {
            // Its duration is the time to the end of the data, known once the whole file is read when no end was given.
            return new ClassifiedRow(
                RowOutcome.Censored,
                asOf is { } cut ? Duration(startAt.Value, cut, rowZone) : 0,
                open,
                -1,
                null,
                startAt.Value,
                month,
                Zone: rowZone ?? defaultZone
            );
        }

        if (endAt is null)
        {
            return new ClassifiedRow(RowOutcome.MissingEnd, 0, default, -1, null);
        }

        // Negative is a fact about the instants, whatever the clock: on the working clock a release before lodgement
        // outside office hours would otherwise pass as a duration of zero.
        if (endAt.Value < startAt.Value && !study.Stage.IsSigned)
        {
            return new ClassifiedRow(RowOutcome.Negative, endAt.Value - startAt.Value, default, -1, null);
        }

        var duration = Duration(startAt.Value, endAt.Value, rowZone);
        return period is { } p
            ? new ClassifiedRow(RowOutcome.Counted, duration, p, -1, null, startAt.Value, month, Zone: rowZone ?? defaultZone)
            : new ClassifiedRow(RowOutcome.NoPeriod, duration, default, -1, null);
    }

    /// <summary>The stage's duration on the study's clock: elapsed, or the office's working time in the row's zone (ADR 0044).</summary>
    private long Duration(long startAt, long endAt, TimeZoneInfo? rowZone) =>
        study.Clock is { } clock ? clock.Between(startAt, endAt, rowZone ?? defaultZone) : endAt - startAt;

    private static ClassifiedRow Rejected(int column, string reason) => new(RowOutcome.Rejected, 0, default, column, reason);

    private static long? Read(IReadOnlyList<string?> cells, int column, TimeZoneInfo? rowZone, out string? reason)
    {
        reason = null;
        var text = Clean(cells[column]);
        if (text is null)
        {
            return null;
        }

        var written = Timestamps.Read(text, out reason);
        if (written is not { } w)
        {
            return null;
        }

        if (w.Offset is { } offset)
        {
            return Timestamps.Instant(w.Clock, offset);
        }

        if (rowZone is null)
        {
            reason = $"'{text}' has no offset and the row has no office_tz to read it in";
            return null;
        }

        return Timestamps.Instant(w.Clock, rowZone);
    }
}

/// <summary>
/// The reference calculation of a declaration-level study: every rule of the spec in straightforward C#, row by
/// row, with the statistics computed from sorted lists. It is the oracle the DuckDB engine is tested against and
/// is fine for small files; the engine is what runs at national scale.
/// </summary>
public static class ReferenceCalculation
{
    /// <summary>One row of the input: its line (or row number) and its cells in file order.</summary>
    public readonly record struct Row(long Line, IReadOnlyList<string?> Cells);

    public static StudyResult Run(
        StudyDefinition study,
        string file,
        IReadOnlyList<string> columns,
        IEnumerable<Row> rows,
        Func<string, TimeZoneInfo?> zones,
        int maxListed = 1_000
    )
    {
        var classifier = new EventRowClassifier(study, columns, zones);
        var durations = new Dictionary<
            (IReadOnlyList<string?> Group, Period Period),
            (List<long> Durations, Dictionary<string, long> Channels, long Empty)
        >(StudyResults.SideComparer.Instance);
        var rejected = new List<RejectedRow>();
        var rigour = new RigourCounts();
        var censored = new Dictionary<(IReadOnlyList<string?> Group, Period Period), List<(long Start, TimeZoneInfo Zone)>>(
            StudyResults.SideComparer.Instance
        );
        long total = 0,
            rejectedRows = 0,
            missingStart = 0,
            missingEnd = 0,
            negative = 0,
            noPeriod = 0;
        long? latest = null;
        foreach (var row in rows)
        {
            total++;
            var c = classifier.Classify(row.Cells);
            if (c.LatestMicros is { } at && !(latest >= at))
            {
                latest = at;
            }

            switch (c.Outcome)
            {
                case RowOutcome.Rejected:
                    rejectedRows++;
                    if (rejected.Count < maxListed)
                    {
                        rejected.Add(new RejectedRow(file, row.Line, c.RejectedColumn + 1, columns[c.RejectedColumn], c.Reason!));
                    }

                    break;
                case RowOutcome.MissingStart:
                    missingStart++;
                    break;
                case RowOutcome.MissingEnd:
                    missingEnd++;
                    break;
                case RowOutcome.Negative:
                    negative++;
                    break;
                case RowOutcome.NoPeriod:
                    noPeriod++;
                    break;
                case RowOutcome.Censored:
                    var censoredKey = (classifier.GroupColumns.Select(i => EventRowClassifier.Clean(row.Cells[i])).ToList(), c.Period);
                    if (!censored.TryGetValue(censoredKey, out var starts))
                    {
                        starts = [];
                        censored[censoredKey] = starts;
                    }

                    starts.Add((c.StartMicros, c.Zone!));
                    break;
                default:
                    var group = classifier.GroupColumns.Select(i => EventRowClassifier.Clean(row.Cells[i])).ToList();
                    var key = (group, c.Period);
                    if (!durations.TryGetValue(key, out var side))
                    {
                        side = ([], new Dictionary<string, long>(StringComparer.Ordinal), 0);
                    }

                    side.Durations.Add(c.DurationMicros);
                    var channel = classifier.ChannelColumn >= 0 ? EventRowClassifier.Clean(row.Cells[classifier.ChannelColumn]) : null;
                    if (channel is null)
                    {
                        side.Empty++;
                    }
                    else
                    {
                        side.Channels[channel] = side.Channels.GetValueOrDefault(channel) + 1;
                    }

                    durations[key] = side;
                    rigour.Add(
                        group,
                        c.Period,
                        classifier.Unit(row.Cells, c),
                        channel,
                        classifier.Arm(row.Cells),
                        c.Month,
                        c.DurationMicros
                    );
                    break;
            }
        }

        // A censored declaration lasts at least until the end of the data: the one given, or the file's latest timestamp.
        var asOf = study.AsOfMicros ?? latest;
        foreach (var key in censored.Keys.Where(k => !durations.ContainsKey(k)))
        {
            durations[key] = ([], new Dictionary<string, long>(StringComparer.Ordinal), 0);
        }

        var sides = durations
            .Select(d =>
            {
                var statistics = Statistics.Compute(d.Value.Durations, study.TargetSeconds, study.Stage.ExtremeCapSeconds);
                if (study.Approximate)
                {
                    statistics = Statistics.Approximate(
                        statistics,
                        d.Value.Durations.GroupBy(DurationBins.Of).ToDictionary(b => b.Key, b => (long)b.Count())
                    );
                }

                var open = censored.GetValueOrDefault(d.Key) ?? [];
                var km =
                    study.Approximate && open.Count == 0
                        ? statistics.MedianSeconds
                        : KaplanMeier.MedianSeconds(
                            KaplanMeier.ByTime(
                                d.Value.Durations,
                                open.Select(o =>
                                    study.Clock is { } clock ? clock.Between(o.Start, asOf!.Value, o.Zone) : asOf!.Value - o.Start
                                )
                            )
                        );
                return new SideResult(
                    d.Key.Group,
                    d.Key.Period,
                    statistics with
                    {
                        Censored = open.Count,
                        KmMedianSeconds = km,
                    },
                    d.Value.Channels,
                    d.Value.Empty
                );
            })
            .ToList();
        var quality = new DataQuality(
            total,
            rejectedRows,
            missingStart,
            missingEnd,
            negative,
            noPeriod,
            sides.Sum(s => s.Statistics.FlaggedExtreme),
            censored.Values.Sum(s => s.Count),
            asOf is { } cut ? Timestamps.Format(cut) : null
        );
        var result = StudyResults.Assemble(study, quality, sides, classifier.ChannelColumn >= 0, rejected);
        return Rigour.Apply(result, rigour, study.Rigour, Rigour.Decomposes(study, classifier.ChannelColumn >= 0));
    }
}
