using System.Globalization;
using DuckDB.NET.Data;

namespace OpenAeo.Platform.Analytics;

/// <summary>
/// Settings of the in-process analytics engine (DuckDB), section <c>Analytics</c>. DuckDB streams files and spills
/// to <see cref="TempDirectory"/> beyond <see cref="MemoryLimit"/>, so an input larger than memory works.
/// </summary>
internal sealed class AnalyticsOptions
{
    /// <summary>DuckDB's syntax (<c>4GB</c>, <c>512MB</c>); by default half of the memory the process may use.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Where DuckDB spills; by default a folder in the system's temporary directory.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>Worker threads; by default one per core.</summary>
    public int? Threads { get; set; }
}

/// <summary>
/// Opens DuckDB connections for analytics: in memory (nothing is loaded into the operational database), with
/// the memory limit and spill folder set, UTC as the session zone, and extension downloads switched off — the
/// package bundles what we use (Parquet, ICU time zones), and a server may be air-gapped.
/// </summary>
internal sealed class AnalyticsDatabase(Microsoft.Extensions.Options.IOptions<AnalyticsOptions> options)
{
    public AnalyticsOptions Options { get; } = options.Value;

    public DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var temp = Options.TempDirectory ?? Path.Combine(Path.GetTempPath(), "openaeo-duckdb");
        // What DuckDB spills there is the data being studied.
        Files.OwnerOnly.CreateDirectory(temp);
        var memory = Options.MemoryLimit
            ?? (GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / (1 << 20)).ToString(CultureInfo.InvariantCulture) + "MB";
        var settings = new List<string>
        {
            $"SET memory_limit = {Literal(memory)}",
            $"SET temp_directory = {Literal(temp)}",
            "SET TimeZone = 'UTC'",
            "SET preserve_insertion_order = false",
            "SET autoinstall_known_extensions = false",
            "SET autoload_known_extensions = false",
            // DuckDB tracks a query's progress only with its progress bar on; callers read it, DuckDB never prints it.
            "SET enable_progress_bar = true",
            "SET enable_progress_bar_print = false",
        };
        if (Options.Threads is int threads and > 0)
        {
            settings.Add($"SET threads = {threads}");
        }

        foreach (var setting in settings)
        {
            Execute(connection, setting);
        }

        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A SQL string literal: file paths and names cannot be bound as parameters inside table functions.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted SQL identifier, for column names taken from users' files.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>
/// Reads <c>.sql</c> files embedded next to the code that runs them. A file may hold several statements or
/// fragments, each after a line <c>-- @name</c>.
/// </summary>
internal static class EmbeddedSql
{
    public static IReadOnlyDictionary<string, string> Sections(Type anchor, string fileName)
    {
        var assembly = anchor.Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{fileName} is not embedded in {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("-- @", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections[current] = text.ToString();
                }

                current = line[4..].Trim();
                text.Clear();
            }
            else if (current is not null)
            {
                text.AppendLine(line);
            }
        }

        if (current is not null)
        {
            sections[current] = text.ToString();
        }

        return sections;
    }

    /// <summary>
    /// Replaces each <c>{{name}}</c> with its fragment; a placeholder left unfilled is a programming error. Placeholders
    /// are replaced in comments too, so a section's comments must not name them.
    /// </summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> fragments)
    {
        var sql = fragments.Aggregate(template, (s, f) => s.Replace("{{" + f.Key + "}}", f.Value, StringComparison.Ordinal));
        var open = sql.IndexOf("{{", StringComparison.Ordinal);
        return open < 0
            ? sql
            : throw new InvalidOperationException($"Unfilled SQL placeholder near '{sql[open..Math.Min(sql.Length, open + 30)]}'.");
    }
}
