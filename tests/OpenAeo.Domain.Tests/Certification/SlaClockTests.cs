using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;

namespace OpenAeo.Domain.Tests.Certification;

public class The_SLA_clock
{
    // March 2026: Monday the 2nd; a holiday on Wednesday the 11th.
    private static readonly BusinessCalendar Calendar = new(
        new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
        new HashSet<(int, int)>(),
        new HashSet<DateOnly> { new(2026, 3, 11) }
    );

    private static DateOnly March(int day) => new(2026, 3, day);

    [Fact]
    public void Counts_business_days_while_running_and_skips_stops_weekends_and_holidays()
    {
        ClockChange[] changes =
        [
            new(March(3), true), // submitted Tuesday
            new(March(6), false), // paused Friday: Tue, Wed, Thu used = 3
            new(March(12), true), // resumed Thursday (the 11th is a holiday, paused anyway)
            new(March(16), false), // information requested Monday: Thu, Fri used = 2
            new(March(18), true), // answered Wednesday
        ];

        var status = SlaClock.Compute(changes, Calendar, limit: 90, today: March(20));

        // Wed 18 and Thu 19 have run; Friday the 20th is under way and not yet used.
        status.UsedDays.ShouldBe(3 + 2 + 2);
        status.DaysLeft.ShouldBe(83);
        status.Running.ShouldBeTrue();
        status.DueDate.ShouldBe(Calendar.AddBusinessDays(March(19), 83));
    }

    [Fact]
    public void The_due_date_is_the_business_day_on_which_the_last_day_is_used()
    {
        var status = SlaClock.Compute([new(March(2), true)], Calendar, limit: 10, today: March(2));

        // Mon 2 .. Fri 6 (5), Mon 9, Tue 10, (Wed 11 holiday), Thu 12, Fri 13, Mon 16 = the 10th business day.
        status.DueDate.ShouldBe(March(16));
        status.Overdue.ShouldBeFalse();
    }

    [Fact]
    public void A_stopped_clock_has_no_due_date_and_keeps_what_was_used()
    {
        var status = SlaClock.Compute([new(March(2), true), new(March(4), false)], Calendar, limit: 60, today: March(30));

        status.UsedDays.ShouldBe(2);
        status.Running.ShouldBeFalse();
        status.DueDate.ShouldBeNull();
    }

    [Fact]
    public void Past_the_limit_the_application_is_overdue_and_the_due_date_is_the_day_the_limit_was_reached()
    {
        var status = SlaClock.Compute([new(March(2), true)], Calendar, limit: 5, today: March(20));

        status.Overdue.ShouldBeTrue();
        status.DaysLeft.ShouldBeLessThan(0);
        status.DueDate.ShouldBe(March(6));
    }

    [Fact]
    public void An_unsubmitted_application_has_not_started_its_clock()
    {
        var status = SlaClock.Compute([], Calendar, limit: 90, today: March(20));

        status.Started.ShouldBeFalse();
        status.Overdue.ShouldBeFalse();
        status.UsedDays.ShouldBe(0);
    }

    [Theory]
    [InlineData(Track.Standard, false, 90)]
    [InlineData(Track.Standard, true, 120)]
    [InlineData(Track.Sme, false, 60)]
    [InlineData(Track.Sme, true, 90)]
    [InlineData(Track.Ecommerce, false, 90)]
    public void The_limit_depends_on_the_track_and_on_information_requests(Track track, bool requested, int limit)
    {
        SlaClock.Limit(SlaPolicy.Default, track, requested).ShouldBe(limit);
    }
}
