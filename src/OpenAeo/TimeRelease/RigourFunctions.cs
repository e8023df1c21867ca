using DuckDB.NET.Data;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.TimeRelease;

/// <summary>
/// The domain's bootstrap unit and duration bin as DuckDB scalar functions (<c>trs_unit</c>, <c>trs_bin</c>), so the
/// engine places every declaration exactly where the reference calculation does: a hash or a logarithm computed
/// twice, in SQL and in C#, could differ in the last bit at a bin's edge.
/// </summary>
internal static class RigourFunctions
{
    public static void Register(DuckDBConnection connection)
    {
        connection.RegisterScalarFunction<string, long, long, int>(
            "trs_unit",
            (readers, writer, rows) =>
            {
                for (ulong row = 0; row < rows; row++)
                {
                    var cluster = readers[0].IsValid(row) ? readers[0].GetValue<string>(row) : null;
                    writer.WriteValue(BootstrapUnits.Of(cluster, readers[1].GetValue<long>(row), readers[2].GetValue<long>(row)), row);
                }
            },
            new ScalarFunctionOptions { IsPureFunction = true, HandlesNulls = true }
        );
        connection.RegisterScalarFunction<long, int>(
            "trs_bin",
            (readers, writer, rows) =>
            {
                for (ulong row = 0; row < rows; row++)
                {
                    if (readers[0].IsValid(row))
                    {
                        writer.WriteValue(DurationBins.Of(readers[0].GetValue<long>(row)), row);
                    }
                    else
                    {
                        writer.WriteNull(row);
                    }
                }
            },
            new ScalarFunctionOptions { IsPureFunction = true, HandlesNulls = true }
        );
    }
}
