using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class Reading_the_times_economies_submitted
{
    [Theory]
    // 12 h = 43,200 s, 17 min = 1,020 s: 44,246.3 s, printed to a tenth of a second.
    [InlineData("0 days 12 hours 17 min. 26.3 sec.", 44_246.3, 0.05)]
    [InlineData("0 days 0 hours 47 min 52.5 sec", 2_872.5, 0.05)]
    [InlineData("1 day 6 hours 26 min 42.1 sec", 109_602.1, 0.05)]
    [InlineData("22 days 2 hours 48 min. 0 sec.", 1_910_880, 0.5)]
    [InlineData("0 days 0 hours 0 min. 25 sec", 25, 0.5)]
    [InlineData("44246.3", 44_246.3, 0.05)]
    [InlineData("627", 627, 0.5)]
    // Hours: 6.79 h is 24,444 s, known to ±0.005 h (18 s); 0.390 h to ±0.0005 h (1.8 s).
    [InlineData("6.79 hours", 24_444, 18)]
    [InlineData("0.390 hour", 1_404, 1.8)]
    [InlineData("1 day", 86_400, 43_200)]
    [InlineData("1d6h", 108_000, 1_800)]
    [InlineData("48h", 172_800, 1_800)]
    [InlineData("90m", 5_400, 30)]
    public void Every_notation_of_the_spec_is_read_with_its_printed_precision(string text, double seconds, double halfUnit)
    {
        var time = TimeNotation.ParseMean(text);

        time.Errors.ShouldBeEmpty();
        time.Value!.Value.Seconds.ShouldBe(seconds, 1e-6);
        time.Value.Value.HalfUnitSeconds.ShouldBe(halfUnit, 1e-9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("No Records")]
    [InlineData("No records")]
    [InlineData("Not available")]
    [InlineData("NOT AVAILABLE")]
    [InlineData("-")]
    public void Empty_and_no_records_mean_a_cell_without_records(string? text)
    {
        var time = TimeNotation.ParseMean(text);

        time.IsOk.ShouldBeTrue();
        time.Value.ShouldBeNull();
    }

    [Theory]
    [InlineData("twelve hours")]
    [InlineData("12 parsecs")]
    [InlineData("-5")]
    [InlineData("3 hours 2 hours")]
    [InlineData("1.2.3 sec")]
    public void Anything_else_is_an_error_that_shows_the_accepted_notations(string text)
    {
        var time = TimeNotation.ParseMean(text);

        time.IsOk.ShouldBeFalse();
        time.Errors[0].Message.ShouldContain($"'{text}'");
        time.Errors[0].Message.ShouldContain("No Records");
    }

    [Theory]
    [InlineData("0", "duration.positive")]
    [InlineData("soon", "duration.format")]
    public void A_target_or_cap_must_be_a_positive_duration(string text, string code)
    {
        TimeNotation.ParseDuration(text, "target").Errors.ShouldHaveSingleItem().Code.ShouldBe(code);
    }
}

public class Printing_times_the_way_the_report_does
{
    [Theory]
    [InlineData(44_246.3, "0 days 12 hours 17 min. 26.3 sec.")]
    [InlineData(109_602.1, "1 day 6 hours 26 min. 42.1 sec.")]
    [InlineData(1_910_880, "22 days 2 hours 48 min. 0.0 sec.")]
    [InlineData(0, "0 days 0 hours 0 min. 0.0 sec.")]
    [InlineData(3_600, "0 days 1 hour 0 min. 0.0 sec.")]
    // 59.96 s rounds to 60.0 s, which is a minute: the carry must reach the minutes.
    [InlineData(59.96, "0 days 0 hours 1 min. 0.0 sec.")]
    [InlineData(86_399.96, "1 day 0 hours 0 min. 0.0 sec.")]
    [InlineData(-90, "-0 days 0 hours 1 min. 30.0 sec.")]
    public void Times_have_days_hours_minutes_and_seconds_to_one_decimal(double seconds, string expected)
    {
        TimeNotation.FormatReport(seconds).ShouldBe(expected);
    }

    [Fact]
    public void A_cell_without_records_prints_No_Records()
    {
        TimeNotation.FormatReport(null).ShouldBe("No Records");
    }

    [Theory]
    [InlineData(-32.272529, "-32.27")]
    [InlineData(297.6499, "297.65")]
    [InlineData(-100.0, "-100.00")]
    [InlineData(null, "-")]
    public void Rates_have_two_decimals_or_a_dash(double? rate, string expected)
    {
        TimeNotation.FormatRate(rate).ShouldBe(expected);
    }
}
