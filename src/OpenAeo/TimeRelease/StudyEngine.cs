using System.Data.Common;
using System.Globalization;
using System.Numerics;
using DuckDB.NET.Data;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.Platform.Files;
using static OpenAeo.Platform.Analytics.AnalyticsDatabase;

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
        var file = EventFile.Open(connection, path, displayName);
        file.Check(study);
        var query = new StudyQuery(file, study);

        var plan = ZonePlan.Sampled(connection, file, study, query) ?? ZonePlan.Joined;
        progress?.Report(new StudyProgress($"Reading {displayName}", 0));
        long malformed = 0;
        List<Aggregate> aggregates;
        try
        {
            aggregates = Aggregate.ReadAll(connection, query.Study(connection, storeRejects: false, plan), query, study, progress, displayName, ct);
            if (aggregates.Any(a => a.Outcome == ZonePlan.Unresolved))
            {
                // A zone beyond the sample the plan was made from: read again with every zone ICU knows.
                progress?.Report(new StudyProgress($"Reading {displayName} again with every time zone", 0));
                aggregates = Aggregate.ReadAll(connection, query.Study(connection, storeRejects: false, ZonePlan.Joined), query, study, progress, displayName, ct);
            }
        }
        catch (DuckDBException e) when (file.Format == EventFormat.Csv && IsCsvShapeError(e))
        {
            // A malformed line (too many or too few cells, an unclosed quote) stops DuckDB's fast reader. Read again,
            // setting such lines aside; clean files never pay for this.
            progress?.Report(new StudyProgress($"Reading {displayName} again, setting malformed lines aside", 0));
            aggregates = Aggregate.ReadAll(connection, query.Study(connection, storeRejects: true, ZonePlan.Joined), query, study, progress, displayName, ct);
            malformed = MalformedLines(connection);
        }

        var rejected = aggregates.Where(a => a.Outcome == 0).Sum(a => a.Rows) + malformed;
        var listed = new List<RejectedRow>();
        if (rejected > 0)
        {
            progress?.Report(new StudyProgress("Finding the rejected rows", null));
            var limit = (int)Math.Min(rejected, MaxListed);
            var zones = KnownZones(connection);
            listed.AddRange(file.Format == EventFormat.Csv
                ? RejectedCsvRows(file, study, zones, limit, ct)
                : RejectedParquetRows(connection, file, query, study, zones, limit));
        }

        var quality = new DataQuality(
            Rows: aggregates.Sum(a => a.Rows) + malformed,
            RejectedRows: rejected,
            MissingStart: aggregates.Where(a => a.Outcome == 1).Sum(a => a.Rows),
            MissingEnd: aggregates.Where(a => a.Outcome == 2).Sum(a => a.Rows),
            Negative: aggregates.Where(a => a.Outcome == 3).Sum(a => a.Rows),
            NoPeriod: aggregates.Where(a => a.Outcome == 4).Sum(a => a.Rows),
            FlaggedExtreme: aggregates.Where(a => a.Outcome == 5).Sum(a => a.Side!.Statistics.FlaggedExtreme));
        progress?.Report(new StudyProgress("Done", 100));
        return StudyResults.Assemble(study, quality, aggregates.Where(a => a.Outcome == 5).Select(a => a.Side!), query.HasChannel, listed);
    }

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
        e.Message.Contains("CSV Error", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Expected Number of Columns", StringComparison.OrdinalIgnoreCase);

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
        EventFile file, StudyDefinition study, Func<string, TimeZoneInfo?> zones, int limit, CancellationToken ct)
    {
        var found = new List<RejectedRow>();
        var classifier = new EventRowClassifier(study, file.Keys, zones);
        using var input = CsvInput.OpenFile(file.Path, file.DisplayName);
        var cells = new CsvCells(input);
        while (found.Count < limit && input.Read())
        {
            if (input.CellCount != file.Columns.Count)
            {
                found.Add(new RejectedRow(file.DisplayName, input.Line, 0, null, $"malformed line: {input.CellCount} cells where the header names {file.Columns.Count}"));
                continue;
            }

            var row = classifier.Classify(cells);
            if (row.Outcome == RowOutcome.Rejected)
            {
                found.Add(new RejectedRow(file.DisplayName, input.Line, row.RejectedColumn + 1, file.Columns[row.RejectedColumn].Name, row.Reason!));
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
        DuckDBConnection connection, EventFile file, StudyQuery query, StudyDefinition study, Func<string, TimeZoneInfo?> zones, int limit)
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
            found.Add(row.Outcome == RowOutcome.Rejected
                ? new RejectedRow(file.DisplayName, line, row.RejectedColumn + 1, file.Columns[row.RejectedColumn].Name, row.Reason!)
                : new RejectedRow(file.DisplayName, line, 0, null, "unreadable row"));
        }

        return found;
    }

    /// <summary>A stored timestamp written back in the accepted ISO form, so the classifier reads what DuckDB read.</summary>
    private static string Written(DateTime t)
    {
        var micros = t.Ticks % TimeSpan.TicksPerSecond / 10;
        return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (micros == 0 ? "" : "." + micros.ToString("D6", CultureInfo.InvariantCulture));
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
    private sealed record Aggregate(int Outcome, long Rows, SideResult? Side)
    {
        public static List<Aggregate> ReadAll(
            DuckDBConnection connection, DuckDBCommand command, StudyQuery query, StudyDefinition study, IProgress<StudyProgress>? progress, string displayName, CancellationToken ct)
        {
            using var _ = command;
            using var cancel = ct.Register(command.Cancel);
            using var timer = progress is null ? null : new Timer(_ =>
            {
                var p = connection.GetQueryProgress();
                if (p.Percentage >= 0)
                {
                    progress.Report(new StudyProgress($"Reading {displayName}", p.Percentage));
                }
            }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));

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

            return result;
        }

        private static Aggregate Read(DbDataReader reader, StudyQuery query, StudyDefinition study)
        {
            var groupCount = study.GroupBy.Count;
            var outcome = Convert.ToInt32(reader["outcome"], CultureInfo.InvariantCulture);
            var rows = Whole(reader["rows"]);
            if (outcome != 5)
            {
                return new Aggregate(outcome, rows, null);
            }

            var group = Enumerable.Range(0, groupCount).Select(i => reader.IsDBNull(i) ? null : reader.GetString(i)).ToList();
            var n = Whole(reader["n"]);
            var q = ((System.Collections.IEnumerable)reader["quantiles_us"]).Cast<object>().Select(Seconds).ToList();
            var statistics = new SideStatistics(
                n,
                Seconds(reader["mean_us"]),
                q[0], q[1], q[2], q[3], q[4], q[5],
                Seconds(reader["min_us"]),
                Seconds(reader["max_us"]),
                Seconds(reader["sd_us"]),
                study.TargetSeconds is null ? null : Whole(reader["within_target"]) / (double)n,
                Whole(reader["extreme"]));

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

            var period = (string)reader["period"] == "before" ? Period.Before : Period.After;
            return new Aggregate(outcome, rows, new SideResult(group, period, statistics, channels, empty));
        }

        private static double? Seconds(object value) => value switch
        {
            DBNull => null,
            BigInteger big => (double)big / Statistics.MicrosPerSecond,
            _ => Convert.ToDouble(value, CultureInfo.InvariantCulture) / Statistics.MicrosPerSecond,
        };

        /// <summary>DuckDB's counts arrive as BIGINT, UBIGINT or HUGEINT (BigInteger) depending on the aggregate.</summary>
        private static long Whole(object value) => value switch
        {
            // count_if over a comparison with an absent target or cap is null rather than 0.
            DBNull => 0,
            BigInteger big => (long)big,
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>Builds the study's SQL from <c>StudyEngine.sql</c> for one file and one definition.</summary>
internal sealed class StudyQuery
{
    private static readonly IReadOnlyDictionary<string, string> Sql = EmbeddedSql.Sections(typeof(StudyEngine), "StudyEngine.sql");

    private readonly EventFile file;
    private readonly StudyDefinition study;
    private readonly Dictionary<string, string> fragments;

    public StudyQuery(EventFile file, StudyDefinition study)
    {
        this.file = file;
        this.study = study;
        var timestamps = study.TimestampColumns;
        string Alias(string key) => "t" + timestamps.ToList().IndexOf(key);
        var columns = new List<string>();
        var raw = new List<(string Key, string Alias)>();
        for (var i = 0; i < study.GroupBy.Count; i++)
        {
            columns.Add($"{Text(study.GroupBy[i])} AS g{i}");
        }

        HasChannel = file.Find(StudyDefinition.ChannelColumn) is not null;
        ChannelGroupIndex = study.GroupBy.ToList().IndexOf(StudyDefinition.ChannelColumn) is var c and >= 0 ? c : null;

        // The channel is read on its own only when it is not already a group (then each cell is one channel).
        columns.Add(HasChannel && ChannelGroupIndex is null ? $"{Text(StudyDefinition.ChannelColumn)} AS channel" : "CAST(NULL AS VARCHAR) AS channel");
        var hasZone = file.Find(StudyDefinition.OfficeTimeZoneColumn) is not null;
        columns.Add(hasZone ? $"{Text(StudyDefinition.OfficeTimeZoneColumn)} AS office_tz" : "CAST(NULL AS VARCHAR) AS office_tz");
        if (hasZone)
        {
            raw.Add((StudyDefinition.OfficeTimeZoneColumn, "office_tz"));
        }

        var instants = new List<string>();
        foreach (var key in timestamps)
        {
            var column = file.Find(key)!;
            var alias = Alias(key);
            raw.Add((key, alias));
            switch (EventFile.TimestampKind(column.Type))
            {
                case "text":
                    columns.Add($"{Text(key)} AS {alias}");
                    // The shape is checked first, with Timestamps' own patterns, so DuckDB's lenient casts only ever
                    // see text both readers accept. With an offset (nearly every row) is tried first: one check, one cast.
                    instants.Add($"""
                        CASE
                            WHEN {alias} IS NULL THEN NULL
                            WHEN regexp_full_match({alias}, {Literal(Timestamps.OffsetPattern)}) THEN try_cast({alias} AS TIMESTAMPTZ)
                            WHEN regexp_full_match({alias}, {Literal(Timestamps.LocalPattern)}) THEN timezone(local_zone, try_cast({alias} AS TIMESTAMP))
                        END AS {alias}_at
                        """);
                    break;
                case "instant":
                    columns.Add($"{Identifier(column.Name)} AS {alias}");
                    instants.Add($"{alias} AS {alias}_at");
                    break;
                default:
                    columns.Add($"{Identifier(column.Name)} AS {alias}");
                    instants.Add($"timezone(local_zone, CAST({alias} AS TIMESTAMP)) AS {alias}_at");
                    break;
            }
        }

        RawColumns = raw;
        fragments = new Dictionary<string, string>
        {
            ["columns"] = string.Join(", ", columns),
            ["timestamps"] = string.Join(",\n", instants),
            ["start"] = Alias(study.Stage.Start),
            ["end"] = Alias(study.Stage.End),
            ["milestone"] = Alias(study.PeriodBy),
            ["any_bad"] = string.Join(" OR ", timestamps.Select(k => $"({Alias(k)} IS NOT NULL AND {Alias(k)}_at IS NULL)")),
            ["groups"] = string.Concat(Enumerable.Range(0, study.GroupBy.Count).Select(i => $"g{i}, ")),
            ["channels"] = HasChannel && ChannelGroupIndex is null ? "histogram(channel) FILTER (WHERE d IS NOT NULL)" : "NULL",
        };
    }

    public bool HasChannel { get; }

    /// <summary>Where <c>channel</c> is among the groups, if it is: then each cell is one channel.</summary>
    public int? ChannelGroupIndex { get; }

    /// <summary>The file's columns the rejected-rows pass reads back, with their aliases in the query.</summary>
    public IReadOnlyList<(string Key, string Alias)> RawColumns { get; }

    public DuckDBCommand Study(DuckDBConnection connection, bool storeRejects, ZonePlan plan)
    {
        var command = Command(Sql["rows"] + Sql["study"], storeRejects, rowNumbers: false, plan);
        command.Connection = connection;
        return command;
    }

    public DuckDBCommand Rejected(DuckDBConnection connection, int limit)
    {
        var command = Command(Sql["rows"] + Sql["rejected"], storeRejects: false, rowNumbers: true, ZonePlan.Joined);
        command.Connection = connection;
        command.Parameters.Add(new DuckDBParameter("limit", limit));
        return command;
    }

    /// <summary>The boundaries of the windows in the named zones, as SQL literals, from ICU.</summary>
    public IReadOnlyList<(string Zone, string BeforeFrom, string Split, string AfterEnd)> Boundaries(DuckDBConnection connection, IReadOnlyList<string> zones)
    {
        using var command = Command(
            $"SELECT name, CAST(before_from AS VARCHAR), CAST(split AS VARCHAR), CAST(after_end AS VARCHAR) FROM ({Sql["zones"]}) WHERE name IN ({string.Join(", ", zones.Select(Literal))})",
            storeRejects: false, rowNumbers: false, plan: null);
        command.Connection = connection;
        using var reader = command.ExecuteReader();
        var found = new List<(string, string, string, string)>();
        while (reader.Read())
        {
            string Instant(int i) => reader.IsDBNull(i) ? "NULL" : $"TIMESTAMPTZ {Literal(reader.GetString(i))}";
            found.Add((reader.GetString(0), Instant(1), Instant(2), Instant(3)));
        }

        return found;
    }

    /// <summary>Reads a few rows only (and leniently), to see which zones the file uses before the real pass.</summary>
    public string Sample(string column, int rows) =>
        $"SELECT DISTINCT {Text(column)} AS value FROM (SELECT * FROM {file.Source(storeRejects: false, rowNumbers: false, lenient: true)} LIMIT {rows})";

    /// <summary>A cell as the study sees it (as written, empty is null), as text whatever its stored type.</summary>
    private string Text(string key)
    {
        var column = file.Find(key)!;
        var text = column.Type == "VARCHAR" ? Identifier(column.Name) : $"CAST({Identifier(column.Name)} AS VARCHAR)";
        return $"nullif({text}, '')";
    }

    private DuckDBCommand Command(string template, bool storeRejects, bool rowNumbers, ZonePlan? plan)
    {
        var all = new Dictionary<string, string>(fragments)
        {
            ["source"] = file.Source(storeRejects, rowNumbers),
            ["extra"] = rowNumbers ? ", file_row_number AS row_number" : "",
        };
        foreach (var (name, fragment) in plan?.Fragments ?? new Dictionary<string, string>())
        {
            all[name] = name == "zone_join" ? fragment.Replace("{{zones}}", Sql["zones"], StringComparison.Ordinal) : fragment;
        }

        var command = new DuckDBCommand(EmbeddedSql.Fill(template, all));

        // Only the parameters the statement names: DuckDB refuses values for parameters it does not have.
        void Add(string name, object value)
        {
            if (command.CommandText.Contains("$" + name, StringComparison.Ordinal))
            {
                command.Parameters.Add(new DuckDBParameter(name, value));
            }
        }

        Add("before_from", Day(study.BeforeFrom));
        Add("split", Day(study.Split));
        Add("after_end", Day(study.AfterTo?.AddDays(1)));
        Add("default_zone", study.DefaultTimeZone);
        Add("signed", study.Stage.IsSigned);
        Add("target_us", Micros(study.TargetSeconds));
        Add("cap_us", Micros(study.Stage.ExtremeCapSeconds));
        return command;
    }

    private static object Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    private static object Micros(double? seconds) => seconds is { } s ? (object)(long)Math.Round(s * Statistics.MicrosPerSecond) : DBNull.Value;
}

/// <summary>
/// How rows find their zone's window boundaries. <see cref="Joined"/> joins every row with every zone ICU knows; it
/// is always right but costs a fifth of a Parquet study. <see cref="Sampled"/> looks at the first rows for the zones
/// the file uses (usually one or a few offices' zones) and writes their boundaries into the query as constants; a row
/// with any other zone is counted apart (<see cref="Unresolved"/>) and the study is then run again joined, so the
/// sample only ever decides speed, never results.
/// </summary>
internal sealed record ZonePlan(IReadOnlyDictionary<string, string> Fragments)
{
    /// <summary>The outcome of a row whose zone the sampled plan did not resolve.</summary>
    public const int Unresolved = 6;

    private const int SampleRows = 100_000;
    private const int MaxConstantZones = 16;

    public static readonly ZonePlan Joined = new(new Dictionary<string, string>
    {
        ["zone_join"] = "\n    LEFT JOIN ({{zones}}) AS zone ON zone.name = coalesce(cells.office_tz, $default_zone)",
        ["zone"] = "zone.name",
        ["before_from"] = "zone.before_from",
        ["split"] = "zone.split",
        ["after_end"] = "zone.after_end",
        ["unresolved"] = "false",
    });

    public static ZonePlan? Sampled(DuckDBConnection connection, EventFile file, StudyDefinition study, StudyQuery query)
    {
        var sampled = new List<string>();
        if (file.Find(StudyDefinition.OfficeTimeZoneColumn) is not null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = query.Sample(StudyDefinition.OfficeTimeZoneColumn, SampleRows);
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (!reader.IsDBNull(0))
                    {
                        sampled.Add(reader.GetString(0));
                    }
                }
            }
            catch (DuckDBException)
            {
                return null;
            }
        }

        var zones = sampled.Append(study.DefaultTimeZone).Distinct(StringComparer.Ordinal).ToList();
        if (zones.Count > MaxConstantZones)
        {
            return null;
        }

        var known = query.Boundaries(connection, zones);
        var invalid = zones.Except(known.Select(k => k.Zone), StringComparer.Ordinal).ToList();
        var key = $"coalesce(cells.office_tz, {Literal(study.DefaultTimeZone)})";
        string Case(Func<(string Zone, string BeforeFrom, string Split, string AfterEnd), string> value) =>
            $"CASE {key} {string.Concat(known.Select(k => $"WHEN {Literal(k.Zone)} THEN {value(k)} "))}END";
        return new ZonePlan(new Dictionary<string, string>
        {
            ["zone_join"] = "",
            ["zone"] = Case(k => Literal(k.Zone)),
            ["before_from"] = Case(k => k.BeforeFrom),
            ["split"] = Case(k => k.Split),
            ["after_end"] = Case(k => k.AfterEnd),

            // Names the sample showed not to be zones are rejected at once; any other unresolved name may be a zone.
            ["unresolved"] = invalid.Count == 0 ? "true" : $"office_tz NOT IN ({string.Join(", ", invalid.Select(Literal))})",
        });
    }
}
