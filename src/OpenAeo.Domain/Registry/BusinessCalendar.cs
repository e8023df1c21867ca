namespace OpenAeo.Domain.Registry;

/// <summary>
/// Which days a programme office works: weekends, holidays that fall on the same date every year, and dated
/// holidays (movable feasts, substitute days, one-off closures).
/// </summary>
/// <remarks>
/// SLA clocks count business days from this calendar and never from the machine's clock or culture. A day is a
/// calendar day in the programme's economy; the caller converts instants to that local date before asking.
/// </remarks>
public sealed record BusinessCalendar(
    IReadOnlySet<DayOfWeek> Weekend,
    IReadOnlySet<(int Month, int Day)> AnnualHolidays,
    IReadOnlySet<DateOnly> Holidays
)
{
    public static readonly BusinessCalendar SaturdaySunday = new(
        new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
        new HashSet<(int, int)>(),
        new HashSet<DateOnly>()
    );

    public bool IsBusinessDay(DateOnly day) =>
        !Weekend.Contains(day.DayOfWeek) && !AnnualHolidays.Contains((day.Month, day.Day)) && !Holidays.Contains(day);

    /// <summary>Business days in the half-open range <c>[from, to)</c>; zero when <paramref name="to"/> is not after
    /// <paramref name="from"/>.</summary>
    public int CountBusinessDays(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The day on which the <paramref name="businessDays"/>-th business day after <paramref name="start"/> falls
    /// (the start day itself is not counted). Zero returns <paramref name="start"/>.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly start, int businessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(businessDays);
        var day = start;
        var remaining = businessDays;
        while (remaining > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                remaining--;
            }
        }

        return day;
    }
}
