using DuckDB.NET.Data;

namespace OpenAeo.TimeRelease;

/// <summary>
/// The domain's timestamp reading as DuckDB scalar functions, so the engine and the reference calculation share one
/// definition of the form and of the arithmetic:
/// <c>trs_instant(text)</c> is <see cref="Timestamps.InstantOf"/> (microseconds since the epoch, for text with an
/// offset), <c>trs_local_clock(text)</c> is <see cref="Timestamps.LocalClockOf"/> (the clock value of text without
/// one, which the query places in the office's zone with ICU). DuckDB calls them a chunk of rows at a time, from
/// every worker thread. One call that checks the form and computes the instant costs about what DuckDB's own
/// VARCHAR → TIMESTAMPTZ cast costs; checking the form first and then casting cost a third of a study more.
/// </summary>
internal static class TimestampFunctions
{
    public const string Instant = "trs_instant";
    public const string LocalClock = "trs_local_clock";

    public static void Register(DuckDBConnection connection)
    {
        RegisterMicros(connection, Instant, Timestamps.InstantOf);
        RegisterMicros(connection, LocalClock, Timestamps.LocalClockOf);
    }

    private delegate long? Reader(ReadOnlySpan<char> text);

    private static void RegisterMicros(DuckDBConnection connection, string name, Reader read) =>
        connection.RegisterScalarFunction<string, long>(
            name,
            (readers, writer, rows) =>
            {
                var cells = readers[0];
                for (ulong row = 0; row < rows; row++)
                {
                    if (cells.IsValid(row) && read(cells.GetValue<string>(row)) is { } micros)
                    {
                        writer.WriteValue(micros, row);
                    }
                    else
                    {
                        writer.WriteNull(row);
                    }
                }
            },
            new ScalarFunctionOptions { IsPureFunction = true }
        );
}
