using OpenAeo.Domain.MutualRecognition;
using OpenAeo.Domain.Registry;
using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.Builders;
using static OpenAeo.Domain.Tests.MutualRecognition.ExchangeBuilders;

namespace OpenAeo.Domain.Tests.MutualRecognition;

/// <summary>
/// Issue 10, item 1: a certificate's days are days in its programme's time zone. Each case is checked at every hour of
/// three local days around the event, for New Zealand in summer (UTC+13), Chinese Taipei (UTC+8) and Mexico (UTC−6),
/// where the local day and the UTC day differ for 13, 8 and 6 hours of every day. Entries are built as the publisher
/// writes them (<see cref="StatusEntry.StartOfDay"/>, the programme's zone in the entry) and read as a partner reads
/// them, through <see cref="Recognition.Recognise"/>.
/// </summary>
public class A_certificate_day_is_a_day_in_its_programme_time_zone
{
    /// <summary>The event day: 15 January 2026, summer in Auckland.</summary>
    private static readonly DateOnly D = Day("2026-01-15");

    public static TheoryData<string> Zones => new() { "Pacific/Auckland", "Asia/Taipei", "America/Mexico_City" };

    private static readonly MraTerms InForce = new(
        "MRA-1",
        ["XX", "JP"],
        Day("2020-01-01"),
        Day("2020-01-01"),
        null,
        null,
        OperatorRoles.None,
        []
    );

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    /// <summary>Every hour from the start of D−1 to the end of D+1 on the programme's clocks, as instants.</summary>
    private static IEnumerable<DateTimeOffset> Hours(string zone)
    {
        var start = CalendarDays.StartOf(D.AddDays(-1), Zone(zone));
        for (var h = 0; h < 72; h++)
        {
            yield return start.AddHours(h).AddMinutes(5);
        }
    }

    /// <summary>The local calendar day of an instant, read off the programme's wall clock (not through the code under test).</summary>
    private static DateOnly LocalDay(DateTimeOffset at, string zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at.UtcDateTime, Zone(zone)));

    private static StatusEntry Entry(
        string zone,
        long sequence,
        StatusEvent kind,
        DateOnly effectiveOn,
        DateOnly validFrom,
        DateOnly? validUntil = null
    ) =>
        Granted(sequence) with
        {
            Economy = "XX",
            Event = kind,
            EffectiveAt = StatusEntry.StartOfDay(effectiveOn, zone),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            TimeZone = zone,
        };

    private static RecognitionResult At(DateTimeOffset at, params StatusEntry[] entries) =>
        Recognition
            .Recognise(ParseTin(TwTin), at, CalendarDays.DayOf(at, Zone("Asia/Tokyo")), [], [new PartnerRecord("XX", InForce, 10, entries)])
            .Result;

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_certificate_valid_from_D_counts_from_the_first_hour_of_D_there(string zone)
    {
        var grant = Entry(zone, 0, StatusEvent.Granted, D, D);

        foreach (var at in Hours(zone))
        {
            At(at, grant)
                .ShouldBe(LocalDay(at, zone) >= D ? RecognitionResult.RecognisedUnderMra : RecognitionResult.Unknown, $"{zone} at {at:u}");
        }
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public void A_certificate_valid_until_D_counts_to_the_last_hour_of_D_there(string zone)
    {
        var grant = Entry(zone, 0, StatusEvent.Granted, D.AddDays(-400), D.AddDays(-400), validUntil: D);

        foreach (var at in Hours(zone))
        {
            At(at, grant)
                .ShouldBe(LocalDay(at, zone) <= D ? RecognitionResult.RecognisedUnderMra : RecognitionResult.NotAeo, $"{zone} at {at:u}");
        }
    }

    public static TheoryData<string, StatusEvent> Stops =>
        new()
        {
            { "Pacific/Auckland", StatusEvent.Suspended },
            { "Asia/Taipei", StatusEvent.Suspended },
            { "America/Mexico_City", StatusEvent.Suspended },
            { "Pacific/Auckland", StatusEvent.ConsentWithdrawn },
            { "Asia/Taipei", StatusEvent.ConsentWithdrawn },
            { "America/Mexico_City", StatusEvent.ConsentWithdrawn },
        };

    [Theory]
    [MemberData(nameof(Stops))]
    public void A_suspension_or_consent_withdrawal_on_D_stops_recognition_from_the_first_hour_of_D_there(string zone, StatusEvent stop)
    {
        var grant = Entry(zone, 0, StatusEvent.Granted, D.AddDays(-30), D.AddDays(-30));
        var stopped = Entry(zone, 1, stop, D, D.AddDays(-30));

        foreach (var at in Hours(zone))
        {
            At(at, grant, stopped)
                .ShouldBe(LocalDay(at, zone) < D ? RecognitionResult.RecognisedUnderMra : RecognitionResult.NotAeo, $"{zone} at {at:u}");
        }
    }

    [Theory]
    [InlineData("Pacific/Auckland", "2026-01-14T10:59:59Z", "2026-01-14T11:00:00Z")]
    [InlineData("Asia/Taipei", "2026-01-14T15:59:59Z", "2026-01-14T16:00:00Z")]
    [InlineData("America/Mexico_City", "2026-01-15T05:59:59Z", "2026-01-15T06:00:00Z")]
    public void The_day_begins_at_local_midnight(string zone, string lastInstantBefore, string firstInstant)
    {
        var grant = Entry(zone, 0, StatusEvent.Granted, D, D);

        grant.EffectiveAt.ShouldBe(Utc(firstInstant));
        grant.IsAeoAt(Utc(lastInstantBefore)).ShouldBeFalse();
        grant.IsAeoAt(Utc(firstInstant)).ShouldBeTrue();
    }

    [Fact]
    public void A_Chinese_Taipei_grant_at_0800_counts_for_a_declaration_at_0805_and_one_at_0705()
    {
        var taipei = TimeSpan.FromHours(8);
        var grant = Entry("Asia/Taipei", 0, StatusEvent.Granted, D, D);

        At(new DateTimeOffset(2026, 1, 15, 8, 5, 0, taipei), grant).ShouldBe(RecognitionResult.RecognisedUnderMra);
        At(new DateTimeOffset(2026, 1, 15, 7, 5, 0, taipei), grant).ShouldBe(RecognitionResult.RecognisedUnderMra);
        At(new DateTimeOffset(2026, 1, 14, 23, 55, 0, taipei), grant).ShouldBe(RecognitionResult.Unknown);
    }

    [Fact]
    public void An_entry_without_a_zone_was_written_with_utc_days_and_is_read_in_utc()
    {
        var old = Granted() with { EffectiveAt = Utc("2026-01-15T00:00:00Z"), ValidFrom = D, ValidUntil = D, TimeZone = null };

        old.IsAeoAt(Utc("2026-01-15T23:59:59Z")).ShouldBeTrue();
        old.IsAeoAt(Utc("2026-01-16T00:00:00Z")).ShouldBeFalse();
    }
}

