using System.Globalization;
using OpenAeo.Platform.Analytics;
using static OpenAeo.Platform.Analytics.AnalyticsDatabase;

namespace OpenAeo.TimeRelease;

/// <summary>
/// Writes synthetic declaration-level events (<c>GenerateEvents.sql</c>) as CSV, or as Parquet when the file name
/// ends in <c>.parquet</c>: the input of <c>openaeo trs generate</c>, the tests at scale and the benchmark. CSV
/// timestamps are text with the office's offset; Parquet stores instants (TIMESTAMP WITH TIME ZONE). By month, the
/// path is a folder of Parquet files in hive partitions (<c>month=2019-05/…</c>, the office's local month of lodgement),
/// the layout a national study reads with <c>--events 'folder/**/*.parquet'</c>.
/// </summary>
internal static class GenerateEvents
{
    private static readonly string Template = EmbeddedSql.Sections(typeof(GenerateEvents), "GenerateEvents.sql")["generate"];

    public static void Run(
        AnalyticsDatabase analytics,
        string path,
        long rows,
        long seed,
        DateOnly split,
        CancellationToken ct,
        bool byMonth = false
    )
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var parquet = byMonth || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        string Milestone(string column) =>
            parquet ? $"CAST({column} AS TIMESTAMPTZ)" : $"CAST({column} + INTERVAL 8 HOUR AS VARCHAR) || '+08:00'";

        var sql = EmbeddedSql.Fill(
            Template,
            new Dictionary<string, string>
            {
                ["rows"] = rows.ToString(CultureInfo.InvariantCulture),
                ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
                ["split"] = Literal(split.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                ["arrival"] = Milestone("arrival"),
                ["lodged"] = Milestone("lodged"),
                ["released"] = Milestone("released"),
                ["delivered"] = Milestone("delivered"),
                ["month"] = byMonth ? ", strftime(lodged + INTERVAL 8 HOUR, '%Y-%m') AS month" : "",
                ["target"] =
                    Literal(path)
                    + (
                        byMonth ? " (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (month), OVERWRITE_OR_IGNORE)"
                        : parquet ? " (FORMAT parquet, COMPRESSION zstd)"
                        : " (FORMAT csv, HEADER true)"
                    ),
            }
        );
        using var connection = analytics.Open();

        // Rows in the order of their number, so the same seed writes the same file byte for byte.
        AnalyticsDatabase.Execute(connection, "SET preserve_insertion_order = true");
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var cancel = ct.Register(command.Cancel);
        command.ExecuteNonQuery();
        ct.ThrowIfCancellationRequested();
    }
}
