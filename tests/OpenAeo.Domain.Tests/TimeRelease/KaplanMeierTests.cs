using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

/// <summary>Declarations not released by the end of the data: counted as censored, and Kaplan–Meier medians (ADR 0034).</summary>
public class Censored_declarations
{
    private const long S = 1_000_000;

    private static double? Median(long[] released, long[] censored) =>
        KaplanMeier.MedianSeconds(KaplanMeier.ByTime(released.Select(s => s * S), censored.Select(s => s * S)));

    [Fact]
    public void Without_censoring_the_Kaplan_Meier_median_is_the_ordinary_median()
    {
        // n = 4: S = 3/4, then exactly 1/2 from 20 s until 30 s, so the midpoint (R's survfit convention).
        Median([10, 20, 30, 40], []).ShouldBe(25);

        // n = 3: S = 2/3, 1/3: the middle value.
        Median([1, 5, 9], []).ShouldBe(5);
        Median([7], []).ShouldBe(7);
    }

    [Fact]
    public void A_censored_declaration_stays_at_risk_until_its_time_and_never_counts_as_released()
    {
        // At 10 s: 2 of 5 released, S = 3/5. The one censored at 15 s leaves. At 20 s: 1 of the 2 left, S = 3/10 ≤ 1/2.
        Median([10, 10, 20, 30], [15]).ShouldBe(20);

        // Dropping the censored one would give the complete-case median 15 s: censoring moves the median up.
        Median([10, 10, 20, 30], []).ShouldBe(15);
    }

    [Fact]
    public void A_censoring_tied_with_releases_is_at_risk_at_that_time()
    {
        // At 10 s: 2 released of 4 at risk (the censored one included), S = 1/2 exactly until 20 s: midpoint 15 s.
        // Were the censored one removed first, S would be 1/3 and the median 10 s.
        Median([10, 10, 20], [10]).ShouldBe(15);
    }

    [Fact]
    public void All_censored_or_too_many_censored_has_no_median()
    {
        Median([], [10, 20]).ShouldBeNull();

        // S = 3/4 after the only release, and stays there.
        Median([10], [20, 30, 40]).ShouldBeNull();
        Median([], []).ShouldBeNull();
    }

    [Fact]
    public void Two_million_releases_without_censoring_give_the_exact_midpoint()
    {
        // S telescopes to (n − k) ÷ n: exactly ½ after the millionth release, however many factors came before.
        var byTime = Enumerable.Range(1, 2_000_000).Select(s => ((long)s * S, 1L, 0L)).ToList();

        KaplanMeier.MedianSeconds(byTime).ShouldBe(1_000_000.5);
    }

    [Fact]
    public void Leaving_out_the_times_that_cannot_hold_the_median_gives_the_same_median_to_the_last_bit()
    {
        // What the engine reads back (StudyEngine.sql, @km): nothing above the bound from the released declarations' bins;
        // below it, every time with a censoring, and the times where S_Y ≤ ½ + 10⁻⁶ and, before them, S_inf ≥ ½ − 10⁻⁶; the
        // releases left out between two kept times come back as one entry, and the side's total comes from the first pass.
        var random = new Random(34);
        for (var repetition = 0; repetition < 300; repetition++)
        {
            var n = random.Next(1, 400);
            var censoredShare = random.NextDouble() * 0.6;
            var released = new List<long>();
            var censored = new List<long>();
            for (var i = 0; i < n; i++)
            {
                // Few distinct values, so ties between releases and censorings happen.
                (random.NextDouble() < censoredShare ? censored : released).Add(random.Next(1, 60) * S);
            }

            var full = KaplanMeier.ByTime(released, censored);
            long total = n,
                gone = 0,
                releasedBefore = 0,
                releasedSoFar = 0;
            var bins = released.GroupBy(DurationBins.Of).ToDictionary(g => g.Key, g => (long)g.Count());
            var upper = KaplanMeier.MedianAtMostMicros(bins, total);
            var median = KaplanMeier.MedianSeconds(full);
            if (upper is { } bound && median is { } m)
            {
                (m * S).ShouldBeLessThanOrEqualTo(bound, $"repetition {repetition}: the bound is above the median");
            }

            var kept = new List<(long Micros, long Released, long Censored)>();
            foreach (var (micros, r, c) in full.Where(t => upper is null || t.Micros <= upper))
            {
                gone += r + c;
                var keep = c > 0 || (total - gone <= total * 0.500001 && total - releasedBefore >= total * 0.499999);
                if (keep)
                {
                    if (releasedBefore > releasedSoFar)
                    {
                        kept.Add((micros, releasedBefore - releasedSoFar, 0));
                    }

                    kept.Add((micros, r, c));
                    releasedSoFar = releasedBefore + r;
                }

                releasedBefore += r;
            }

            KaplanMeier.MedianSeconds(kept, total).ShouldBe(median, $"repetition {repetition}: {n} declarations");
        }
    }

    private static readonly string[] Columns = ["mode", "office_tz", "lodged_at", "released_at"];

    private static StudyDefinition Study(string? asOf = null) =>
        Succeeded(
            StudyDefinition.Create(
                "apec1",
                ["mode"],
                "2019-05-22",
                null,
                "2019-01-01",
                "2019-12-31",
                null,
                null,
                null,
                false,
                "Asia/Taipei",
                n => TimeZones.Find(n) is not null,
                [],
                asOf: asOf
            )
        );

