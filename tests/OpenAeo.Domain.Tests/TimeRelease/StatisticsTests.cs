using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class The_rate_of_change
{
    [Theory]
    [InlineData(100.0, 80.0, -20.0)]
    [InlineData(80.0, 100.0, 25.0)]
    [InlineData(627.0, 0.0, -100.0)]
    public void Is_the_change_from_before_as_a_percentage_of_before(double before, double after, double expected)
    {
        RateOfChange.Percent(before, after)!.Value.ShouldBe(expected, 1e-12);
    }

    [Theory]
    [InlineData(null, 10.0)]
    [InlineData(10.0, null)]
    [InlineData(0.0, 10.0)]
    [InlineData(0.0, 0.0)]
    public void Is_null_when_a_side_has_no_records_or_before_is_zero(double? before, double? after)
    {
        RateOfChange.Percent(before, after).ShouldBeNull();
    }
}

public class Statistics_of_one_side
{
    private static long Seconds(double s) => (long)(s * 1_000_000);

    [Fact]
    public void Quantiles_interpolate_linearly_between_the_closest_ranks()
    {
        // Ranks of 1, 2, 3, 4, 10: the 0.1 quantile sits at rank 0.4 (1 + 0.4 × 1 = 1.4); the 0.9 quantile at
        // rank 3.6 (4 + 0.6 × 6 = 7.6); the median is the middle value. These are numpy.quantile's answers.
        long[] sorted = [1, 2, 3, 4, 10];

        Statistics.Quantile(sorted, 0.1).ShouldBe(1.4, 1e-12);
        Statistics.Quantile(sorted, 0.5).ShouldBe(3);
        Statistics.Quantile(sorted, 0.9).ShouldBe(7.6, 1e-12);
        Statistics.Quantile(sorted, 0.25).ShouldBe(2);
        Statistics.Quantile([5, 6], 0.5).ShouldBe(5.5);
    }

    [Fact]
    public void Mean_median_spread_and_extremes_follow_their_textbook_definitions()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9 seconds: mean 5, sample variance 32/7.
        var side = Statistics.Compute(new[] { 9, 4, 2, 5, 4, 7, 4, 5 }.Select(s => Seconds(s)), targetSeconds: 4, extremeCapSeconds: 8);

        side.N.ShouldBe(8);
        side.MeanSeconds!.Value.ShouldBe(5, 1e-12);
        side.MedianSeconds!.Value.ShouldBe(4.5, 1e-12);
        side.MinSeconds.ShouldBe(2);
        side.MaxSeconds.ShouldBe(9);
        side.SdSeconds!.Value.ShouldBe(Math.Sqrt(32.0 / 7), 1e-12);
        side.WithinTarget!.Value.ShouldBe(4.0 / 8, "2, 4, 4 and 4 are at or under the 4 s target");
        side.FlaggedExtreme.ShouldBe(1, "only 9 s is beyond the 8 s cap; it is flagged, and still counted in n");
    }

    [Fact]
    public void One_record_has_every_statistic_but_the_standard_deviation()
    {
        var side = Statistics.Compute([Seconds(42)], null, null);

        side.N.ShouldBe(1);
        side.MeanSeconds.ShouldBe(42);
        side.P10Seconds.ShouldBe(42);
        side.P95Seconds.ShouldBe(42);
        side.SdSeconds.ShouldBeNull();
        side.WithinTarget.ShouldBeNull("no target was given");
    }

    [Fact]
    public void No_records_has_n_zero_and_nothing_else()
    {
        Statistics.Compute([], 60, 60).ShouldBe(SideStatistics.NoRecords);
    }

    [Fact]
    public void A_signed_stage_flags_long_negative_durations_as_extreme_too()
    {
        Statistics.Compute([Seconds(-100), Seconds(-5), Seconds(50)], null, extremeCapSeconds: 60).FlaggedExtreme.ShouldBe(1);
    }
}
