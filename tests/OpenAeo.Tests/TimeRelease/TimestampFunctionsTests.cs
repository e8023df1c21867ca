using DuckDB.NET.Data;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using OpenAeo.Platform.Analytics;
using OpenAeo.TimeRelease;

namespace OpenAeo.Tests.TimeRelease;

/// <summary>
/// The engine reads timestamp text with the domain's code (TimestampFunctions), so the oracle tests alone would
/// compare that code with itself. Here DuckDB's own casts are the independent check: wherever the domain accepts a
/// text, DuckDB's cast must give the same instant (with an offset) or clock value (without one).
/// </summary>
public sealed class The_engines_timestamp_functions : IAsyncDisposable
{
    private readonly OpenAeoApp app = OpenAeoApp.OnSqlite();

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public void Agree_with_DuckDBs_casts_on_every_text_the_domain_accepts()
    {
        // The variants of Reading_a_timestamp_for_the_engine (domain tests), most of them readable.
        string[] dates = ["2019-05-22", "2020-02-29", "2019-02-29", "1969-12-31", "2019-5-22"];
        string[] separators = ["T", " "];
        string[] times = ["00:00:00", "23:59:59", "24:00:00", "10:60:00"];
        string[] fractions = ["", ".1", ".000001", ".123456", ".1234567", ".999999999"];
        string[] zones = ["", "Z", "+08:00", "-05:30", "+0800", "-0800", "+08", "-00", "+23:59", "+24:00"];
        using var connection = app.Services.GetRequiredService<AnalyticsDatabase>().Open();
        TimestampFunctions.Register(connection);
        AnalyticsDatabase.Execute(connection, "CREATE TABLE texts (t VARCHAR)");
        using (var appender = connection.CreateAppender("texts"))
        {
            foreach (
                var text in from d in dates
                from s in separators
                from t in times
                from f in fractions
                from z in zones
                select d + s + t + f + z
            )
            {
                appender.CreateRow().AppendValue(text).EndRow();
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT t, {TimestampFunctions.Instant}(t), epoch_us(try_cast(t AS TIMESTAMPTZ)),
                   {TimestampFunctions.LocalClock}(t), epoch_us(try_cast(t AS TIMESTAMP))
            FROM texts
            """;
        using var reader = command.ExecuteReader();
        var disagreements = new List<string>();
        var (instants, clocks) = (0, 0);
        long? Value(int i) => reader.IsDBNull(i) ? null : reader.GetInt64(i);
        while (reader.Read())
        {
            var text = reader.GetString(0);
            if (Value(1) is { } instant)
            {
                instants++;
                if (instant != Value(2))
                {
                    disagreements.Add($"{text}: {instant}, DuckDB {Value(2)}");
                }
            }

            if (Value(3) is { } clock)
            {
                clocks++;
                if (clock != Value(4))
                {
                    disagreements.Add($"{text}: clock {clock}, DuckDB {Value(4)}");
                }
            }

            (Value(1) is not null).ShouldBe(Timestamps.InstantOf(text) is not null, text);
        }

        disagreements.ShouldBeEmpty();
        instants.ShouldBeGreaterThan(500);
        clocks.ShouldBeGreaterThan(50);
    }
}
