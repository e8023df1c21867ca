using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Registry;

// Dates used below: 2026-03-02 is a Monday, 2026-03-06 a Friday, 2026-03-07 a Saturday.
public class Business_days_are_working_days_that_are_not_holidays
{
    private static readonly BusinessCalendar WithHolidays = Calendar(
        weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday],
        annual: [(3, 4)],
        dated: [Day("2026-03-05")]
    );

    [Theory]
    [InlineData("2026-03-02", true)]
    [InlineData("2026-03-03", true)]
    [InlineData("2026-03-04", false)]
    [InlineData("2026-03-05", false)]
    [InlineData("2026-03-06", true)]
    [InlineData("2026-03-07", false)]
    [InlineData("2026-03-08", false)]
    [InlineData("2027-03-04", false)]
    [InlineData("2027-03-05", true)]
    public void Weekends_annual_holidays_and_dated_holidays_are_not_business_days(string day, bool expected)
    {
        WithHolidays.IsBusinessDay(Day(day)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-03-06", false)]
    [InlineData("2026-03-07", true)]
    [InlineData("2026-03-08", false)]
    public void A_friday_and_sunday_weekend_makes_saturday_a_business_day(string day, bool expected)
    {
        var brunei = Calendar(weekend: [DayOfWeek.Friday, DayOfWeek.Sunday]);

        brunei.IsBusinessDay(Day(day)).ShouldBe(expected);
    }
}

public class Counting_business_days
{
    private static readonly BusinessCalendar Plain = BusinessCalendar.SaturdaySunday;

    [Theory]
    [InlineData("2026-03-02", "2026-03-09", 5)]
    [InlineData("2026-03-02", "2026-03-03", 1)]
    [InlineData("2026-03-02", "2026-03-02", 0)]
    [InlineData("2026-03-02", "2026-03-07", 5)]
    [InlineData("2026-03-06", "2026-03-09", 1)]
    [InlineData("2026-03-07", "2026-03-09", 0)]
    [InlineData("2026-03-02", "2026-03-30", 20)]
    public void The_range_is_half_open_including_the_start_and_excluding_the_end(string from, string to, int expected)
    {
        Plain.CountBusinessDays(Day(from), Day(to)).ShouldBe(expected);
    }

    [Fact]
    public void An_end_before_the_start_counts_zero()
    {
        Plain.CountBusinessDays(Day("2026-03-09"), Day("2026-03-02")).ShouldBe(0);
    }

    [Fact]
    public void Annual_and_dated_holidays_are_not_counted()
    {
        var calendar = Calendar(weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday], annual: [(3, 4)], dated: [Day("2026-03-05")]);

        calendar.CountBusinessDays(Day("2026-03-02"), Day("2026-03-09")).ShouldBe(3);
    }

    [Fact]
    public void Christmas_week_with_annual_holidays_counts_the_remaining_days()
    {
        var calendar = Calendar(weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday], annual: [(12, 25), (12, 26)]);

        // Mon 21 to Mon 28 December 2026: 25th is a Friday, 26th a Saturday.
        calendar.CountBusinessDays(Day("2026-12-21"), Day("2026-12-28")).ShouldBe(4);
    }
}

public class Adding_business_days
{
    private static readonly BusinessCalendar Plain = BusinessCalendar.SaturdaySunday;

    [Theory]
    [InlineData("2026-03-02", 1, "2026-03-03")]
    [InlineData("2026-03-02", 5, "2026-03-09")]
    [InlineData("2026-03-06", 1, "2026-03-09")]
    [InlineData("2026-03-07", 1, "2026-03-09")]
    [InlineData("2026-03-08", 1, "2026-03-09")]
    [InlineData("2026-03-02", 20, "2026-03-30")]
    public void Weekends_are_skipped_and_the_start_day_is_not_counted(string start, int days, string expected)
    {
        Plain.AddBusinessDays(Day(start), days).ShouldBe(Day(expected));
    }

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026-03-07")]
    public void Zero_days_returns_the_start_even_on_a_weekend(string start)
    {
        Plain.AddBusinessDays(Day(start), 0).ShouldBe(Day(start));
    }

    [Fact]
    public void Holidays_are_skipped()
    {
        var calendar = Calendar(weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday], annual: [(3, 4)], dated: [Day("2026-03-05")]);

        calendar.AddBusinessDays(Day("2026-03-03"), 1).ShouldBe(Day("2026-03-06"));
    }

    [Fact]
    public void A_negative_number_of_days_throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Plain.AddBusinessDays(Day("2026-03-02"), -1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(90)]
    [InlineData(120)]
    public void Adding_n_days_and_counting_the_days_after_the_start_agree(int days)
    {
        var calendar = Calendar(weekend: [DayOfWeek.Saturday, DayOfWeek.Sunday], annual: [(1, 1), (4, 25), (12, 25), (12, 26)]);
        var start = Day("2026-03-02");

        var end = calendar.AddBusinessDays(start, days);

        calendar.IsBusinessDay(end).ShouldBeTrue();
        calendar.CountBusinessDays(start.AddDays(1), end.AddDays(1)).ShouldBe(days);
    }
}
