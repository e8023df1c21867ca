using System.Globalization;
using OpenAeo.Domain.Clearance;
using OpenAeo.Domain.Shared;

namespace OpenAeo.Domain.Tests.Clearance;

public class A_declaration_number_made_by_OpenAeo
{
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");

    [Fact]
    public void Carries_the_economy_the_offices_date_and_the_millisecond_of_its_day()
    {
        // 23:30 UTC on 7 December is 07:30 on 8 December in Taipei: the number carries the office's day.
        var at = new DateTimeOffset(2026, 12, 7, 23, 30, 0, 250, TimeSpan.Zero);

        var number = DeclarationNumber.Compose("TW", at, Taipei, 0x2A);

        number.ShouldBe("TW20261208" + (7 * 3_600_000 + 30 * 60_000 + 250).ToString("X7", CultureInfo.InvariantCulture) + "000002A");
        number.Length.ShouldBe(24);
    }

    [Fact]
    public void Without_a_known_office_zone_uses_the_UTC_day()
    {
        var at = new DateTimeOffset(2026, 12, 8, 7, 30, 0, TimeSpan.FromHours(8));

        DeclarationNumber.Compose("TW", at, null, 1).ShouldStartWith("TW20261207");
    }

    [Fact]
    public void Sorts_after_every_number_made_earlier_that_day()
    {
        var start = new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero); // midnight in Taipei
        var numbers = Enumerable
            .Range(0, 2_000)
            .Select(i => DeclarationNumber.Compose("TW", start.AddMilliseconds(i * 43_199), Taipei, (uint)(2_000 - i)))
            .ToList();

        numbers.ShouldBe(numbers.Order(StringComparer.Ordinal).ToList());
        numbers.ShouldAllBe(n => n.StartsWith("TW20261208", StringComparison.Ordinal));
    }

    [Fact]
    public void Differs_within_one_millisecond_by_its_sequence_and_wraps_at_seven_digits()
    {
        var at = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

        DeclarationNumber.Compose("TW", at, null, 7).ShouldNotBe(DeclarationNumber.Compose("TW", at, null, 8));
        DeclarationNumber
            .Compose("TW", at, null, DeclarationNumber.SequenceSpan + 7)
            .ShouldBe(DeclarationNumber.Compose("TW", at, null, 7));
    }

    [Fact]
    public void Fits_the_reference_limit()
    {
        var last = new DateTimeOffset(2026, 12, 7, 23, 59, 59, 999, TimeSpan.Zero);

        var number = DeclarationNumber.Compose("TW", last, null, uint.MaxValue);

        number.ShouldBe("TW20261207" + "5265BFF" + "FFFFFFF");
        Limits.Reference.Problem(number, "The reference").ShouldBeNull();
    }
}
