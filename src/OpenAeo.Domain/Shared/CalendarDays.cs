namespace OpenAeo.Domain.Shared;

/// <summary>
/// Calendar days in a time zone (ADR 0003, ADR 0012): the day an instant falls on there, and the instant a day begins.
/// A date that belongs to a programme, an office or a person is a day in its zone, never a UTC day.
/// </summary>
public static class CalendarDays
{
    /// <summary>The calendar day of <paramref name="instant"/> on the clocks of <paramref name="zone"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// The first instant of <paramref name="day"/> in <paramref name="zone"/>, in UTC: local midnight; where clocks jump
    /// over midnight (a daylight-saving gap, as in America/Santiago) the end of the gap; where midnight happens twice, the
    /// first. So every instant belongs to exactly one day and <c>DayOf(StartOf(d)) == d</c> for every day that exists.
    /// </summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max()).ToUniversalTime();
        }

        // Gaps are whole minutes, and never longer than a day.
        for (var minutes = 0; minutes < 24 * 60 && zone.IsInvalidTime(local); minutes++)
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
