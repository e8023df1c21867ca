-- One declaration-level study in one pass over the file (DuckDB). StudyEngine.cs fills the {{…}} fragments from the
-- file's columns and the study (identifiers are quoted there); values come as $parameters. The rules are those of
-- EventRowClassifier in OpenAeo.Domain, which the tests hold this query to.
--
-- {{source}}          read_csv(…) or read_parquet(…) with the file's columns
-- {{columns}}         the raw cells the study reads, named g0…gn (groups), channel, office_tz, t0…tn (timestamps)
-- {{timestamps}}      per timestamp column i: t{i}_at, the instant in microseconds since the epoch (null when missing
--                     or unreadable); instants stay whole numbers so durations and comparisons are plain arithmetic
-- {{start}}, {{end}}, {{milestone}}  which t{i} is the stage's start, end and period milestone
-- {{any_bad}}         true when a timestamp cell has text but no instant (unreadable)
-- {{extra}}           additional columns for the rejected-rows pass (the Parquet row number)
-- {{zone}}, {{before_from}}, {{split}}, {{after_end}}, {{zone_join}}, {{unresolved}}  from ZonePlan: a join on every
--                     zone ICU knows, or constants for the zones the file uses
-- Sections: "rows" is the common table expressions; "study" and "rejected" are the two queries that follow them.

-- @zones
-- The windows' boundaries as instants (microseconds since the epoch) in every zone ICU knows.
SELECT name,
       epoch_us(timezone(name, CAST($before_from AS TIMESTAMP))) AS before_from,
       epoch_us(timezone(name, CAST($split AS TIMESTAMP))) AS split,
       epoch_us(timezone(name, CAST($after_end AS TIMESTAMP))) AS after_end
FROM pg_timezone_names()

-- @rows
WITH cells AS (
    SELECT {{columns}}{{extra}}
    FROM {{source}}
),
placed AS (
    -- Each row's zone (office_tz, else the study's default) and the instants where its windows begin and end in that
    -- zone: rows then compare instants, which is cheaper than turning every lodgement into a local day and exact at
    -- daylight-saving changes. There is no join when the zones were resolved before the query (see ZonePlan).
    SELECT cells.*,
           {{zone}} AS zone_name, {{before_from}} AS before_from, {{split}} AS split, {{after_end}} AS after_end,
           -- A timestamp without offset is read in the row's own office zone only, never in the default one.
           CASE WHEN cells.office_tz IS NOT NULL THEN {{zone}} END AS local_zone
    FROM cells{{zone_join}}
),
instants AS (
    SELECT placed.*, {{timestamps}}
    FROM placed
),
clocked AS (
    -- The stage's ends on the study's clock (ADR 0044): the instants themselves, or W(t), the working time up to t in
    -- the row's zone, read from the table of open periods (trs_working) by an ASOF join; a duration is W(end) − W(start).
    SELECT instants.*, {{clocked}}
    FROM instants{{clock_join}}
),
classified AS (
    SELECT clocked.*,
           w_end - w_start AS duration_us,
           CASE
               WHEN {{milestone}}_at IS NULL THEN NULL
               WHEN {{milestone}}_at < split THEN
                   CASE WHEN before_from IS NULL OR {{milestone}}_at >= before_from THEN 'before' END
               WHEN after_end IS NULL OR {{milestone}}_at < after_end THEN 'after'
           END AS period
    FROM clocked
),
trs_rows AS (
SELECT classified.*,
       CASE
           -- A zone the plan did not resolve but might be valid: the study is run again with every zone (ZonePlan).
           WHEN office_tz IS NOT NULL AND zone_name IS NULL AND {{unresolved}} THEN 6
           WHEN (office_tz IS NOT NULL AND zone_name IS NULL) OR {{any_bad}} THEN 0
           WHEN {{start}}_at IS NULL THEN 1
           -- Started after the end of the data the study was given ($as_of, NULL by default): outside the windows.
           WHEN {{start}}_at > CAST($as_of AS BIGINT) THEN 4
           -- Censored (ADR 0034): started, in a period, not ended by the end of the data.
           WHEN ({{end}}_at IS NULL OR {{end}}_at > CAST($as_of AS BIGINT)) AND period IS NOT NULL THEN 7
           WHEN {{end}}_at IS NULL THEN 2
           -- Negative on the instants, whatever the clock: on working time a release before lodgement could read as zero.
           WHEN {{end}}_at < {{start}}_at AND NOT $signed THEN 3
           WHEN period IS NULL THEN 4
           ELSE 5
       END AS outcome
FROM classified
)

-- The working clock's date range (ADR 0044): per zone, the earliest and latest instant the study reads, so the table of
-- open periods covers every row. Only the instants are read: the table it builds is still empty.
-- @range
SELECT zone_name, least({{earliest}}) AS first_us, greatest({{latest_each}}) AS last_us
FROM instants
WHERE zone_name IS NOT NULL
GROUP BY ALL

-- The cells, the data-quality counts and the channel counts, from one GROUP BY. Only counted rows (outcome 5) carry
-- a duration, so the statistics skip the others; their row counts still give the data quality.
-- The groups are g0, g1, … (maybe none); channels is histogram(channel) when channel is a column but not a group.
-- @study
SELECT {{groups}}period, outcome,
       count(*) AS rows,
       count(d) AS n,
       avg(d) AS mean_us,
       -- Exact quantiles hold every duration of a side in memory; --approximate reads them off the bins instead (ADR 0045).
       {{quantiles}} AS quantiles_us,
       min(d) AS min_us,
       max(d) AS max_us,
       stddev_samp(d) AS sd_us,
       count_if(d <= $target_us) AS within_target,
       count_if(abs(d) > $cap_us) AS extreme,
       {{channels}} AS channels,
       histogram(trs_bin(d)) FILTER (WHERE d IS NOT NULL) AS bins,
       -- The latest timestamp read, the default end of the data (a sentinel stands for a missing one in greatest).
       max({{latest}}) FILTER (WHERE outcome <> 0) AS latest_us
