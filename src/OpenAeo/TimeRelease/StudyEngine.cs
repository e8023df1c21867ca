using System.Data.Common;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;

namespace OpenAeo.TimeRelease;

/// <summary>What a long study is doing, for the CLI's progress bar and the web page's status row.</summary>
/// <param name="Percent">0–100 while DuckDB reads the file; null when the step has no measurable progress.</param>
internal sealed record StudyProgress(string Step, double? Percent);

/// <summary>
/// Runs a declaration-level study in DuckDB, straight off the CSV or Parquet file (nothing is loaded into the
/// operational database): one pass computes every cell, the data-quality counts and the channel counts
/// (<c>StudyEngine.sql</c>). Only when rows were rejected does a second pass find them to list their line, column
/// and reason. The rules are <see cref="EventRowClassifier"/>'s; the tests compare the two.
/// </summary>
internal sealed class StudyEngine(AnalyticsDatabase analytics)
{
    /// <summary>At most this many rejected rows are listed; all of them are counted.</summary>
    public const int MaxListed = 1_000;

    public StudyResult Run(string path, string displayName, StudyDefinition study, IProgress<StudyProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new StudyProgress("Checking columns", null));
        using var connection = analytics.Open();
        TimestampFunctions.Register(connection);
        RigourFunctions.Register(connection);
        var file = EventFile.Open(connection, path, displayName);
        file.Check(study);
        var query = new StudyQuery(file, study);

        var plan = ZonePlan.Sampled(connection, file, study, query) ?? ZonePlan.Joined;
        progress?.Report(new StudyProgress($"Reading {displayName}", 0));
        long malformed = 0;
        var storeRejects = false;
        List<Aggregate> aggregates;
        Dictionary<string, List<WorkingInterval>> working;
        try
        {
            working = WorkingTable(connection, query, study, storeRejects: false, plan, progress, displayName, ct);
            aggregates = Aggregate.ReadAll(
                connection,
                query.Study(connection, storeRejects: false, plan),
                query,
                study,
                progress,
                displayName,
                ct
            );
            if (aggregates.Any(a => a.Outcome == ZonePlan.Unresolved))
            {
                // A zone beyond the sample the plan was made from: read again with every zone ICU knows.
                progress?.Report(new StudyProgress($"Reading {displayName} again with every time zone", 0));
                plan = ZonePlan.Joined;
                working = WorkingTable(connection, query, study, storeRejects: false, plan, progress, displayName, ct);
                aggregates = Aggregate.ReadAll(
                    connection,
                    query.Study(connection, storeRejects: false, ZonePlan.Joined),
                    query,
                    study,
                    progress,
                    displayName,
                    ct
                );
            }
        }
        catch (DuckDBException e) when (file.Format == EventFormat.Csv && IsCsvShapeError(e))
        {
            // A malformed line (too many or too few cells, an unclosed quote) stops DuckDB's fast reader. Read again,
            // setting such lines aside; clean files never pay for this.
            progress?.Report(new StudyProgress($"Reading {displayName} again, setting malformed lines aside", 0));
            plan = ZonePlan.Joined;
            storeRejects = true;
            working = WorkingTable(connection, query, study, storeRejects: true, plan, progress, displayName, ct);
            aggregates = Aggregate.ReadAll(
                connection,
                query.Study(connection, storeRejects: true, ZonePlan.Joined),
                query,
                study,
                progress,
                displayName,
                ct
            );
            malformed = MalformedLines(connection);
        }

        var rejected = aggregates.Where(a => a.Outcome == 0).Sum(a => a.Rows) + malformed;
        var listed = new List<RejectedRow>();
        if (rejected > 0)
        {
            progress?.Report(new StudyProgress("Finding the rejected rows", null));
            var limit = (int)Math.Min(rejected, MaxListed);
            var zones = KnownZones(connection);
            listed.AddRange(
                file.Format == EventFormat.Csv
                    ? RejectedCsvRows(file, study, zones, limit, ct)
                    : RejectedParquetRows(connection, file, query, study, zones, limit)
            );
        }

