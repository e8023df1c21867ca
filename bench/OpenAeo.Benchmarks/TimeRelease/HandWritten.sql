-- The peer for the time release benchmark: what an analyst fluent in DuckDB would write by hand for the same
-- apec1 study on the generated file (Chinese Taipei, offices in Asia/Taipei, UTC+8 all year): cells by mode ×
-- channel × origin, before and after 2019-05-22 (windows 2018-10-12 … 2019-12-31), every statistic of the spec and
-- the data-quality counts, in one pass. It knows the file is well-formed and its zone is fixed, so it lets DuckDB
-- parse the timestamps natively and compares lodgements with constant instants; channel shares follow from the
-- counts per cell. {{source}} is read_csv with typed columns or read_parquet.
-- @study
WITH events AS (
    SELECT mode, channel, origin, lodged_at, released_at,
           epoch_us(released_at) - epoch_us(lodged_at) AS d,
           CASE
               WHEN lodged_at >= TIMESTAMPTZ '2018-10-12 00:00:00+08' AND lodged_at < TIMESTAMPTZ '2019-05-22 00:00:00+08' THEN 'before'
               WHEN lodged_at >= TIMESTAMPTZ '2019-05-22 00:00:00+08' AND lodged_at < TIMESTAMPTZ '2020-01-01 00:00:00+08' THEN 'after'
           END AS period
    FROM {{source}}
)
SELECT mode, channel, origin, period,
       count(*) AS rows,
       count(*) FILTER (WHERE lodged_at IS NULL) AS missing_start,
       count(*) FILTER (WHERE lodged_at IS NOT NULL AND released_at IS NULL) AS missing_end,
       count(*) FILTER (WHERE d < 0) AS negative,
       count(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS n,
       avg(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS mean_us,
       quantile_cont(d, [0.5, 0.1, 0.25, 0.75, 0.9, 0.95]) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS quantiles_us,
       min(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS min_us,
       max(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS max_us,
       stddev_samp(d) FILTER (WHERE d >= 0 AND period IS NOT NULL) AS sd_us,
       count(*) FILTER (WHERE d > 604800000000 AND period IS NOT NULL) AS extreme
FROM events
GROUP BY ALL