FROM (SELECT *, CASE WHEN outcome = 5 THEN duration_us END AS d FROM trs_rows)
GROUP BY ALL

-- The raw cells of the first rejected rows, for EventRowClassifier to give each its reason (Parquet only: a CSV has
-- no row numbers here, so its rejected rows are found by reading the file in C#).
-- @rejected
SELECT * FROM trs_rows WHERE outcome = 0 ORDER BY row_number LIMIT $limit

-- The Kaplan–Meier input of the sides with censored declarations (ADR 0034), only when there are some: per distinct
-- duration, the declarations released then and those censored then (their time to the end of the data, $as_of_km).
-- KaplanMeier in OpenAeo.Domain turns each side's list into its median, as in the reference calculation.
-- Only the times that can matter come back (a national file has millions of distinct durations): every time with a
-- censoring, and the times where the median can lie — S_KM is at least the share of declarations not yet released or
-- censored (S_Y) and at most the share not yet released (S_inf), so a time where S_Y is still above ½ or S_inf was
-- already below ½ before it cannot hold the median or the next release after it. The margin (10⁻⁶) is far wider than
-- the rounding of S. Each row carries the side's total and the releases before it, so the releases left out between
-- two rows are known exactly: S telescopes between censorings, and KaplanMeier gives the same value to the last bit.
-- @km
, timed AS (
    SELECT {{groups}}period,
           CASE WHEN outcome = 5 THEN duration_us ELSE {{censored_us}} END AS t,
           outcome = 5 AS is_released,
           k_total AS total,
           k_upper AS upper_us
    FROM trs_rows
    -- Only the sides with censored declarations ({{censored_sides}}, from the first pass, with each side's count of
    -- released and censored declarations and a bound its median cannot pass, from the first pass's histogram): each CTE
    -- is read once, so nothing is materialised and the GROUP BY spills within the memory limit.
    JOIN (VALUES {{censored_sides}}) AS s({{km_columns}}) ON {{km_join}}
    WHERE outcome IN (5, 7)
),
by_time AS (
    SELECT {{groups}}period, CAST(t AS BIGINT) AS t, CAST(count_if(is_released) AS BIGINT) AS released, CAST(count_if(NOT is_released) AS BIGINT) AS censored,
           total
    FROM timed
    -- Above the bound nothing can hold the median or the release after it; those declarations still count in the total.
    WHERE upper_us IS NULL OR t <= upper_us
    GROUP BY ALL
),
walked AS (
    SELECT by_time.*,
           sum(released + censored) OVER (PARTITION BY {{groups}}period ORDER BY t ROWS UNBOUNDED PRECEDING) AS gone,
           sum(released) OVER (PARTITION BY {{groups}}period ORDER BY t ROWS UNBOUNDED PRECEDING) - released AS released_before
    FROM by_time
)
-- No ORDER BY: the caller sorts each side.
SELECT {{groups}}period, t, released, censored, CAST(total AS BIGINT) AS total, CAST(released_before AS BIGINT) AS released_before
FROM walked
WHERE censored > 0 OR (total - gone <= total * 0.500001 AND total - released_before >= total * 0.499999)

-- The sufficient statistics of the intervals, the channel-mix decomposition and the difference-in-differences
-- (RigourCounts in OpenAeo.Domain; ADR 0021), in a second pass: per bootstrap unit (trs_unit: importer, or the
-- declaration, dealt into 256 groups) and duration bin (trs_bin: 0.5 % log steps), so the result has cells × units ×
-- bins rows however many declarations there are. A cell's bins are kept only inside its side's median window (from
-- the first pass's histogram, listed by StudyQuery.Rigour), the others fall into the bins -2147483648 (below) and
-- 2147483647 (above). set_id tells the grouping sets apart (GROUPING of channel_key, bin, arm_bin, arm, month):
-- 15 the cells' channel sums, 23 the cells' bins, 25 the arms' bins, 24 the arms' months.
-- {{cluster}} importer_tin as text, or NULL; {{arm}} true treated, false control, NULL neither; {{sets}} the sets;
-- without arms, {{arm_columns}} are nulls and {{set_id}} gives the cells' sets the same numbers.
-- @rigour
, counted AS (
    SELECT {{groups}}period,
           {{channel_key}} AS channel_key,
           trs_unit({{cluster}}, {{start}}_at, duration_us) AS unit,
           trs_bin(duration_us) AS arm_bin,
           {{arm}} AS arm,
           {{month}} AS month,
           duration_us AS d
    FROM trs_rows
    WHERE outcome = 5
),
windowed AS (
    SELECT counted.*,
           CASE WHEN arm_bin < w.low THEN -2147483648 WHEN arm_bin > w.high THEN 2147483647 ELSE arm_bin END AS bin
    FROM counted
    JOIN (VALUES {{windows}}) AS w({{window_columns}}) ON {{window_join}}
)
SELECT {{groups}}period, channel_key, unit, bin, {{arm_columns}},
       {{set_id}} AS set_id,
       count(*) AS n,
       sum(d) AS sum_us,
       sum(ln(greatest(d, 1000000) / 1000000.0)) AS sum_log
FROM windowed
GROUP BY GROUPING SETS ({{sets}})
