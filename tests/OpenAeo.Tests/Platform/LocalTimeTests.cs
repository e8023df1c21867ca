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
}