public class Calendar_days_in_a_time_zone
{
    [Theory]
    [InlineData("Asia/Taipei", "2026-03-10", "2026-03-09T16:00:00Z")]
    [InlineData("America/Mexico_City", "2026-03-10", "2026-03-10T06:00:00Z")]
    [InlineData("Pacific/Auckland", "2026-01-15", "2026-01-14T11:00:00Z")]
    [InlineData("Pacific/Auckland", "2026-07-15", "2026-07-14T12:00:00Z")]
    [InlineData("UTC", "2026-03-10", "2026-03-10T00:00:00Z")]
    public void A_day_starts_at_local_midnight(string zone, string day, string start)
    {
        CalendarDays.StartOf(Day(day), TimeZoneInfo.FindSystemTimeZoneById(zone)).ShouldBe(Utc(start));
    }

    [Fact]
    public void Where_clocks_jump_over_midnight_the_day_starts_when_the_gap_ends()
    {
        // Chile springs forward at 24:00 on the first Saturday of September 2026: 6 September has no 00:00.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var start = CalendarDays.StartOf(Day("2026-09-06"), santiago);

        start.ShouldBe(Utc("2026-09-06T04:00:00Z"));
        CalendarDays.DayOf(start, santiago).ShouldBe(Day("2026-09-06"));
        CalendarDays.DayOf(start.AddTicks(-1), santiago).ShouldBe(Day("2026-09-05"));
    }

    [Fact]
    public void Where_midnight_happens_twice_the_day_starts_at_the_first()
    {
        // Cuba falls back from 01:00 to 00:00 on 1 November 2026: the hour after midnight happens twice.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");
        var start = CalendarDays.StartOf(Day("2026-11-01"), havana);

        start.ShouldBe(Utc("2026-11-01T04:00:00Z"));
        CalendarDays.DayOf(start.AddTicks(-1), havana).ShouldBe(Day("2026-10-31"));
    }
}
