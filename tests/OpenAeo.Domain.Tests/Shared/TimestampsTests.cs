using OpenAeo.Domain.Shared;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.Shared;

public class Reading_event_timestamps
{
    private static readonly TimeZoneInfo NewYork = TimeZones.Find("America/New_York")!;

    private static long Utc(int y, int mo, int d, int h, int mi, int s = 0) =>
        (new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).Ticks / 10;

    [Theory]
    [InlineData("2020-01-01T10:00:00+08:00")]
    [InlineData("2020-01-01 10:00:00+08:00")]
    [InlineData("2020-01-01T10:00:00+0800")]
    [InlineData("2020-01-01T10:00:00+08")]
    [InlineData("2020-01-01T02:00:00Z")]
    [InlineData("2019-12-31T21:00:00-05:00")]
    public void Every_offset_form_places_the_same_instant(string text)
    {
        var written = Timestamps.Read(text, out var reason);

        reason.ShouldBeNull();
        Timestamps.Instant(written!.Value.Clock, written.Value.Offset!.Value).ShouldBe(Utc(2020, 1, 1, 2, 0));
    }

    [Fact]
    public void Fractions_are_kept_to_the_microsecond_and_cut_beyond_it()
    {
        var written = Timestamps.Read("2020-01-01T00:00:00.1234569Z", out _)!.Value;

        Timestamps.Instant(written.Clock, written.Offset!.Value).ShouldBe(Utc(2020, 1, 1, 0, 0) + 123_456);
    }

    [Theory]
    [InlineData("2020-01-01", "ISO 8601")]
    [InlineData("2020-1-1T10:00:00Z", "ISO 8601")]
    [InlineData("2020-01-01T24:00:00Z", "ISO 8601")]
    [InlineData("2020-01-01T10:00Z", "ISO 8601")]
    [InlineData("2020-01-01T10:00:00+25:00", "ISO 8601")]
    [InlineData("2020-01-01T10:00:00 +08:00", "ISO 8601")]
    [InlineData("1/2/2020 10:00", "ISO 8601")]
    [InlineData("yesterday", "ISO 8601")]
    [InlineData("2020-02-30T10:00:00Z", "not a real date")]
    [InlineData("2019-02-29T10:00:00Z", "not a real date")]
    public void Other_forms_and_impossible_dates_are_rejected_with_a_reason(string text, string reason)
    {
        Timestamps.Read(text, out var why).ShouldBeNull();
        why.ShouldNotBeNull().ShouldContain(reason);
    }

    [Fact]
    public void A_leap_day_is_a_real_date()
    {
        Timestamps.Read("2020-02-29T10:00:00Z", out _).ShouldNotBeNull();
    }

    [Fact]
    public void A_local_time_is_placed_with_the_zones_offset_on_that_day()
    {
        Timestamps.Instant(new DateTime(2020, 1, 15, 9, 0, 0), NewYork).ShouldBe(Utc(2020, 1, 15, 14, 0), "EST is UTC−5");
        Timestamps.Instant(new DateTime(2020, 7, 15, 9, 0, 0), NewYork).ShouldBe(Utc(2020, 7, 15, 13, 0), "EDT is UTC−4");
    }

    [Fact]
    public void A_local_time_that_happens_twice_is_the_later_one()
    {
        // 2020-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); DuckDB's ICU takes the later.
        Timestamps.Instant(new DateTime(2020, 11, 1, 1, 30, 0), NewYork).ShouldBe(Utc(2020, 11, 1, 6, 30));
    }

    [Fact]
    public void A_local_time_that_never_happens_is_read_with_the_offset_before_the_change()
    {
        // 2020-03-08 02:30 does not exist in New York; read as EST (UTC−5) it is 07:30Z, as ICU does.
        Timestamps.Instant(new DateTime(2020, 3, 8, 2, 30, 0), NewYork).ShouldBe(Utc(2020, 3, 8, 7, 30));
    }

    [Fact]
    public void The_local_day_of_an_instant_depends_on_the_zone()
    {
        var instant = Utc(2019, 5, 21, 17, 0);

        Timestamps.LocalDay(instant, TimeZones.Find("Asia/Taipei")!).ShouldBe(new DateOnly(2019, 5, 22));
        Timestamps.LocalDay(instant, TimeZones.Find("UTC")!).ShouldBe(new DateOnly(2019, 5, 21));
    }

