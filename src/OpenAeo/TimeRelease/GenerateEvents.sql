-- Synthetic declaration-level events in the spec's wide format, for demos, tests and benchmarks (DuckDB).
-- Deterministic: every random draw is a hash of (row, seed, draw number), so the same rows and seed give the same
-- file on any machine. Imports into Chinese Taipei from ten partners, lodged between 2018-10-12 and 2019-12-31
-- (around the TW-JP MRA's entry into force on 2019-05-22), at five offices in Asia/Taipei. After the split,
-- declarations move out of cargo examination and clear faster, as the report found. A few rows carry the flaws
-- real data has: no release yet (0.5 %), release recorded before lodgement (0.05 %), no arrival (0.3 %), and a
-- long tail of very slow cases.
-- {{target}} is COPY's destination and options; {{month}} is empty, or the month column a partitioned write splits on; {{rows}}, {{seed}} and {{split}} are literals (numbers and a date).

-- @generate
COPY (
    WITH draws AS (
        SELECT i,
               (hash(i, {{seed}}, 1) % 1000000) / 1e6 AS u_lodged,
               (hash(i, {{seed}}, 2) % 1000000) / 1e6 AS u_origin,
               (hash(i, {{seed}}, 3) % 1000000) / 1e6 AS u_mode,
               (hash(i, {{seed}}, 4) % 1000000) / 1e6 AS u_channel,
               (hash(i, {{seed}}, 5) % 1000000) / 1e6 AS u_release,
               (hash(i, {{seed}}, 6) % 1000000) / 1e6 AS u_arrival,
               (hash(i, {{seed}}, 7) % 1000000) / 1e6 AS u_delivery,
               (hash(i, {{seed}}, 8) % 1000000) / 1e6 AS u_flaw,
               hash(i, {{seed}}, 9) % 1000000 AS n_importer
        FROM range({{rows}}) AS t(i)
    ),
    shaped AS (
        -- Instants are kept as UTC clock values (TIMESTAMP) to avoid time-zone arithmetic per row; Taipei is UTC+8
        -- all year, so the office's clock is eight hours ahead.
        SELECT *,
               TIMESTAMP '2018-10-11 16:00:00' + to_seconds(CAST(u_lodged * 446 * 86400 AS BIGINT)) AS lodged,
               CASE WHEN u_mode < 0.55 THEN 'sea' WHEN u_mode < 0.88 THEN 'air' WHEN u_mode < 0.96 THEN 'express' WHEN u_mode < 0.99 THEN 'post' ELSE 'land' END AS mode
        FROM draws
    ),
    placed AS (
        SELECT *,
               lodged >= CAST({{split}} AS TIMESTAMP) - INTERVAL 8 HOUR AS after,
               ['JP', 'KR', 'AU', 'US', 'CN', 'HK', 'SG', 'NZ', 'TH', 'MY'][1 + CAST(floor(u_origin * 10) AS INTEGER)] AS origin
        FROM shaped
    ),
    channelled AS (
        SELECT *,
               CASE
                   WHEN u_channel < (CASE WHEN after THEN 0.80 ELSE 0.68 END) THEN 'green'
                   WHEN u_channel < (CASE WHEN after THEN 0.97 ELSE 0.90 END) THEN 'paper'
                   ELSE 'exam'
               END AS channel
        FROM placed
    ),
    timed AS (
        SELECT *,
               -- Exponential release times whose mean depends on channel, mode and period; one in a thousand is
               -- fifty times slower (the cases that distort averages).
               CASE
                   WHEN u_flaw < 0.005 THEN NULL
                   WHEN u_flaw < 0.0055 THEN lodged - to_seconds(CAST(60 + u_release * 3600 AS BIGINT))
                   ELSE lodged + to_seconds(CAST(-ln(1 - u_release) * 60
                       * (CASE channel WHEN 'green' THEN 20 WHEN 'paper' THEN 180 ELSE 900 END)
                       * (CASE mode WHEN 'sea' THEN 1.6 WHEN 'air' THEN 0.7 ELSE 1.0 END)
                       * (CASE WHEN after THEN 0.7 ELSE 1.0 END)
                       * (CASE WHEN u_flaw > 0.999 THEN 50 ELSE 1 END) AS BIGINT))
               END AS released,
               CASE WHEN u_flaw BETWEEN 0.0055 AND 0.0085 THEN NULL ELSE lodged - to_seconds(CAST(u_arrival * 3 * 86400 AS BIGINT)) END AS arrival
        FROM channelled
    )
    SELECT 'D' || lpad(CAST(i AS VARCHAR), 11, '0') AS declaration_id,
           'TW' AS reporter,
           origin,
           mode,
           channel,
           i % 3 <> 0 AS aeo,
           i % 5 = 0 AS sme,
           'TW' || lpad(CAST(n_importer % 40000 AS VARCHAR), 8, '0') AS importer_tin,
           ['TWKEL', 'TWTPE', 'TWKHH', 'TWTXG', 'TWTYN'][1 + CAST(i % 5 AS INTEGER)] AS office,
           'Asia/Taipei' AS office_tz,
           {{arrival}} AS arrival_at,
           {{lodged}} AS lodged_at,
           {{released}} AS released_at,
           {{delivered}} AS delivered_at{{month}}
    FROM (SELECT *, released + to_seconds(CAST((2 + u_delivery * 70) * 3600 AS BIGINT)) AS delivered FROM timed)
) TO {{target}};
