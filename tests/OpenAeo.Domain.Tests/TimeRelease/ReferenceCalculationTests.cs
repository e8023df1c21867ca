using OpenAeo.Domain.Shared;
using OpenAeo.Domain.TimeRelease;
using static OpenAeo.Domain.Tests.Builders;

namespace OpenAeo.Domain.Tests.TimeRelease;

public class The_reference_calculation
{
    private static readonly string[] Columns = ["declaration_id", "mode", "channel", "office_tz", "arrival_at", "lodged_at", "released_at"];

    private static StudyDefinition Study(
        string stage = "apec1",
        string? from = "2019-01-01",
        string? to = "2019-12-31",
        bool isSigned = false,
        string? target = null
    ) =>
        Succeeded(
            StudyDefinition.Create(
                stage,
                ["mode"],
                "2019-05-22",
                null,
                from,
                to,
                null,
                target,
                null,
                isSigned,
                null,
                n => TimeZones.Find(n) is not null,
                []
            )
        );

    private static StudyResult Run(StudyDefinition study, params string?[][] rows) => ReferenceRun.Of(study, Columns, rows);

    private static string?[] Row(
        string mode,
        string? lodged,
        string? released,
        string? zone = "Asia/Taipei",
        string channel = "green",
        string? arrival = null
    ) => ["D", mode, channel, zone, arrival, lodged, released];

    [Fact]
    public void Each_row_is_counted_once_in_the_first_rule_that_applies()
    {
        var result = Run(
            Study(),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T12:00:00+08:00"),
            Row("sea", "not a time", "2019-03-01T12:00:00+08:00"),
            Row("sea", null, null),
            Row("sea", "2019-03-01T10:00:00+08:00", ""),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T09:00:00+08:00"),
            Row("sea", "2020-03-01T10:00:00+08:00", "2020-03-01T12:00:00+08:00")
        );

        // The row lodged but not released is censored at the end of the data, the file's latest timestamp (ADR 0034).
        result.DataQuality.ShouldBe(
            new DataQuality(
                Rows: 6,
                RejectedRows: 1,
                MissingStart: 1,
                MissingEnd: 0,
                Negative: 1,
                NoPeriod: 1,
                FlaggedExtreme: 0,
                Censored: 1,
                AsOf: "2020-03-01T04:00:00Z"
            )
        );
        result.Cells.ShouldHaveSingleItem().Before.N.ShouldBe(1);
        result
            .Rejected.ShouldHaveSingleItem()
            .ToString()
            .ShouldBe(
                "events.csv:3:6 (lodged_at): 'not a time' is not an ISO 8601 timestamp (yyyy-mm-ddThh:mm:ss, then "
                    + "Z or an offset such as +08:00)"
            );
    }

    [Fact]
    public void The_split_day_is_the_offices_calendar_day_not_the_UTC_day()
    {
        // 2019-05-21T17:00Z is 01:00 on 22 May in Taipei (after the split) but still 21 May in UTC (before it).
        var result = Run(
            Study(),
            Row("sea", "2019-05-21T17:00:00Z", "2019-05-21T18:00:00Z", zone: "Asia/Taipei"),
            Row("air", "2019-05-21T17:00:00Z", "2019-05-21T18:00:00Z", zone: null)
        );

        result.Cells.Single(c => c.Group[0].Value == "sea").After.N.ShouldBe(1);
        result
            .Cells.Single(c => c.Group[0].Value == "air")
            .Before.N.ShouldBe(1, "a row without office_tz counts its days in the default zone, UTC");
    }

    [Fact]
    public void The_after_window_includes_its_whole_last_day_and_the_before_window_starts_at_midnight()
    {
        var result = Run(
            Study(from: "2019-01-01", to: "2019-12-31"),
            Row("sea", "2019-12-31T23:59:59+08:00", "2020-01-01T01:00:00+08:00"),
            Row("sea", "2020-01-01T00:00:00+08:00", "2020-01-01T01:00:00+08:00"),
            Row("sea", "2019-01-01T00:00:00+08:00", "2019-01-01T01:00:00+08:00"),
            Row("sea", "2018-12-31T23:59:59+08:00", "2019-01-01T01:00:00+08:00")
        );

        var cell = result.Cells.ShouldHaveSingleItem();
        cell.After.N.ShouldBe(1);
        cell.Before.N.ShouldBe(1);
        result.DataQuality.NoPeriod.ShouldBe(2);
    }

    [Fact]
    public void A_timestamp_without_offset_is_read_in_the_offices_zone_and_is_an_error_without_one()
    {
        var result = Run(
            Study(),
            Row("sea", "2019-03-01T10:00:00", "2019-03-01T12:30:00+08:00", zone: "Asia/Taipei"),
            Row("sea", "2019-03-01T10:00:00", "2019-03-01T12:30:00+08:00", zone: null),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T12:30:00+08:00", zone: "Mars/Base")
        );

        result.Cells.ShouldHaveSingleItem().Before.MeanSeconds.ShouldBe(2.5 * 3600);
        result.DataQuality.RejectedRows.ShouldBe(2);
        result.Rejected[0].Reason.ShouldContain("has no offset and the row has no office_tz");
        result.Rejected[1].ColumnName.ShouldBe("office_tz");
    }

    [Fact]
    public void Durations_are_taken_on_instants_across_a_daylight_saving_change()
    {
        // Clocks went back in New York at 02:00 on 3 November 2019: 00:30 to 03:30 local is four hours, not three.
        var result = Run(Study(), Row("sea", "2019-11-03T00:30:00", "2019-11-03T03:30:00", zone: "America/New_York"));

        result.Cells.ShouldHaveSingleItem().After.MeanSeconds.ShouldBe(4 * 3600);
    }

    [Fact]
    public void A_signed_stage_keeps_release_before_arrival()
    {
        string?[] preArrival = Row("sea", "2019-03-01T08:00:00+08:00", "2019-03-01T09:00:00+08:00", arrival: "2019-03-01T10:00:00+08:00");

        Run(Study("wco-release"), preArrival).DataQuality.Negative.ShouldBe(1);
        Run(Study("wco-release", isSigned: true), preArrival).Cells.ShouldHaveSingleItem().Before.MeanSeconds.ShouldBe(-3600);
    }

    [Fact]
    public void Channel_shares_are_per_period_within_the_group()
    {
        var result = Run(
            Study(),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T11:00:00+08:00", channel: "exam"),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T11:00:00+08:00", channel: "green"),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T11:00:00+08:00", channel: "green"),
            Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T11:00:00+08:00", channel: "green"),
            Row("sea", "2019-07-01T10:00:00+08:00", "2019-07-01T11:00:00+08:00", channel: "green")
        );

        result
            .ChannelShares.Select(s => (s.Period, s.Channel, s.Declarations, s.Share))
            .ShouldBe([("before", "exam", 1L, 0.25), ("before", "green", 3L, 0.75), ("after", "green", 1L, 1.0)]);
    }

    [Fact]
    public void A_cell_with_records_on_one_side_only_has_no_records_on_the_other_and_no_rate()
    {
        var cell = Run(Study(), Row("sea", "2019-03-01T10:00:00+08:00", "2019-03-01T11:00:00+08:00")).Cells.ShouldHaveSingleItem();

        cell.After.ShouldBe(SideStatistics.NoRecords);
        cell.MeanRateOfChangePct.ShouldBeNull();
    }
}
