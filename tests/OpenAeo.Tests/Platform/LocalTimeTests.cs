using OpenAeo.Platform.Web.Wording;

namespace OpenAeo.Tests.Platform;

/// <summary>
/// The one formatter of instants on pages (ADR 0059): the place's clock with its zone's abbreviation, tried at hours
/// where the local day and the UTC day differ.
/// </summary>
public sealed class An_instant_on_a_page
{
    // 20:30 UTC on 1 March is already 2 March in Taipei and Sydney, still 1 March in Mexico City.
    private static readonly DateTimeOffset LateEvening = new(2026, 3, 1, 20, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Asia/Taipei", "2026-03-02 04:30 CST")]
    [InlineData("Australia/Sydney", "2026-03-02 07:30 AEDT")]
    [InlineData("America/Mexico_City", "2026-03-01 14:30 CST")]
    [InlineData("UTC", "2026-03-01 20:30 UTC")]
    public void Reads_on_the_clock_of_its_zone_with_the_zone_abbreviation(string zone, string expected) =>
        LocalTime.Of(LateEvening, zone).ShouldBe(expected);

    [Fact]
    public void Reads_a_numeric_abbreviation_as_an_offset_from_UTC()
    {
        // The tz database has no letters for Singapore's zone, only "+08".
        LocalTime.Of(LateEvening, "Asia/Singapore").ShouldBe("2026-03-02 04:30 UTC+08");
    }

    [Fact]
    public void Falls_back_to_UTC_for_an_unknown_zone_and_writes_nothing_for_no_instant()
    {
        LocalTime.Of(LateEvening, "Mars/Olympus_Mons").ShouldBe("2026-03-01 20:30 UTC");
        LocalTime.Of(null, "Asia/Taipei").ShouldBe("");
    }

    [Fact]
    public void Reads_a_wall_clock_time_typed_in_a_zone_as_the_instant_it_means_there()
    {
        // 01:30 on 3 March in Auckland (NZDT, UTC+13) is 12:30 UTC on 2 March: the UTC day is the day before.
        LocalTime
            .FromWallClock(new DateTime(2026, 3, 3, 1, 30, 0), "Pacific/Auckland")
            .ShouldBe(new DateTimeOffset(2026, 3, 2, 12, 30, 0, TimeSpan.Zero));
        LocalTime
            .FromWallClock(new DateTime(2026, 3, 1, 20, 30, 0), "America/Los_Angeles")
            .ShouldBe(new DateTimeOffset(2026, 3, 2, 4, 30, 0, TimeSpan.Zero));

        // 02:30 on 8 March 2026 does not exist in Los Angeles (clocks go from 02:00 to 03:00): read as 03:30 PDT.
        LocalTime
            .FromWallClock(new DateTime(2026, 3, 8, 2, 30, 0), "America/Los_Angeles")
            .ShouldBe(new DateTimeOffset(2026, 3, 8, 10, 30, 0, TimeSpan.Zero));
    }
}