    private static StudyResult Run(StudyDefinition study, params string?[][] rows) => ReferenceRun.Of(study, Columns, rows);

    private static string?[] Row(string? lodged, string? released, string mode = "sea") => [mode, "Asia/Taipei", lodged, released];

    [Fact]
    public void A_study_counts_declarations_not_released_by_the_end_of_the_file_as_censored_and_estimates_the_median_with_them()
    {
        var result = Run(
            Study(),
            Row("2019-06-01T08:00:00+08:00", "2019-06-01T09:00:00+08:00"),
            Row("2019-06-01T08:00:00+08:00", "2019-06-01T10:00:00+08:00"),
            Row("2019-06-01T08:00:00+08:00", "2019-06-01T14:00:00+08:00"),
            Row("2019-06-01T11:00:00+08:00", null),
            Row("2019-06-01T12:00:00+08:00", null)
        );

        // The end of the data is the latest timestamp read: 14:00 Taipei. Censored at 3 h and 2 h.
        result.DataQuality.Censored.ShouldBe(2);
        result.DataQuality.MissingEnd.ShouldBe(0);
        result.DataQuality.AsOf.ShouldBe("2019-06-01T06:00:00Z");
        var after = result.Cells.ShouldHaveSingleItem().After;
        after.N.ShouldBe(3);
        after.Censored.ShouldBe(2);
        after.MedianSeconds.ShouldBe(2 * 3600, "the complete-case median is kept alongside");

        // 5 at risk: 1 h released (S 4/5), 2 h released and one censored (S 4/5 × 3/4 = 3/5), 3 h censored, 6 h released of 1 (S 0).
        after.KmMedianSeconds.ShouldBe(6 * 3600);
    }

    [Fact]
    public void An_as_of_before_a_release_censors_it_there_and_rows_lodged_after_it_are_outside_the_windows()
    {
        // As of 2019-06-01 (the whole day in Taipei): released on the 2nd is censored at midnight, lodged on the 2nd is out.
        var result = Run(
            Study(asOf: "2019-06-01"),
            Row("2019-06-01T20:00:00+08:00", "2019-06-01T21:00:00+08:00"),
            Row("2019-06-01T22:00:00+08:00", "2019-06-02T03:00:00+08:00"),
            Row("2019-06-02T08:00:00+08:00", "2019-06-02T09:00:00+08:00")
        );

        result.DataQuality.Censored.ShouldBe(1);
        result.DataQuality.NoPeriod.ShouldBe(1);
        result.DataQuality.AsOf.ShouldBe("2019-06-01T16:00:00Z");
        var after = result.Cells.ShouldHaveSingleItem().After;
        after.N.ShouldBe(1);
        after.Censored.ShouldBe(1);

        // 1 h released of 2 at risk: S = 1/2 with no later release, so the median is 1 h.
        after.KmMedianSeconds.ShouldBe(3600);
    }

    [Fact]
    public void A_side_with_only_censored_declarations_has_no_records_and_no_median()
    {
        var result = Run(Study(), Row("2019-03-01T08:00:00+08:00", "2019-03-01T09:00:00+08:00"), Row("2019-06-01T08:00:00+08:00", null));

        var cell = result.Cells.ShouldHaveSingleItem();
        cell.After.N.ShouldBe(0);
        cell.After.Censored.ShouldBe(1);
        cell.After.KmMedianSeconds.ShouldBeNull();
        cell.Before.KmMedianSeconds.ShouldBe(3600);
    }

    [Theory]
    [InlineData("2019-06-01T12:00:00+08:00", "2019-06-01T04:00:00Z")]
    [InlineData("2019-06-01T12:00:00", "2019-06-01T04:00:00Z")]
    [InlineData("2019-06-01", "2019-06-01T16:00:00Z")]
    public void The_end_of_the_data_is_an_instant_or_a_whole_day_in_the_studys_zone(string asOf, string instant) =>
        Timestamps.Format(Study(asOf).AsOfMicros!.Value).ShouldBe(instant);

    [Fact]
    public void A_bad_end_of_the_data_is_refused_by_field() =>
        StudyDefinition
            .Create("apec1", ["mode"], "2019-05-22", null, null, null, null, null, null, false, null, n => true, [], asOf: "yesterday")
            .Errors.ShouldContain(e => e.Field == "asOf");
}

public class Censoring_in_words
{
    [Fact]
    public void The_data_quality_says_how_many_were_still_waiting_and_how_the_medians_count_them()
    {
        var study = Builders.Succeeded(
            StudyDefinition.Create("apec1", ["mode"], "2019-05-22", null, null, null, null, null, null, false, null, n => true, [])
        );
        var waiting = SideStatistics.NoRecords with { Censored = 3 };
        var result = new StudyResult(
            study,
            new DataQuality(10, 0, 0, 0, 0, 0, 0, Censored: 3, AsOf: "2019-06-01T06:00:00Z"),
            [new StudyCell([new GroupValue("mode", "sea")], SideStatistics.NoRecords, waiting)],
            [],
            []
        );

        Findings.Of(result)[^1].ShouldContain("3 were not yet released at the end of the data on 2019-06-01 06:00 UTC (censored)");
        Findings.Of(result)[^1].ShouldContain("in 1 side too many are still waiting for a median");
    }
}
