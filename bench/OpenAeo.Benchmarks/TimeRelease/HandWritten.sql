-- The peer for the time release benchmark: what an analyst fluent in DuckDB would write by hand for the same
-- apec1 study on the generated file (Chinese Taipei, offices in Asia/Taipei, UTC+8 all year): cells by mode ×
-- channel × origin, before and after 2019-05-22 (windows 2018-10-12 … 2019-12-31), every statistic of the spec and
-- every data-quality count (rows, rejected, missing start, missing end, negative, no period, flagged extreme), in
-- one pass. It knows its zone is fixed, so it compares lodgements with constant instants and ignores office_tz; it
-- trusts DuckDB's own (lenient) timestamp cast rather than checking the form. But, like the spec, it counts a
-- timestamp it cannot read as a rejected row instead of failing on it: CSV timestamps are read as text and cast with
-- try_cast (a typed column would stop the whole query at the first bad cell, and DuckDB's reject table halves its
-- reading speed). Channel shares follow from the counts per cell (channel is a group). {{source}} is read_csv with
-- text columns or read_parquet; {{lodged}} and {{released}} turn the stored milestones into instants.
-- @study
WITH events AS (
    SELECT mode, channel, origin,
           (lodged_at IS NOT NULL AND {{lodged}} IS NULL) OR (released_at IS NOT NULL AND {{released}} IS NULL) AS rejected,
           {{lodged}} AS lodged, {{released}} AS released
    FROM {{source}}
),
timed AS (
    SELECT *,
           epoch_us(released) - epoch_us(lodged) AS d,
           CASE
               WHEN lodged >= TIMESTAMPTZ '2018-10-12 00:00:00+08' AND lodged < TIMESTAMPTZ '2019-05-22 00:00:00+08' THEN 'before'
               WHEN lodged >= TIMESTAMPTZ '2019-05-22 00:00:00+08' AND lodged < TIMESTAMPTZ '2020-01-01 00:00:00+08' THEN 'after'
           END AS period
    FROM events
)
SELECT mode, channel, origin, period,
       count(*) AS rows,
       count(*) FILTER (WHERE rejected) AS rejected,
       count(*) FILTER (WHERE NOT rejected AND lodged IS NULL) AS missing_start,
       count(*) FILTER (WHERE NOT rejected AND lodged IS NOT NULL AND released IS NULL) AS missing_end,
       count(*) FILTER (WHERE d < 0) AS negative,
       count(*) FILTER (WHERE d >= 0 AND period IS NULL) AS no_period,
       count(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS n,
       avg(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS mean_us,
       quantile_cont(d, [0.5, 0.1, 0.25, 0.75, 0.9, 0.95]) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS quantiles_us,
       min(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS min_us,
       max(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS max_us,
       stddev_samp(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS sd_us,
       count(*) FILTER (WHERE d > 604800000000 AND period IS NOT NULL) AS extreme
FROM timed
GROUP BY ALL
