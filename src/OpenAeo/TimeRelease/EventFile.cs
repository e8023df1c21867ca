using DuckDB.NET.Data;
using Microsoft.Extensions.FileSystemGlobbing;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Files;
using static OpenAeo.Platform.Analytics.AnalyticsDatabase;

namespace OpenAeo.TimeRelease;

internal enum EventFormat
{
    Csv,
    Parquet,
}

/// <param name="Name">As written in the file (DuckDB needs it exactly).</param>
/// <param name="Key">Lower case, what studies name.</param>
/// <param name="Type">DuckDB's type: VARCHAR for every CSV column, the stored type for Parquet.</param>
/// <param name="Position">1-based, as errors report it.</param>
internal sealed record EventColumn(string Name, string Key, string Type, int Position);

/// <summary>
/// A file of declaration-level events, CSV or Parquet, described without reading its rows: the header of a CSV
/// (read with Sylvan, so quoting follows RFC 4180) or the schema of a Parquet file. A folder of Parquet files, or a
/// glob (<c>data/**/*.parquet</c>), is read as one file with its hive partitions (<c>month=2019-06/</c>) as columns.
/// </summary>
/// <param name="Partitioned">Several Parquet files: <see cref="Path"/> is a glob, row numbers count within each file.</param>
internal sealed record EventFile(
    string Path,
    string DisplayName,
    EventFormat Format,
    IReadOnlyList<EventColumn> Columns,
    bool Partitioned = false
)
{
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    public IReadOnlyList<string> Keys => [.. Columns.Select(c => c.Key)];

    public EventColumn? Find(string key) => Columns.FirstOrDefault(c => c.Key == key);

    public static EventFile Open(DuckDBConnection connection, string path, string displayName)
    {
        if (IsPartitioned(path))
        {
            var glob = Glob(path);
            if (Matches(glob).Count == 0)
            {
                throw Fail(displayName, 0, $"no Parquet file matches {glob}");
            }

            return Parquet(connection, glob, displayName) with
            {
                Partitioned = true,
            };
        }

        if (!File.Exists(path))
        {
            throw Fail(displayName, 0, "the file does not exist");
        }

        return IsParquet(path) ? Parquet(connection, path, displayName) : Csv(path, displayName);
    }

    /// <summary>A glob (with * or ?) or a folder: many Parquet files read as one.</summary>
    public static bool IsPartitioned(string path) =>
        path.Contains('*', StringComparison.Ordinal) || path.Contains('?', StringComparison.Ordinal) || Directory.Exists(path);

    /// <summary>A folder stands for every Parquet file under it, at any depth.</summary>
    public static string Glob(string path) => Directory.Exists(path) ? System.IO.Path.Combine(path, "**", "*.parquet") : path;

    /// <summary>The files a glob names (for their size; DuckDB expands the same glob to read them).</summary>
    public static IReadOnlyList<string> Matches(string glob)
    {
        // The root is the part before the first segment with a wildcard; the rest is matched under it.
        var full = System.IO.Path.GetFullPath(glob);
        var parts = full.Split(System.IO.Path.DirectorySeparatorChar);
        var wild = Array.FindIndex(parts, p => p.Contains('*', StringComparison.Ordinal) || p.Contains('?', StringComparison.Ordinal));
        if (wild < 0)
        {
            return File.Exists(full) ? [full] : [];
        }

        var root = string.Join(System.IO.Path.DirectorySeparatorChar, parts[..wild]);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(string.Join('/', parts[wild..]));
        return [.. matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal)];
    }

    /// <summary>Parquet by its magic bytes rather than its name, so an upload's name cannot mislead.</summary>
    public static bool IsParquet(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return stream.Length >= 8 && stream.Read(head) == 4 && head.SequenceEqual(ParquetMagic);
    }

    private static EventFile Csv(string path, string displayName)
    {
        using var input = CsvInput.OpenFile(path, displayName);
        var names = input.Columns;
        if (names.Count == 0 || names.All(n => n.Length == 0))
        {
            throw Fail(displayName, 1, "the file is empty; its first line must name the columns");
        }

        var columns = names.Select((n, i) => new EventColumn(n, n.ToLowerInvariant(), "VARCHAR", i + 1)).ToList();
        var twice = columns.GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1 || g.Key.Length == 0);
        if (twice is not null)
        {
            throw Fail(displayName, 1, twice.Key.Length == 0 ? "a column has no name" : $"the column {twice.Key} is named twice");
        }

        return new EventFile(path, displayName, EventFormat.Csv, columns);
    }

    private static EventFile Parquet(DuckDBConnection connection, string path, string displayName)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM read_parquet({Literal(path)}{(IsPartitioned(path) ? PartitionOptions : "")})";
        var columns = new List<EventColumn>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                columns.Add(new EventColumn(name, name.ToLowerInvariant(), reader.GetString(1), columns.Count + 1));
            }
        }
        catch (DuckDBException e)
        {
            throw Fail(displayName, 0, $"not a readable Parquet file: {FirstLine(e.Message)}");
        }

        return new EventFile(path, displayName, EventFormat.Parquet, columns);
    }

    /// <summary>
    /// Fails before any work when a column the study needs is missing, or a timestamp column has a type that is
    /// neither text nor a timestamp, naming what the study expects.
    /// </summary>
    public void Check(StudyDefinition study)
    {
        var missing = study.RequiredColumns.Where(c => Find(c) is null).ToList();
        if (missing.Count > 0)
        {
            throw Fail(
                DisplayName,
                1,
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}; this study needs "
                    + $"the columns {string.Join(",", study.RequiredColumns)} "
                    + $"(the event format is {string.Join(",", TimeReleaseEvents.Columns)}; other columns are "
                    + "kept and can be grouped by)"
            );
        }

        foreach (var key in study.TimestampColumns)
        {
            var column = Find(key)!;
            if (TimestampKind(column.Type) is null)
            {
                throw Fail(DisplayName, 1, $"the column {column.Name} is {column.Type}; a milestone must be ISO 8601 text or a timestamp");
            }
        }
    }

    /// <summary>How a milestone column is read: text to parse, instants, or local clock values (read in office_tz).</summary>
    public static string? TimestampKind(string type) =>
        type switch
        {
            "VARCHAR" => "text",
            "TIMESTAMP WITH TIME ZONE" => "instant",
            "TIMESTAMP" or "TIMESTAMP_NS" or "TIMESTAMP_MS" or "TIMESTAMP_S" => "local",
            _ => null,
        };

    /// <summary>The table function that reads the file: every CSV cell as text, nothing guessed.</summary>
    /// <param name="lenient">Skip malformed lines silently (for a quick look at the first rows, never for a study).</param>
    public string Source(bool storeRejects, bool rowNumbers, bool lenient = false)
    {
        if (Format == EventFormat.Parquet)
        {
            return $"read_parquet({Literal(Path)}{(Partitioned ? PartitionOptions : "")}"
                + $"{(rowNumbers ? ", file_row_number = true" : "")}"
                + $"{(rowNumbers && Partitioned ? ", filename = true" : "")})";
        }

        var columns = string.Join(", ", Columns.Select(c => $"{Literal(c.Name)}: 'VARCHAR'"));
        var rejects =
            storeRejects ? ", store_rejects = true, rejects_table = 'trs_reject_errors', rejects_scan = 'trs_reject_scans'"
            : lenient ? ", ignore_errors = true"
            : "";
        return $"read_csv({Literal(Path)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
            + $"columns = {{{columns}}}{rejects})";
    }

    /// <summary>Partition folders (key=value) are columns; files written at different times may differ in columns (matched by
    /// name).</summary>
    private const string PartitionOptions = ", hive_partitioning = true, union_by_name = true";

    public static FileImportException Fail(string file, int line, string message) => new([new FileError(file, line, 0, null, message)]);

    public static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
