using System.Globalization;
using DuckDB.NET.Data;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using static OpenAeo.Platform.Analytics.AnalyticsDatabase;

namespace OpenAeo.TimeRelease;

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
        columns.Add(
            HasChannel && ChannelGroupIndex is null
                ? $"{Text(StudyDefinition.ChannelColumn)} AS channel"
                : "CAST(NULL AS VARCHAR) AS channel"
        );
        HasCluster = file.Find(BootstrapUnits.ClusterColumn) is not null;
        if (HasCluster)
        {
            columns.Add($"{Text(BootstrapUnits.ClusterColumn)} AS cluster");
        }

        var treated = study.Rigour.Treated;
        var control = study.Rigour.Control;
        if (treated is not null)
        {
            columns.Add($"{Text(treated.Column)} AS arm_t");
        }

        if (control is not null)
        {
            columns.Add($"{Text(control.Column)} AS arm_c");
        }

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
                    // The domain reads the text (TimestampFunctions): text with an offset becomes its instant at once;
                    // only text without one (rare in practice) is read again for its clock value, which ICU places in
                    // the office's zone. DuckDB's own casts are never used on text: they are lenient.
                    instants.Add(
                        $"coalesce({TimestampFunctions.Instant}({alias}), epoch_us(timezone(local_zone, "
                            + $"make_timestamp({TimestampFunctions.LocalClock}({alias}))))) AS {alias}_at"
                    );
                    break;
                case "instant":
                    columns.Add($"{Identifier(column.Name)} AS {alias}");
                    instants.Add($"epoch_us({alias}) AS {alias}_at");
                    break;
                default:
                    columns.Add($"{Identifier(column.Name)} AS {alias}");
                    instants.Add($"epoch_us(timezone(local_zone, CAST({alias} AS TIMESTAMP))) AS {alias}_at");
                    break;
            }
        }

        RawColumns = raw;
        var (start, end) = (Alias(study.Stage.Start), Alias(study.Stage.End));
        string Working(string alias, string table) =>
            $"CASE WHEN {alias}_at IS NOT NULL AND zone_name IS NOT NULL THEN coalesce({table}.cum_us + least("
            + $"{alias}_at - {table}.from_us, {table}.to_us - {table}.from_us), 0) END";
        fragments = new Dictionary<string, string>
        {
            ["clocked"] = study.Clock is null
                ? $"{start}_at AS w_start, {end}_at AS w_end"
                : $"{Working(start, "ws")} AS w_start, {Working(end, "we")} AS w_end",
            ["clock_join"] = study.Clock is null
                ? ""
                : $"\n    ASOF LEFT JOIN {WorkingTable} AS ws ON ws.zone = instants.zone_name AND instants.{start}_at >= ws.from_us"
                    + $"\n    ASOF LEFT JOIN {WorkingTable} AS we ON we.zone = instants.zone_name AND instants.{end}_at >= we.from_us",
            ["earliest"] = string.Join(", ", timestamps.Select(k => $"min({Alias(k)}_at)")),
            ["latest_each"] = string.Join(", ", timestamps.Select(k => $"max({Alias(k)}_at)")),
            ["quantiles"] = study.Approximate ? "CAST(NULL AS DOUBLE[])" : "quantile_cont(d, [0.5, 0.1, 0.25, 0.75, 0.9, 0.95])",
            ["columns"] = string.Join(", ", columns),
            ["timestamps"] = string.Join(",\n", instants),
            ["start"] = Alias(study.Stage.Start),
            ["end"] = Alias(study.Stage.End),
            ["milestone"] = Alias(study.PeriodBy),
            ["latest"] = $"greatest({string.Join(", ", timestamps.Select(k => $"coalesce({Alias(k)}_at, {NoInstant})"))})",
            ["any_bad"] = string.Join(" OR ", timestamps.Select(k => $"({Alias(k)} IS NOT NULL AND {Alias(k)}_at IS NULL)")),
            ["groups"] = string.Concat(Enumerable.Range(0, study.GroupBy.Count).Select(i => $"g{i}, ")),
            ["channels"] = HasChannel && ChannelGroupIndex is null ? "histogram(channel) FILTER (WHERE d IS NOT NULL)" : "NULL",
            ["channel_key"] =
                ChannelGroupIndex is int g ? $"coalesce(g{g}, '')"
                : HasChannel ? "coalesce(channel, '')"
                : "''",
            ["cluster"] = HasCluster ? "cluster" : "CAST(NULL AS VARCHAR)",

            // ArmFilter.Matches: the cell trimmed, ignoring case; without a control group every other row is the control.
            ["arm"] = treated is null
                ? "CAST(NULL AS BOOLEAN)"
                : $"CASE WHEN lower(trim(arm_t)) = lower({Literal(treated.Value)}) THEN true WHEN "
                    + $"{(control is null ? "true" : $"lower(trim(arm_c)) = lower({Literal(control.Value)})")} THEN "
                    + "false END",
            ["month"] = treated is null
                ? "0"
                : $"year({LocalMilestone(Alias(study.PeriodBy))}) * 12 + month({LocalMilestone(Alias(study.PeriodBy))}) - 1",
            ["sets"] = string.Join(
                ", ",
                new[]
                {
                    $"({string.Concat(Enumerable.Range(0, study.GroupBy.Count).Select(i => $"g{i}, "))}period, unit, channel_key)",
                    $"({string.Concat(Enumerable.Range(0, study.GroupBy.Count).Select(i => $"g{i}, "))}period, unit, bin)",
                }.Concat(treated is null ? [] : ["(arm, period, unit, arm_bin)", "(arm, month, arm_bin)"])
            ),
            ["arm_columns"] = treated is null
                ? "CAST(NULL AS INTEGER) AS arm_bin, CAST(NULL AS BOOLEAN) AS arm, CAST(NULL AS INTEGER) AS month"
                : "arm_bin, arm, month",
            ["set_id"] = treated is null ? "GROUPING(channel_key, bin) * 8 + 7" : "GROUPING(channel_key, bin, arm_bin, arm, month)",
            ["window_columns"] = string.Concat(Enumerable.Range(0, study.GroupBy.Count).Select(i => $"g{i}, ")) + "period, low, high",
            ["window_join"] = string.Join(
                " AND ",
                Enumerable
                    .Range(0, study.GroupBy.Count)
                    .Select(i => $"w.g{i} IS NOT DISTINCT FROM counted.g{i}")
                    .Append("w.period = counted.period")
            ),
        };
    }

    /// <summary>The working clock's open periods per zone (ADR 0044), filled by <see cref="StudyEngine"/> before the passes that read
    /// durations.</summary>
    public const string WorkingTable = "trs_working";

    /// <summary>Per zone, the earliest and latest instant of the rows: the range the working clock's table must cover.</summary>
    public DuckDBCommand Range(DuckDBConnection connection, bool storeRejects, ZonePlan plan)
    {
        var command = Command(Sql["rows"] + Sql["range"], storeRejects, rowNumbers: false, plan);
        command.Connection = connection;
        return command;
    }

    /// <summary>What <c>latest_us</c> reads when a row has no timestamp at all.</summary>
    public const long NoInstant = -9_223_372_036_854_775_807;

    public bool HasChannel { get; }

    /// <summary>Whether the file has <c>importer_tin</c>, the bootstrap's cluster.</summary>
    public bool HasCluster { get; }

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

    /// <summary>The second pass: the sufficient statistics of the intervals, decomposition and difference-in-differences.</summary>
    public DuckDBCommand Rigour(
        DuckDBConnection connection,
        bool storeRejects,
        ZonePlan plan,
        IReadOnlyDictionary<(IReadOnlyList<string?> Group, Period Period), MedianWindow> windows
    )
    {
        // A cell's value is data: "{{" in it must not read as a placeholder of the template.
        string Value(string? v) => v is null ? "CAST(NULL AS VARCHAR)" : Literal(v).Replace("{{", "{' || '{", StringComparison.Ordinal);
        var rows = windows.Select(w =>
            "("
            + string.Concat(w.Key.Group.Select(g => Value(g) + ", "))
            + $"{Literal(w.Key.Period == Period.Before ? "before" : "after")}, "
            + $"{w.Value.Low.ToString(CultureInfo.InvariantCulture)}, "
            + $"{w.Value.High.ToString(CultureInfo.InvariantCulture)})"
        );
        var template = Sql["rows"] + Sql["rigour"].Replace("{{windows}}", string.Join(", ", rows), StringComparison.Ordinal);
        var command = Command(template, storeRejects, rowNumbers: false, plan);
        command.Connection = connection;
        return command;
    }

    /// <summary>The Kaplan–Meier input of the sides with censored declarations, censored at <paramref name="asOf"/>.</summary>
    /// <param name="workingAsOf">On the working clock, W(as of) per zone (ADR 0044): a censored declaration's time is then W(as of) −
    /// W(start).</param>
    public DuckDBCommand KaplanMeier(
        DuckDBConnection connection,
        bool storeRejects,
        ZonePlan plan,
        long asOf,
        IEnumerable<(IReadOnlyList<string?> Group, Period Period, long Total, long? UpperMicros)> sides,
        IReadOnlyDictionary<string, long>? workingAsOf = null
    )
    {
        string Value(string? v) => v is null ? "CAST(NULL AS VARCHAR)" : Literal(v).Replace("{{", "{' || '{", StringComparison.Ordinal);
        string Number(long? n) => n is { } value ? value.ToString(CultureInfo.InvariantCulture) : "CAST(NULL AS BIGINT)";
        var rows = sides.Select(s =>
            "("
            + string.Concat(s.Group.Select(g => Value(g) + ", "))
            + Literal(s.Period == Period.Before ? "before" : "after")
            + $", {Number(s.Total)}, {Number(s.UpperMicros)})"
        );
        var groups = Enumerable.Range(0, study.GroupBy.Count).ToList();
        var censored = workingAsOf is null
            ? $"CAST($as_of_km AS BIGINT) - {fragments["start"]}_at"
            : "CASE zone_name "
                + string.Concat(workingAsOf.Select(z => $"WHEN {Literal(z.Key)} THEN {z.Value.ToString(CultureInfo.InvariantCulture)} "))
                + "END - w_start";
        var km = Sql["km"]
            .Replace("{{censored_sides}}", string.Join(", ", rows), StringComparison.Ordinal)
            .Replace("{{censored_us}}", censored, StringComparison.Ordinal)
            .Replace(
                "{{km_columns}}",
                string.Concat(groups.Select(i => $"k_g{i}, ")) + "k_period, k_total, k_upper",
                StringComparison.Ordinal
            )
            .Replace(
                "{{km_join}}",
                string.Join(" AND ", groups.Select(i => $"k_g{i} IS NOT DISTINCT FROM trs_rows.g{i}").Append("k_period = trs_rows.period")),
                StringComparison.Ordinal
            );
        var command = Command(Sql["rows"] + km, storeRejects, rowNumbers: false, plan);
        command.Connection = connection;
        if (workingAsOf is null)
        {
            command.Parameters.Add(new DuckDBParameter("as_of_km", asOf));
        }
        return command;
    }

    public DuckDBCommand Rejected(DuckDBConnection connection, int limit)
    {
        var command = Command(Sql["rows"] + Sql["rejected"], storeRejects: false, rowNumbers: true, ZonePlan.Joined);
        command.Connection = connection;
        command.Parameters.Add(new DuckDBParameter("limit", limit));
        return command;
    }

    /// <summary>The boundaries of the windows in the named zones, as SQL literals (microseconds since the epoch), from ICU.</summary>
    public IReadOnlyList<(string Zone, string BeforeFrom, string Split, string AfterEnd)> Boundaries(
        DuckDBConnection connection,
        IReadOnlyList<string> zones
    )
    {
        using var command = Command(
            $"SELECT name, before_from, split, after_end FROM ({Sql["zones"]}) WHERE name IN ({string.Join(", ", zones.Select(Literal))})",
            storeRejects: false,
            rowNumbers: false,
            plan: null
        );
        command.Connection = connection;
        using var reader = command.ExecuteReader();
        var found = new List<(string, string, string, string)>();
        while (reader.Read())
        {
            string Instant(int i) => reader.IsDBNull(i) ? "NULL" : reader.GetInt64(i).ToString(CultureInfo.InvariantCulture);
            found.Add((reader.GetString(0), Instant(1), Instant(2), Instant(3)));
        }

        return found;
    }

    /// <summary>Reads a few rows only (and leniently), to see which zones the file uses before the real pass.</summary>
    public string Sample(string column, int rows) =>
        $"SELECT DISTINCT {Text(column)} AS value FROM (SELECT * FROM "
        + $"{file.Source(storeRejects: false, rowNumbers: false, lenient: true)} LIMIT {rows})";

    /// <summary>The milestone's local clock in the row's zone, which is how its day (and month) is counted.</summary>
    private static string LocalMilestone(string alias) => $"timezone(zone_name, timezone('UTC', make_timestamp({alias}_at)))";

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
            ["extra"] = rowNumbers ? ", file_row_number AS row_number" + (file.Partitioned ? ", filename AS source_file" : "") : "",
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
        Add("as_of", study.AsOfMicros is { } asOf ? asOf : DBNull.Value);
        return command;
    }

    private static object Day(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;

    private static object Micros(double? seconds) =>
        seconds is { } s ? (object)(long)Math.Round(s * Statistics.MicrosPerSecond) : DBNull.Value;
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

    private const int SampleRows = 20_000;
    private const int MaxConstantZones = 16;

    public static readonly ZonePlan Joined = new(
        new Dictionary<string, string>
        {
            ["zone_join"] = "\n    LEFT JOIN ({{zones}}) AS zone ON zone.name = coalesce(cells.office_tz, $default_zone)",
            ["zone"] = "zone.name",
            ["before_from"] = "zone.before_from",
            ["split"] = "zone.split",
            ["after_end"] = "zone.after_end",
            ["unresolved"] = "false",
        }
    );

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
        return new ZonePlan(
            new Dictionary<string, string>
            {
                ["zone_join"] = "",
                ["zone"] = Case(k => Literal(k.Zone)),
                ["before_from"] = Case(k => k.BeforeFrom),
                ["split"] = Case(k => k.Split),
                ["after_end"] = Case(k => k.AfterEnd),

                // Names the sample showed not to be zones are rejected at once; any other unresolved name may be a zone.
                ["unresolved"] = invalid.Count == 0 ? "true" : $"office_tz NOT IN ({string.Join(", ", invalid.Select(Literal))})",
            }
        );
    }
}
