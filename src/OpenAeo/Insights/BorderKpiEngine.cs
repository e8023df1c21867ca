using DuckDB.NET.Data;
using OpenAeo.Domain.Insights;
using OpenAeo.Platform.Analytics;

namespace OpenAeo.Insights;

/// <summary>
/// The border KPIs over a declarations export in DuckDB (<c>BorderKpis.sql</c>): millions of declarations are read
/// from the file in one pass, never loaded into the process. Same cells as the domain's <see cref="BorderKpis.Cells"/>.
/// </summary>
internal sealed class BorderKpiEngine(AnalyticsDatabase analytics)
{
    private static readonly string Template = EmbeddedSql.Sections(typeof(BorderKpiEngine), "BorderKpis.sql")["cells"];

    public IReadOnlyList<BorderKpis.Cell> Cells(string exportPath, string economy, KpiPeriod period, TimeZoneInfo zone)
    {
        using var connection = analytics.Open();
        using var command = connection.CreateCommand();
        command.CommandText = EmbeddedSql.Fill(
            Template,
            new Dictionary<string, string> { ["path"] = AnalyticsDatabase.Literal(exportPath) }
        );
        command.Parameters.Add(new DuckDBParameter("zone", zone.Id));
        command.Parameters.Add(new DuckDBParameter("economy", economy));
        command.Parameters.Add(new DuckDBParameter("from_month", period.From.ToString()));
        command.Parameters.Add(new DuckDBParameter("to_month", period.To.ToString()));
        using var reader = command.ExecuteReader();
        var cells = new List<BorderKpis.Cell>();
        while (reader.Read())
        {
            cells.Add(Read(reader));
        }

        return cells;
    }

    /// <summary>One cell from a row whose columns are those of <c>BorderKpis.sql</c>'s result, in its order.</summary>
    public static BorderKpis.Cell Read(System.Data.Common.DbDataReader reader) =>
        new(
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetString(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5),
            reader.GetInt64(6),
            reader.GetInt64(7),
            reader.GetInt64(8),
            reader.GetInt64(9),
            reader.GetInt64(10),
            reader.GetInt64(11),
            reader.GetInt64(12)
        );
}