    [Theory]
    [InlineData("Asia/Taipei", true)]
    [InlineData("UTC", true)]
    [InlineData("asia/taipei", false)]
    [InlineData("Taipei Standard Time", false)]
    [InlineData("Mars/Olympus_Mons", false)]
    public void Time_zones_are_IANA_names_exactly_as_written(string name, bool known)
    {
        (TimeZones.Find(name) is not null).ShouldBe(known);
    }
}

public class The_form_of_a_timestamp
{
    // The grammar of the spec, written independently as regular expressions, against the scanner both readers use.
    private static readonly System.Text.RegularExpressions.Regex Local = new(
        @"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?$"
    );

    private static readonly System.Text.RegularExpressions.Regex WithOffset = new(
        @"^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|"
            + @"[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)$"
    );

    [Fact]
    public void Every_variant_of_every_part_is_classified_as_the_grammar_says()
    {
        string[] dates = ["2019-05-22", "0019-05-22", "2019-5-22", "2019-05-2", "2019/05/22", "2019-13-45"];
        string[] separators = ["T", " ", "t", "", "  "];
        string[] times = ["10:00:00", "23:59:59", "24:00:00", "10:60:00", "10:00:60", "1:00:00", "10:00"];
        string[] fractions = ["", ".1", ".123456", ".123456789", ".1234567890", "."];
        string[] zones = ["", "Z", "z", "+08:00", "-05:30", "+0800", "+08", "+24:00", "+08:60", "+8", " +08:00", "+08:00:00", "UTC"];
        var disagreements = new List<string>();
        var seen = new HashSet<TimestampForm>();
        foreach (var text in TimestampVariants.Every(dates, separators, times, fractions, zones))
        {
            var expected =
                WithOffset.IsMatch(text) ? TimestampForm.WithOffset
                : Local.IsMatch(text) ? TimestampForm.Local
                : TimestampForm.Unreadable;
            var actual = Timestamps.FormOf(text);
            seen.Add(actual);
            if (actual != expected)
            {
                disagreements.Add($"{text}: {actual}, expected {expected}");
            }
        }

        disagreements.ShouldBeEmpty();
        seen.Count.ShouldBe(3, "the variants must include every form");
    }
}

public class Reading_a_timestamp_for_the_engine
{
    [Fact]
    public void Gives_the_instant_or_clock_value_that_Read_gives_for_every_variant()
    {
        // The engine reads every cell with InstantOf and LocalClockOf (no reasons, no allocation); the rejected-rows
        // listing and the reference calculation use Read. Both must accept the same texts and give the same times.
        string[] dates = ["2019-05-22", "2020-02-29", "2019-02-29", "1969-12-31", "0019-05-22", "2019-5-22", "2019-13-45"];
        string[] separators = ["T", " ", "t"];
        string[] times = ["00:00:00", "23:59:59", "24:00:00", "10:60:00", "1:00:00"];
        string[] fractions = ["", ".1", ".000001", ".123456", ".1234567", ".999999999", ".1234567890", "."];
        string[] zones = ["", "Z", "+08:00", "-05:30", "+0800", "-0800", "+08", "-00", "+23:59", "+24:00", "+08:60", "UTC"];
        var epoch = new DateTime(1970, 1, 1);
        var disagreements = new List<string>();
        var read = 0;
        foreach (var text in TimestampVariants.Every(dates, separators, times, fractions, zones))
        {
            var written = Timestamps.Read(text, out _);
            long? instant = written is { Offset: { } offset } w ? Timestamps.Instant(w.Clock, offset) : null;
            long? clock = written is { Offset: null } l ? (l.Clock - epoch).Ticks / 10 : null;
            read += written is null ? 0 : 1;
            if (Timestamps.InstantOf(text) != instant || Timestamps.LocalClockOf(text) != clock)
            {
                disagreements.Add(
                    $"{text}: {Timestamps.InstantOf(text)} / {Timestamps.LocalClockOf(text)}, Read gives {instant} / {clock}"
                );
            }
        }

        disagreements.ShouldBeEmpty();
        read.ShouldBeGreaterThan(500, "the variants must include many readable texts");
    }
}

/// <summary>Timestamp texts to try: every date with every separator, time, fraction and zone.</summary>
internal static class TimestampVariants
{
    public static IEnumerable<string> Every(string[] dates, string[] separators, string[] times, string[] fractions, string[] zones) =>
        from d in dates
        from s in separators
        from t in times
        from f in fractions
        from z in zones
        select d + s + t + f + z;
}