        // The end of the data: given, or the latest timestamp read. Sides with censored declarations get their
        // Kaplan–Meier medians from one more pass; without censoring the Kaplan–Meier median is the median itself.
        var latest = aggregates.Where(a => a.Latest is not null and not StudyQuery.NoInstant).Select(a => a.Latest).Max();
        var asOf = study.AsOfMicros ?? latest;
        var censoredSides = aggregates
            .Where(a => a.Outcome == Censored)
            .ToDictionary(a => (a.Side!.Group, a.Side.Period), a => a.Rows, StudyResults.SideComparer.Instance);
        var kaplanMeier = new Dictionary<(IReadOnlyList<string?> Group, Period Period), double?>(StudyResults.SideComparer.Instance);
        if (censoredSides.Count > 0 && asOf is { } cut)
        {
            progress?.Report(new StudyProgress($"Reading {displayName} for the Kaplan–Meier medians", null));
            var released = aggregates
                .Where(a => a.Outcome == 5)
                .ToDictionary(a => (a.Side!.Group, a.Side.Period), a => a, StudyResults.SideComparer.Instance);
            var bounded = censoredSides.Select(c =>
            {
                var side = released.GetValueOrDefault(c.Key);
                var total = (side?.Rows ?? 0) + c.Value;
                return (c.Key.Group, c.Key.Period, total, KaplanMeier.MedianAtMostMicros(side?.Bins, total));
            });
            using var km = query.KaplanMeier(
                connection,
                storeRejects,
                plan,
                cut,
                bounded,
                study.Clock is null ? null : working.ToDictionary(z => z.Key, z => W(z.Value, cut), StringComparer.Ordinal)
            );
            ReadKaplanMeier(km, study, kaplanMeier, ct);
        }

        var sides = aggregates.Where(a => a.Outcome == 5).Select(a => a.Side!).ToList();
        sides.AddRange(
            censoredSides
                .Keys.Where(k => !sides.Any(s => StudyResults.SideComparer.Instance.Equals((s.Group, s.Period), k)))
                .Select(k => new SideResult(k.Group, k.Period, SideStatistics.NoRecords, new Dictionary<string, long>(), 0))
        );
        sides =
        [
            .. sides.Select(s =>
            {
                var key = (s.Group, s.Period);
                var censored = censoredSides.GetValueOrDefault(key);
                var median = censored > 0 ? kaplanMeier.GetValueOrDefault(key) : s.Statistics.MedianSeconds;
                return s with { Statistics = s.Statistics with { Censored = censored, KmMedianSeconds = median } };
            }),
        ];

        var quality = new DataQuality(
            Rows: aggregates.Sum(a => a.Rows) + malformed,
            RejectedRows: rejected,
            MissingStart: aggregates.Where(a => a.Outcome == 1).Sum(a => a.Rows),
            MissingEnd: aggregates.Where(a => a.Outcome == 2).Sum(a => a.Rows),
            Negative: aggregates.Where(a => a.Outcome == 3).Sum(a => a.Rows),
            NoPeriod: aggregates.Where(a => a.Outcome == 4).Sum(a => a.Rows),
            FlaggedExtreme: aggregates.Where(a => a.Outcome == 5).Sum(a => a.Side!.Statistics.FlaggedExtreme),
            Censored: censoredSides.Values.Sum(),
            AsOf: asOf is { } end ? Timestamps.Format(end) : null
        );
        var result = StudyResults.Assemble(study, quality, sides, query.HasChannel, listed);
        var counts = new RigourCounts();
        foreach (var side in aggregates.Where(a => a.Outcome == 5))
        {
            counts.Cell(side.Side!.Group).Histograms[side.Side.Period] = side.Bins!;
        }

        if (result.Cells.Count > 0 && Rigour.NeedsUnits(study.Rigour))
        {
            progress?.Report(
                new StudyProgress(
                    $"Reading {displayName} for the intervals{(study.Rigour.Treated is null ? "" : " and the difference-in-differences")}",
                    0
                )
            );
            using var command = query.Rigour(connection, storeRejects, plan, Rigour.Windows(counts));
            ReadRigour(command, study, counts, ct);
            progress?.Report(new StudyProgress($"Bootstrapping ({study.Rigour.Bootstrap:N0} replicates)", null));
        }

