using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace OpenAeo.Platform.Persistence;

/// <summary>
/// Where a bulk import spends its time, by section (reading and checking, deciding, building rows, writing each table,
/// committing), logged at Debug when the import ends (ADR 0067). A section is timed with <see cref="Stopwatch.GetTimestamp"/>,
/// which costs nanoseconds next to the microseconds of a row. Sections of two threads (reading and writing) overlap, so
/// their sum is more than the total.
/// </summary>
/// <example><c>Logging__LogLevel__OpenAeo.Imports=Debug openaeo declarations import traffic.csv</c></example>
internal sealed class ImportTimings(string import)
{
    public const string Category = "OpenAeo.Imports";

    private readonly Dictionary<string, long> ticks = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private readonly long started = Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="since"/> to the section and returns now, for the next section.</summary>
    public long Add(string section, long since)
    {
        var now = Stopwatch.GetTimestamp();
        lock (ticks)
        {
            if (ticks.TryGetValue(section, out var sum))
            {
                ticks[section] = sum + now - since;
            }
            else
            {
                ticks[section] = now - since;
                order.Add(section);
            }
        }

        return now;
    }

    public void Log(ILogger logger, long rows)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var sections = string.Join(
            ", ",
            order.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {Stopwatch.GetElapsedTime(0, ticks[s]).TotalSeconds:F2} s"))
        );
        logger.LogDebug("{Import}: {Rows} rows in {Total:F2} s: {Sections}", import, rows, total, sections);
    }

    public static ILogger Logger(OpenAeoDb db) => db.GetService<ILoggerFactory>().CreateLogger(Category);
}
