using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Tests.TimeRelease;

/// <summary>The working-hours clock of a study (ADR 0044): only the office's open hours count, in the office's own zone.</summary>
public class The_working_hours_clock
{
    private const long Hour = 3_600_000_000;
    private static readonly TimeZoneInfo Taipei = TimeZones.Find("Asia/Taipei")!;
    private static readonly TimeZoneInfo Madrid = TimeZones.Find("Europe/Madrid")!;

    // Dragon Boat Festival 2019 fell on Friday 7 June.
    private static readonly WorkingClock Tw = new(
        "TW",
        WorkingHours.Default,
        new BusinessCalendar(
            new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
            new HashSet<(int, int)> { (1, 1) },
            new HashSet<DateOnly> { new(2019, 6, 7) }
        )
    );

    private static long At(string text) =>
        Timestamps.Instant(Timestamps.Read(text, out _)!.Value.Clock, Timestamps.Read(text, out _)!.Value.Offset!.Value);

    [Fact]
    public void Counts_the_local_office_day_where_the_local_and_UTC_days_differ()
    {
        // Lodged 00:30 on Wednesday in Taipei (still Tuesday 16:30 in UTC, when a UTC office would be open): released at 09:30.
        Tw.Between(At("2019-05-21T16:30:00Z"), At("2019-05-22T09:30:00+08:00"), Taipei).ShouldBe(1 * Hour);

        // Lodged Tuesday 17:00 local (09:00 UTC) and released 08:00 local next day (00:00 UTC): half an hour of Tuesday only.
        Tw.Between(At("2019-05-21T17:00:00+08:00"), At("2019-05-22T00:00:00Z"), Taipei).ShouldBe(Hour / 2);
    }

    [Fact]
    public void Skips_a_holiday_and_a_weekend()
    {
        // Thursday 16:30 to Monday 09:30: one hour on Thursday, nothing on the holiday Friday or the weekend, one hour on Monday.
        Tw.Between(At("2019-06-06T16:30:00+08:00"), At("2019-06-10T09:30:00+08:00"), Taipei).ShouldBe(2 * Hour);

        // The same week without the holiday: Friday's nine hours count.
        Tw.Between(At("2019-05-30T16:30:00+08:00"), At("2019-06-03T09:30:00+08:00"), Taipei).ShouldBe(11 * Hour);

        // An annual holiday (1 January, a Tuesday in 2019) counts nothing either.
        Tw.Between(At("2018-12-31T17:00:00+08:00"), At("2019-01-02T09:00:00+08:00"), Taipei).ShouldBe(Hour);
    }

    [Fact]
    public void Follows_the_local_hours_across_a_daylight_saving_change()
    {
        var madrid = Tw with { Programme = "ES", Calendar = BusinessCalendar.SaturdaySunday };

        // Friday 12:00 to Monday 12:00 across the spring change (31 March 2019): 71 hours elapsed, 5.5 + 3.5 working.
        var start = At("2019-03-29T12:00:00+01:00");
        var end = At("2019-04-01T12:00:00+02:00");
        (end - start).ShouldBe(71 * Hour);
        madrid.Between(start, end, Madrid).ShouldBe(9 * Hour);

        // Monday after the change opens at 08:30 local, which is 06:30 UTC, not 07:30.
        madrid.Day(new DateOnly(2019, 4, 1), Madrid).ShouldBe((At("2019-04-01T06:30:00Z"), At("2019-04-01T15:30:00Z")));
    }

    [Fact]
    public void Counts_nothing_outside_office_hours_and_backwards_is_negative()
    {
        Tw.Between(At("2019-05-22T18:00:00+08:00"), At("2019-05-23T07:00:00+08:00"), Taipei).ShouldBe(0);
        Tw.Between(At("2019-05-22T10:00:00+08:00"), At("2019-05-22T09:00:00+08:00"), Taipei).ShouldBe(-Hour);
    }

    [Fact]
    public void The_table_of_open_periods_gives_the_same_durations_as_counting_day_by_day()
    {
        // W(t) = cumulative + min(t − from, to − from) of the last period starting at or before t, as the engine's ASOF join reads it.
        var table = Tw.Intervals(new DateOnly(2019, 5, 1), new DateOnly(2019, 7, 1), Taipei).ToList();
        long W(long t)
        {
            var last = table.LastOrDefault(i => i.FromMicros <= t);
            return last == default ? 0 : last.CumulativeMicros + Math.Min(t - last.FromMicros, last.ToMicros - last.FromMicros);
        }

        var random = new Random(20190522);
        var from = At("2019-05-02T00:00:00+08:00");
        for (var i = 0; i < 500; i++)
        {
            var start = from + random.NextInt64(50L * 24 * Hour);
            var end = start + random.NextInt64(-2 * Hour, 10L * 24 * Hour);
            (W(end) - W(start)).ShouldBe(Tw.Between(start, end, Taipei), $"from {Timestamps.Format(start)} to {Timestamps.Format(end)}");
        }

        table
            .Count(i => new DateTime(1970, 1, 1).AddTicks(i.FromMicros * 10).Month == 6)
            .ShouldBe(19, "June 2019 has 20 weekdays, one of them a holiday");
    }

    [Fact]
    public void Runs_only_stages_under_customs_control()
    {
        WorkingClock.Covers(Stage.Presets.Single(s => s.Name == Stage.Apec1)).ShouldBeTrue();
        WorkingClock.Covers(Stage.Presets.Single(s => s.Name == Stage.Apec2)).ShouldBeFalse();
        WorkingClock.Covers(Stage.Presets.Single(s => s.Name == Stage.WcoRelease)).ShouldBeFalse();

        var refused = StudyDefinition.Create(
            "wco-release",
            [],
            "2019-05-22",
            null,
            null,
            null,
            null,
            null,
            null,
            false,
            "Asia/Taipei",
            _ => true,
            [],
            clock: Tw
        );
        refused.Errors.ShouldHaveSingleItem().Field.ShouldBe("clock");
        StudyDefinition
            .Create("apec1", [], "2019-05-22", null, null, null, null, null, null, false, "Asia/Taipei", _ => true, [], clock: Tw)
            .Value!.Clock.ShouldBe(Tw);
    }

    [Fact]
    public void Says_which_clock_a_report_used()
    {
        Tw.Description.ShouldBe("in working hours of TW, Mon–Fri 08:30–17:30, without its holidays");
        (
            Tw with
            {
                Calendar = new BusinessCalendar(
                    new HashSet<DayOfWeek> { DayOfWeek.Friday, DayOfWeek.Saturday },
                    new HashSet<(int, int)>(),
                    new HashSet<DateOnly>()
                ),
            }
        ).Description.ShouldBe("in working hours of TW, Sun–Thu 08:30–17:30, without its holidays");
    }

    [Theory]
    [InlineData("08:30-17:30", true)]
    [InlineData("07:00 – 15:00", true)]
    [InlineData("17:30-08:30", false)]
    [InlineData("8.30-17.30", false)]
    [InlineData("", false)]
    public void Working_hours_are_read_as_two_clock_times_the_same_day(string text, bool valid) =>
        WorkingHours.Parse(text).IsOk.ShouldBe(valid);
}
