using OpenAeo.Domain.Certification;
using OpenAeo.Domain.Registry;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.Registry;

/// <summary>Issue 14 item 11: movable holidays imported per year, and the SLA clock across Lunar New Year in Taipei.</summary>
public class Holiday_calendars_with_movable_holidays
{
    private const string TaiwanLunarNewYear2026 = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//OpenAeo//demo//EN
        BEGIN:VEVENT
        UID:tw-2026-lny@openaeo
        DTSTART;VALUE=DATE:20260216
        DTEND;VALUE=DATE:20260221
        SUMMARY:Lunar New Year
          holidays
        END:VEVENT
        BEGIN:VEVENT
        UID:tw-2026-228@openaeo
        DTSTART;VALUE=DATE:20260227
        SUMMARY:Peace Memorial Day (observed)
        END:VEVENT
        END:VCALENDAR
        """;

    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    private static Programme Taiwan()
    {
        var calendar = new BusinessCalendar(
            new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday },
            new HashSet<(int, int)>(),
            new HashSet<DateOnly> { Day("2025-01-01"), Day("2026-10-09") }
        );
        return Programme
            .Create(
                new ProgrammeDefinition(
                    "TW",
                    "TW",
                    "AEO Taiwan",
                    null,
                    2009,
                    ProgrammeStatus.Operational,
                    ValidityPolicy.Indefinite,
                    SlaPolicy.Default,
                    new SmeDefinition(200),
                    Tracks.Standard | Tracks.Sme,
                    [],
                    OperatorRoles.None,
                    calendar,
                    null,
                    null,
                    "Asia/Taipei"
                )
            )
            .Value!;
    }

    private static DateOnly LocalDay(string utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Utc(utc), Taipei).DateTime);

    [Fact]
    public void An_icalendar_file_gives_every_day_of_a_multi_day_holiday_with_its_unfolded_name()
    {
        var (holidays, errors) = ICalendarHolidays.Parse(TaiwanLunarNewYear2026.Replace("\n", "\r\n", StringComparison.Ordinal));

        errors.ShouldBeEmpty();
        holidays
            .Select(h => h.Date)
            .ShouldBe([Day("2026-02-16"), Day("2026-02-17"), Day("2026-02-18"), Day("2026-02-19"), Day("2026-02-20"), Day("2026-02-27")]);
        holidays[0].Name.ShouldBe("Lunar New Year holidays");
        holidays[0].Line.ShouldBe(4);
    }

    [Fact]
    public void A_timed_event_or_an_event_without_a_name_is_refused_with_its_line_and_column()
    {
        var (_, errors) = ICalendarHolidays.Parse(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260217T000000Z\nSUMMARY:Lunar New "
                + "Year\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260405\nEND:VEVENT\nEND:VCALENDAR\n"
        );

        errors.Select(e => (e.Line, e.Column)).ShouldBe([(3, 9), (2, 1), (6, 1)]);
        errors[0].Message.ShouldContain("all-day date");
        errors[2].Message.ShouldContain("SUMMARY");
        ICalendarHolidays.Parse("date,name\n2026-02-17,Lunar New Year\n").Errors.Single().Message.ShouldContain("BEGIN:VCALENDAR");
    }

    [Fact]
    public void A_list_with_a_date_twice_is_refused_whole()
    {
        var errors = HolidayCalendar.Check([new(Day("2026-02-17"), "Lunar New Year", 2), new(Day("2026-02-17"), "Spring Festival", 5)]);

        errors.Single().ShouldBe(new HolidayFileError(5, 1, "2026-02-17 is given twice (first on line 2)."));
        HolidayCalendar.Check([]).Single().Message.ShouldContain("no holiday");
    }

    [Fact]
    public void An_import_replaces_the_years_it_covers_and_leaves_the_others()
    {
        var programme = Taiwan();
        var (holidays, _) = ICalendarHolidays.Parse(TaiwanLunarNewYear2026);

        programme.ReplaceHolidays(holidays).ShouldBe([2026]);

        // 2026-10-09 was a 2026 holiday the file does not name: a year's file is the whole year. 2025 is untouched.
        programme.Holidays.ShouldContain(Day("2025-01-01"));
        programme.Holidays.ShouldNotContain(Day("2026-10-09"));
        programme.HolidaysOf(2026).Select(h => h.Name).Distinct().ShouldBe(["Lunar New Year holidays", "Peace Memorial Day (observed)"]);
        programme.HolidaysOf(2025).Single().ShouldBe((Day("2025-01-01"), (string?)null));
        programme.Calendar.IsBusinessDay(Day("2026-02-17")).ShouldBeFalse();
    }

    [Fact]
    public void The_sla_clock_does_not_count_the_lunar_new_year_week_at_hours_where_the_taipei_day_and_the_utc_day_differ()
    {
        var programme = Taiwan();
        var before = programme.Calendar;
        programme.ReplaceHolidays(ICalendarHolidays.Parse(TaiwanLunarNewYear2026).Holidays);
        var after = programme.Calendar;

        // Submitted Friday 13 February 2026 at 17:30 UTC: already Saturday 14 February in Taipei.
        var submitted = LocalDay("2026-02-13T17:30:00Z");
        submitted.ShouldBe(Day("2026-02-14"));

        // Read on Monday 23 February at 16:30 UTC: Tuesday 24 February in Taipei.
        var today = LocalDay("2026-02-23T16:30:00Z");
        today.ShouldBe(Day("2026-02-24"));

        var changes = new[] { new ClockChange(submitted, Runs: true) };
        var limit = SlaClock.Limit(programme.Sla, Track.Standard, informationRequested: false);

        // Without the imported holidays the week counts: 16-20 and 23 February are six business days.
        SlaClock.Compute(changes, before, limit, today).UsedDays.ShouldBe(6);

        // With them, only Monday 23 February counts: the Lunar New Year week (16-20 February) is not a business day.
        var status = SlaClock.Compute(changes, after, limit, today);
        status.UsedDays.ShouldBe(1);
        status.DaysLeft.ShouldBe(89);
        status.DueDate.ShouldBe(after.AddBusinessDays(Day("2026-02-23"), 89));

        // Read at the UTC date instead (23 February), the clock would say nothing was used yet: the local day matters.
        SlaClock.Compute(changes, after, limit, Day("2026-02-23")).UsedDays.ShouldBe(0);
    }

    [Fact]
    public void The_due_date_moves_past_lunar_new_year()
    {
        var programme = Taiwan();
        programme.ReplaceHolidays(ICalendarHolidays.Parse(TaiwanLunarNewYear2026).Holidays);

        // Five business days left on Thursday 12 February (Taipei) fall after the holiday week and the weekend.
        programme.Calendar.AddBusinessDays(Day("2026-02-12"), 5).ShouldBe(Day("2026-02-26"));
    }
}
