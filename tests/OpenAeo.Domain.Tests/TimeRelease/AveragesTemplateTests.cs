using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class The_averages_template
{
    private static Dictionary<string, string?> Row(string period, string mean, string? published = null) =>
        new()
        {
            ["reporter"] = "tw",
            ["partner"] = "JP",
            ["mra"] = "TW-JP",
            ["stage"] = "1",
            ["mode"] = "Sea",
            ["channel"] = "all",
            ["period"] = period,
            ["period_from"] = period == "before" ? "2018-10-12" : "2019-05-22",
            ["period_to"] = period == "before" ? "2019-05-21" : "2019-12-31",
            ["declarations"] = null,
            ["mean"] = mean,
            ["published_rate"] = published,
        };

    private static TemplateRow Parse(Dictionary<string, string?> cells) =>
        Succeeded(AveragesTemplate.ParseRow(c => cells.GetValueOrDefault(c)));

    private static TemplateComparison Compare(string before, string after, string? published) =>
        Succeeded(AveragesTemplate.Pair([(2, Parse(Row("before", before))), (3, Parse(Row("after", after, published)))]))
            .ShouldHaveSingleItem();

    [Fact]
    public void A_row_is_read_with_codes_upper_case_and_words_lower_case()
    {
        var row = Parse(Row("before", "44246.3"));

        row.Reporter.ShouldBe("TW");
        row.Mode.ShouldBe("sea");
        row.Period.ShouldBe(Period.Before);
        row.Mean!.Value.Seconds.ShouldBe(44_246.3);
    }

    [Fact]
    public void Bad_cells_are_errors_that_name_their_column()
    {
        var cells = Row("later", "soon", "-12");
        cells["stage"] = "3";
        cells["mode"] = "rail";
        cells["period_from"] = "2018.10.12";
        cells["declarations"] = "many";

        var errors = AveragesTemplate.ParseRow(c => cells.GetValueOrDefault(c)).Errors;

        errors.Select(e => e.Field).ShouldBe(["stage", "mode", "period", "period_from", "declarations", "mean"], ignoreOrder: true);
    }

    [Fact]
    public void The_published_rate_belongs_on_the_after_row()
    {
        var errors = AveragesTemplate.ParseRow(c => Row("before", "10", "-5").GetValueOrDefault(c)).Errors;

        errors.ShouldHaveSingleItem().Field.ShouldBe("published_rate");
    }

    [Theory]
    [InlineData("-32.27", -32.27, 2)]
    [InlineData("-100%", -100, 0)]
    [InlineData("-83.6%", -83.6, 1)]
    [InlineData("24.20", 24.2, 2)]
    [InlineData("−48.63", -48.63, 2)]
    public void Published_rates_keep_how_many_decimals_they_were_printed_with(string text, double percent, int decimals)
    {
        AveragesTemplate.ParsePublishedRate(text).Value.ShouldBe(new PublishedRate(percent, decimals));
    }

    [Fact]
    public void The_rate_is_computed_from_the_submitted_times()
    {
        Compare("100", "75", null).RateOfChangePct!.Value.ShouldBe(-25, 1e-12);
    }

    [Fact]
    public void A_published_rate_that_rounds_from_the_computed_one_agrees()
    {
        // 100 s → 75 s is exactly −25 %; −25.0 printed with one decimal is fine.
        Compare("100.0", "75.0", "-25.0").PublishedRateMismatch.ShouldBe(false);
    }

    [Fact]
    public void A_published_rate_off_by_more_than_both_roundings_is_a_mismatch()
    {
        // 100.0 s and 75.0 s are known to ±0.05 s, so the rate lies within about −25.09 … −24.91 %; −25.2 is outside.
        Compare("100.0", "75.0", "-25.2").PublishedRateMismatch.ShouldBe(true);
    }

    [Fact]
    public void Rounded_inputs_widen_what_a_published_rate_may_be()
    {
        // Printed as whole seconds (±0.5 s), 100 s → 75 s may have been 100.4 → 74.6 s: −25.70 %. So −25.7 follows.
        Compare("100", "75", "-25.7").PublishedRateMismatch.ShouldBe(false);
        Compare("100", "75", "-26.5").PublishedRateMismatch.ShouldBe(true);
    }

    [Fact]
    public void A_rate_published_for_a_cell_without_records_is_a_mismatch_and_nothing_published_is_no_verdict()
    {
        Compare("100", "No Records", "-10").PublishedRateMismatch.ShouldBe(true);
        Compare("100", "No Records", "-").PublishedRateMismatch.ShouldBeNull();
        Compare("100", "No Records", null).RateOfChangePct.ShouldBeNull();
    }

    [Fact]
    public void A_cell_needs_one_before_and_one_after_row()
    {
        var before = Parse(Row("before", "10"));

        AveragesTemplate.Pair([(2, before)]).Errors.ShouldHaveSingleItem().Message.ShouldContain("has no after row");
        AveragesTemplate
            .Pair([(2, before), (3, before), (4, Parse(Row("after", "5")))])
            .Errors.ShouldHaveSingleItem()
            .Message.ShouldContain("line 3: a second before row");
    }
}
