using OpenAeo.Domain.TimeRelease;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class Findings_in_words
{
    [Theory]
    [InlineData(38.4, "38 s")]
    [InlineData(59.6, "1 min")]
    [InlineData(720, "12 min")]
    [InlineData(14_460, "4 h 01 min")]
    [InlineData(10_080, "2 h 48 min")]
    [InlineData(86_399, "1.0 days")]
    [InlineData(198_720, "2.3 days")]
    [InlineData(1_900_800, "22 days")]
    [InlineData(-300, "−5 min")]
    public void Durations_read_as_people_write_them(double seconds, string expected) => Readable.Duration(seconds).ShouldBe(expected);

    [Theory]
    [InlineData(-30.2, "−30%")]
    [InlineData(1.6, "+2%")]
    [InlineData(0.3, "0%")]
    public void Rates_are_whole_percent_with_a_true_minus(double percent, string expected) => Readable.Rate(percent).ShouldBe(expected);

    [Fact]
    public void Groups_read_as_their_meaning_not_as_raw_codes()
    {
        Readable.Group([new GroupValue("aeo", "true"), new GroupValue("mode", "sea")]).ShouldBe("AEO · sea");
        Readable.Group([new GroupValue("aeo", "false"), new GroupValue("sme", "true")]).ShouldBe("non-AEO · SME");
        Readable.Group([new GroupValue("origin", "JP"), new GroupValue("mode", null)]).ShouldBe("from JP · no mode");
        Readable.Group([]).ShouldBe("All declarations");
        Readable.Arm("not aeo=true").ShouldBe("not AEO");
    }

    [Fact]
    public void The_median_window_holds_the_middle_of_the_histogram_and_everything_for_small_sides()
    {
        var small = new Dictionary<int, long>
        {
            [10] = 3,
            [20] = 4,
            [30] = 3,
        };
        MedianWindow.Of(small).ShouldBe(new MedianWindow(10, 30), "ten declarations: 10/√10 > 0.5, so every bin");

        var large = Enumerable.Range(0, 1000).ToDictionary(b => b, _ => 10_000L);
        var window = MedianWindow.Of(large);
        window.Low.ShouldBeInRange(490, 499);
        window.High.ShouldBeInRange(500, 510);
        window.Place(100).ShouldBe(MedianWindow.Below);
        window.Place(900).ShouldBe(MedianWindow.Above);
        window.Place(500).ShouldBe(500);
    }
}
