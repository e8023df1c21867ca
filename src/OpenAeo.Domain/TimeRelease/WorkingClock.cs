using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.TimeRelease;

/// <summary>One working period of a zone's table, as instants (microseconds), with the working time of the table before it.</summary>
public readonly record struct WorkingInterval(long FromMicros, long ToMicros, long CumulativeMicros);

/// <summary>
/// The working-hours clock of a time release study (the WCO TRS Guide's option; ADR 0044): a duration counts only
/// the time an office is open — its programme's working days and hours, in the office's own zone, minus the
/// programme's holidays. The day and hours are local, so an interval's instants move with daylight saving and a
/// duration is the same however the local and UTC days fall.
/// </summary>
/// <param name="Programme">The code of the programme whose calendar this is (for the report).</param>
public sealed record WorkingClock(string Programme, WorkingHours Hours, BusinessCalendar Calendar)
{
    /// <summary>The milestones between which the goods are under customs control: only a stage between two of them runs on this
    /// clock.</summary>
    public static IReadOnlyList<string> CustomsControlled { get; } = ["lodged_at", "released_at"];

    /// <summary>
    /// Whether a stage is under customs control (time-release.md: Stage 1, lodgement to release, is; anything from
    /// arrival or to delivery includes time the trader and the carrier control, which the office's hours do not bound).
    /// </summary>
    public static bool Covers(Stage stage) => CustomsControlled.Contains(stage.Start) && CustomsControlled.Contains(stage.End);

    /// <summary>The office's open period on a local day, as instants; null on a weekend day or a holiday.</summary>
    public (long From, long To)? Day(DateOnly day, TimeZoneInfo zone) =>
        Calendar.IsBusinessDay(day)
            ? (Timestamps.Instant(day.ToDateTime(Hours.Opens), zone), Timestamps.Instant(day.ToDateTime(Hours.Closes), zone))
            : null;

    /// <summary>
    /// Working microseconds from <paramref name="startMicros"/> to <paramref name="endMicros"/> in <paramref name="zone"/>:
    /// the overlap of [start, end) with every open period; negative (the same amount) when the end comes first.
    /// </summary>
    public long Between(long startMicros, long endMicros, TimeZoneInfo zone)
    {
        if (endMicros < startMicros)
        {
            return -Between(endMicros, startMicros, zone);
        }

        long total = 0;
        // A day either side: an open period is placed by its local day, which may start before the instant's UTC day.
        var last = Timestamps.LocalDay(endMicros, zone).AddDays(1);
        for (var day = Timestamps.LocalDay(startMicros, zone).AddDays(-1); day <= last; day = day.AddDays(1))
        {
            if (Day(day, zone) is { } open)
            {
                total += Math.Max(0, Math.Min(open.To, endMicros) - Math.Max(open.From, startMicros));
            }
        }

        return total;
    }

    /// <summary>
    /// The open periods of the local days <paramref name="first"/> to <paramref name="last"/> with the working time before
    /// each: W(t) = cumulative + min(t − from, to − from) for the last period that starts at or before t, and 0 before the
    /// first. A duration is W(end) − W(start), which the DuckDB engine reads with an ASOF join on this table (ADR 0044).
    /// </summary>
    public IEnumerable<WorkingInterval> Intervals(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        long cumulative = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            if (Day(day, zone) is { } open)
            {
                yield return new WorkingInterval(open.From, open.To, cumulative);
                cumulative += open.To - open.From;
            }
        }
    }

    /// <summary>How a report names the clock: <c>in working hours of TW, Mon–Fri 08:30–17:30, without its holidays</c>.</summary>
    public string Description
    {
        get
        {
            // The week read from the first working day after a weekend day, so Sunday to Thursday is one run.
            bool Works(int d) => !Calendar.Weekend.Contains((DayOfWeek)(((d % 7) + 7) % 7));
            var first = Enumerable.Range(1, 7).FirstOrDefault(d => Works(d) && !Works(d - 1), 1);
            var days = Enumerable.Range(first, 7).Where(Works).Select(d => (DayOfWeek)(d % 7)).ToList();
            var names =
                days.Count > 2 && days.Zip(days.Skip(1)).All(p => (((int)p.Second - (int)p.First) + 7) % 7 == 1)
                    ? $"{Short(days[0])}–{Short(days[^1])}"
                    : string.Join(", ", days.Select(Short));
            return $"in working hours of {Programme}, {names} {Hours}, without its holidays";
        }
    }

    private static string Short(DayOfWeek day) => day.ToString()[..3];
}