        progress?.Report(new StudyProgress("Done", 100));
        return Rigour.Apply(result, counts, study.Rigour, Rigour.Decomposes(study, query.HasChannel));
    }

    /// <summary>
    /// On the working clock (ADR 0044), fills the table of open periods for every zone the rows use, over the days their
    /// instants (and the end of the data, when given) fall on, with a day to spare either side; returns each zone's periods.
    /// One extra pass reads only the instants; the table holds one row per working day per zone, whatever the row count.
    /// </summary>
    private static Dictionary<string, List<WorkingInterval>> WorkingTable(
        DuckDBConnection connection,
        StudyQuery query,
        StudyDefinition study,
        bool storeRejects,
        ZonePlan plan,
        IProgress<StudyProgress>? progress,
        string displayName,
        CancellationToken ct
    )
    {
        var tables = new Dictionary<string, List<WorkingInterval>>(StringComparer.Ordinal);
        if (study.Clock is not { } clock)
        {
            return tables;
        }

        using (var create = connection.CreateCommand())
        {
            create.CommandText =
                $"CREATE OR REPLACE TEMP TABLE {StudyQuery.WorkingTable} (zone VARCHAR, from_us BIGINT, to_us BIGINT, cum_us BIGINT)";
            create.ExecuteNonQuery();
        }

        progress?.Report(new StudyProgress($"Reading the dates of {displayName} for the working hours", null));
        var ranges = new List<(string Zone, long First, long Last)>();
        using (var range = query.Range(connection, storeRejects, plan))
        {
            using var cancel = ct.Register(range.Cancel);
            using var reader = range.ExecuteReader();
            while (reader.Read())
            {
                if (!reader.IsDBNull(1))
                {
                    ranges.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
                }
            }
        }

        using var appender = connection.CreateAppender(StudyQuery.WorkingTable);
        foreach (var (name, first, last) in ranges)
        {
            if (TimeZones.Find(name) is not { } zone)
            {
                continue;
            }

            var end = study.AsOfMicros is { } asOf ? Math.Max(last, asOf) : last;
            var periods = clock
                .Intervals(Timestamps.LocalDay(first, zone).AddDays(-1), Timestamps.LocalDay(end, zone).AddDays(1), zone)
                .ToList();
            foreach (var p in periods)
            {
                appender
                    .CreateRow()
                    .AppendValue(name)
                    .AppendValue(p.FromMicros)
                    .AppendValue(p.ToMicros)
                    .AppendValue(p.CumulativeMicros)
                    .EndRow();
            }

            tables[name] = periods;
        }

        return tables;
    }

    /// <summary>W(t) of a zone's table, as the SQL reads it: the working time of the table up to <paramref name="at"/>.</summary>
    private static long W(List<WorkingInterval> periods, long at)
    {
        var index = periods.FindLastIndex(p => p.FromMicros <= at);
        return index < 0
            ? 0
            : periods[index].CumulativeMicros
                + Math.Min(at - periods[index].FromMicros, periods[index].ToMicros - periods[index].FromMicros);
    }

    /// <summary>The outcome of a censored row in <c>StudyEngine.sql</c>.</summary>
    private const int Censored = 7;

    /// <summary>
    /// Reads each censored side's times that can matter (see <c>@km</c>), sorts them (DuckDB need not), puts back the
    /// releases left out between two of them as one entry, and gives the side its Kaplan–Meier median.
    /// </summary>
    private static void ReadKaplanMeier(
        DuckDBCommand command,
        StudyDefinition study,
        Dictionary<(IReadOnlyList<string?> Group, Period Period), double?> medians,
        CancellationToken ct
    )
    {
        using var registration = ct.Register(() => command.Cancel());
        using var reader = command.ExecuteReader();
        var groups = study.GroupBy.Count;
        long Column(int offset) => Convert.ToInt64(reader.GetValue(groups + offset), CultureInfo.InvariantCulture);
        var sides = new Dictionary<
            (IReadOnlyList<string?> Group, Period Period),
            (long Total, List<(long Micros, long Released, long Censored, long ReleasedBefore)> Rows)
        >(StudyResults.SideComparer.Instance);
        while (reader.Read())
        {
            var key = ((IReadOnlyList<string?>)Group(reader, groups), reader.GetString(groups) == "before" ? Period.Before : Period.After);
            if (!sides.TryGetValue(key, out var side))
            {
                side = (Column(4), []);
                sides[key] = side;
            }

            side.Rows.Add((Column(1), Column(2), Column(3), Column(5)));
        }

        foreach (var (key, (total, rows)) in sides)
        {
            rows.Sort((a, b) => a.Micros.CompareTo(b.Micros));
            var byTime = new List<(long Micros, long Released, long Censored)>(rows.Count + 1);
            long releasedSoFar = 0;
            foreach (var (micros, released, censored, releasedBefore) in rows)
            {
                if (releasedBefore > releasedSoFar)
                {
                    // Releases with no censoring among them, where S stays above ½: one entry gives the same S after them.
                    byTime.Add((micros, releasedBefore - releasedSoFar, 0));
                }

                byTime.Add((micros, released, censored));
                releasedSoFar = releasedBefore + released;
            }

            medians[key] = KaplanMeier.MedianSeconds(byTime, total);
        }
    }

    /// <summary>Reads the rigour pass's grouping sets into the domain's counts (see <c>StudyEngine.sql</c>, <c>@rigour</c>).</summary>
    private static void ReadRigour(DuckDBCommand command, StudyDefinition study, RigourCounts counts, CancellationToken ct)
    {
        using var registration = ct.Register(() => command.Cancel());
        using var reader = command.ExecuteReader();
        var groups = study.GroupBy.Count;
        int Ordinal(string name) => reader.GetOrdinal(name);
        var (setId, period, channel, unit, bin, armBin) = (
            Ordinal("set_id"),
            Ordinal("period"),
            Ordinal("channel_key"),
            Ordinal("unit"),
            Ordinal("bin"),
            Ordinal("arm_bin")
        );
        var (arm, month, n, sum, log) = (Ordinal("arm"), Ordinal("month"), Ordinal("n"), Ordinal("sum_us"), Ordinal("sum_log"));
        while (reader.Read())
        {
            var set = Convert.ToInt32(reader.GetValue(setId), CultureInfo.InvariantCulture);
            var count = Convert.ToInt64(reader.GetValue(n), CultureInfo.InvariantCulture);
            if (set == 24)
            {
                if (!reader.IsDBNull(arm))
                {
                    var months = reader.GetBoolean(arm) ? counts.Treated.Months : counts.Control.Months;
                    months[(Convert.ToInt32(reader.GetValue(month), CultureInfo.InvariantCulture), reader.GetInt32(armBin))] = count;
                }

                continue;
            }

            var side = reader.GetString(period) == "before" ? Period.Before : Period.After;
            var sums = new UnitSums(
                count,
                reader.GetValue(sum) is BigInteger big ? (Int128)big : Convert.ToInt64(reader.GetValue(sum), CultureInfo.InvariantCulture),
                reader.GetDouble(log)
            );
            switch (set)
            {
                case 15:
                    counts.Cell(Group(reader, groups)).Channels[(side, reader.GetInt32(unit), reader.GetString(channel))] = sums;
                    break;
                case 23:
                    counts.Cell(Group(reader, groups)).Bins[(side, reader.GetInt32(unit), reader.GetInt32(bin))] = count;
                    break;
                case 25 when !reader.IsDBNull(arm):
                    (reader.GetBoolean(arm) ? counts.Treated : counts.Control).Bins[
                        (side, reader.GetInt32(unit), reader.GetInt32(armBin))
                    ] = sums;
                    break;
            }
        }
    }

    private static List<string?> Group(DbDataReader reader, int groups) =>
        [.. Enumerable.Range(0, groups).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i))];

    /// <summary>
    /// The zones DuckDB's ICU knows and .NET resolves the same way: the C# rules that give rejected rows their
    /// reasons then accept exactly the names the SQL accepts.
    /// </summary>
    public static Func<string, TimeZoneInfo?> KnownZones(DuckDBConnection connection)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pg_timezone_names()";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return name => names.Contains(name) ? TimeZones.Find(name) : null;
    }

    private static bool IsCsvShapeError(DuckDBException e) =>
        e.Message.Contains("CSV Error", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("Expected Number of Columns", StringComparison.OrdinalIgnoreCase);

    /// <summary>How many lines DuckDB set aside as malformed. Its line numbers count records, not physical lines, so the
    /// lines themselves are found again by <see cref="RejectedCsvRows"/>.</summary>
    private static long MalformedLines(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(DISTINCT line) FROM trs_reject_errors";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the CSV with Sylvan (which knows physical line numbers) and applies the domain's row rules.</summary>
    private static List<RejectedRow> RejectedCsvRows(
        EventFile file,
        StudyDefinition study,
        Func<string, TimeZoneInfo?> zones,
        int limit,
        CancellationToken ct
    )
    {
        var found = new List<RejectedRow>();
        var classifier = new EventRowClassifier(study, file.Keys, zones);
        using var input = CsvInput.OpenFile(file.Path, file.DisplayName);
        var cells = new CsvCells(input);
        while (found.Count < limit && input.Read())
        {
            if (input.CellCount != file.Columns.Count)
            {
                found.Add(
                    new RejectedRow(
                        file.DisplayName,
                        input.Line,
                        0,
                        null,
                        $"malformed line: {input.CellCount} cells where the header names {file.Columns.Count}"
                    )
                );
                continue;
            }

            var row = classifier.Classify(cells);
            if (row.Outcome == RowOutcome.Rejected)
            {
                found.Add(
                    new RejectedRow(
                        file.DisplayName,
                        input.Line,
                        row.RejectedColumn + 1,
                        file.Columns[row.RejectedColumn].Name,
                        row.Reason!
                    )
                );
            }

            if (found.Count % 64 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }
        }

        return found;
    }

    /// <summary>Takes the raw cells of the first rejected rows from DuckDB and gives each its reason in C#.</summary>
    private static List<RejectedRow> RejectedParquetRows(
        DuckDBConnection connection,
        EventFile file,
        StudyQuery query,
        StudyDefinition study,
        Func<string, TimeZoneInfo?> zones,
        int limit
    )
    {
        var found = new List<RejectedRow>();
        var classifier = new EventRowClassifier(study, file.Keys, zones);
        using var command = query.Rejected(connection, limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var cells = new string?[file.Columns.Count];
            foreach (var (key, alias) in query.RawColumns)
            {
                var value = reader.GetValue(reader.GetOrdinal(alias));
                cells[file.Find(key)!.Position - 1] = value switch
                {
                    DBNull => null,
                    DateTimeOffset t => Written(t.UtcDateTime) + "Z",
                    DateTime t when EventFile.TimestampKind(file.Find(key)!.Type) == "instant" => Written(t) + "Z",
                    DateTime t => Written(t),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                };
            }

            var row = classifier.Classify(cells);
            var line = Convert.ToInt64(reader.GetValue(reader.GetOrdinal("row_number")), CultureInfo.InvariantCulture) + 1;

            // Of several files, the one the row is in (its row number counts within it).
            var name = file.Partitioned ? Path.GetFileName(reader.GetString(reader.GetOrdinal("source_file"))) : file.DisplayName;
            found.Add(
                row.Outcome == RowOutcome.Rejected
                    ? new RejectedRow(name, line, row.RejectedColumn + 1, file.Columns[row.RejectedColumn].Name, row.Reason!)
                    : new RejectedRow(name, line, 0, null, "unreadable row")
            );
        }

        return found;
    }

    /// <summary>A stored timestamp written back in the accepted ISO form, so the classifier reads what DuckDB read.</summary>
    private static string Written(DateTime t)
    {
        var micros = t.Ticks % TimeSpan.TicksPerSecond / 10;
        return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            + (micros == 0 ? "" : "." + micros.ToString("D6", CultureInfo.InvariantCulture));
    }

    /// <summary>A CSV record as the classifier's list of cells, read lazily: it looks at a few columns only.</summary>
    private sealed class CsvCells(CsvInput input) : IReadOnlyList<string?>
    {
        public string? this[int index] => input.Cell(index);

        public int Count => input.CellCount;

        public IEnumerator<string?> GetEnumerator() => Enumerable.Range(0, Count).Select(i => this[i]).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>One row of the study query: a (group, period, outcome) with its counts and, for counted rows, statistics.</summary>
    /// <param name="Bins">For counted rows: declarations per duration bin, which place the side's median window.</param>
    /// <param name="Latest">The latest timestamp of the rows (microseconds; <see cref="StudyQuery.NoInstant"/> when none had one).</param>
    private sealed record Aggregate(int Outcome, long Rows, SideResult? Side, Dictionary<int, long>? Bins = null, long? Latest = null)
    {
        public static List<Aggregate> ReadAll(
            DuckDBConnection connection,
            DuckDBCommand command,
            StudyQuery query,
            StudyDefinition study,
            IProgress<StudyProgress>? progress,
            string displayName,
            CancellationToken ct
        )
        {
            using var _ = command;
            using var cancel = ct.Register(command.Cancel);
            // Polled on a timer thread; the lock and the flag keep a late tick from reporting this read's progress
            // after the query has ended (and so after "Done", or during the next query).
            var polling = new object();
            var ended = false;
            using var timer = progress is null
                ? null
                : new Timer(
                    _ =>
                    {
                        lock (polling)
                        {
                            var p = ended ? null : (DuckDB.NET.Native.DuckDBQueryProgress?)connection.GetQueryProgress();
                            if (p is { Percentage: >= 0 } known)
                            {
                                progress.Report(new StudyProgress($"Reading {displayName}", known.Percentage));
                            }
                        }
                    },
                    null,
                    TimeSpan.FromMilliseconds(250),
                    TimeSpan.FromMilliseconds(250)
                );

            var result = new List<Aggregate>();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(Read(reader, query, study));
                }
            }
            catch (DuckDBException) when (ct.IsCancellationRequested)
            {
                ct.ThrowIfCancellationRequested();
            }
            finally
            {
                lock (polling)
                {
                    ended = true;
                }
            }

            return result;
        }

        private static Aggregate Read(DbDataReader reader, StudyQuery query, StudyDefinition study)
        {
            var groupCount = study.GroupBy.Count;
            var outcome = Convert.ToInt32(reader["outcome"], CultureInfo.InvariantCulture);
            var rows = Whole(reader["rows"]);
            long? latest = reader["latest_us"] is DBNull ? null : Whole(reader["latest_us"]);
            var group = Enumerable.Range(0, groupCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList();
            if (outcome == Censored)
            {
                // Censored rows have a period: their side is kept (as no records when nothing of it ended).
                var censoredPeriod = (string)reader["period"] == "before" ? Period.Before : Period.After;
                return new Aggregate(
                    outcome,
                    rows,
                    new SideResult(group, censoredPeriod, SideStatistics.NoRecords, new Dictionary<string, long>(), 0),
                    null,
                    latest
                );
            }

            if (outcome != 5)
            {
                return new Aggregate(outcome, rows, null, null, latest);
            }

            var n = Whole(reader["n"]);
            // Null with --approximate: the quantiles are then read off the bins below (ADR 0045).
            var q = reader["quantiles_us"] is System.Collections.IEnumerable exact
                ? exact.Cast<object>().Select(Seconds).ToList()
                : [.. Enumerable.Repeat<double?>(null, 6)];
            var statistics = new SideStatistics(
                n,
                Seconds(reader["mean_us"]),
                q[0],
                q[1],
                q[2],
                q[3],
                q[4],
                q[5],
                Seconds(reader["min_us"]),
                Seconds(reader["max_us"]),
                Seconds(reader["sd_us"]),
                study.TargetSeconds is null ? null : Whole(reader["within_target"]) / (double)n,
                Whole(reader["extreme"])
            );

            var channels = new Dictionary<string, long>(StringComparer.Ordinal);
            long empty = 0;
            if (query.ChannelGroupIndex is int channelIndex)
            {
                if (group[channelIndex] is { } channel)
                {
                    channels[channel] = n;
                }
                else
                {
                    empty = n;
                }
            }
            else if (reader["channels"] is DBNull)
            {
                // No counted declaration of this side had a channel: histogram() of nothing is null.
                empty = n;
            }
            else if (reader["channels"] is System.Collections.IDictionary histogram)
            {
                foreach (System.Collections.DictionaryEntry entry in histogram)
                {
                    channels[(string)entry.Key] = Convert.ToInt64(entry.Value, CultureInfo.InvariantCulture);
                }

                empty = n - channels.Values.Sum();
            }

            var bins = new Dictionary<int, long>();
            if (reader["bins"] is System.Collections.IDictionary histogramOfBins)
            {
                foreach (System.Collections.DictionaryEntry entry in histogramOfBins)
                {
                    bins[Convert.ToInt32(entry.Key, CultureInfo.InvariantCulture)] = Convert.ToInt64(
                        entry.Value,
                        CultureInfo.InvariantCulture
                    );
                }
            }

            if (study.Approximate)
            {
                statistics = Statistics.Approximate(statistics, bins);
            }

            var period = (string)reader["period"] == "before" ? Period.Before : Period.After;
            return new Aggregate(outcome, rows, new SideResult(group, period, statistics, channels, empty), bins, latest);
        }

        private static double? Seconds(object value) =>
            value switch
            {
                DBNull => null,
                BigInteger big => (double)big / Statistics.MicrosPerSecond,
                _ => Convert.ToDouble(value, CultureInfo.InvariantCulture) / Statistics.MicrosPerSecond,
            };

        /// <summary>DuckDB's counts arrive as BIGINT, UBIGINT or HUGEINT (BigInteger) depending on the aggregate.</summary>
        private static long Whole(object value) =>
            value switch
            {
                // count_if over a comparison with an absent target or cap is null rather than 0.
                DBNull => 0,
                BigInteger big => (long)big,
                _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            };
    }
}
