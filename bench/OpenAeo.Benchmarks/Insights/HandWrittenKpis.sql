-- The peer of OpenAeo's border KPIs (src/OpenAeo/Insights/BorderKpis.sql): the same cells written the plain way a
-- DuckDB user would, one SELECT per comparison group glued with UNION ALL, months and the period as two passes.
-- {{path}} is the export file as a literal.

-- @cells
WITH d AS (
    SELECT strftime(timezone('Asia/Taipei', lodged_at), '%Y-%m') AS month, lane, importer_aeo, sme, consignor_recognition, consignor_mra,
           random_selection, oga_waivers, importer_tin,
           CASE WHEN released_at >= lodged_at THEN epoch_us(released_at) - epoch_us(lodged_at) END AS us
    FROM read_csv({{path}}, header = true, auto_detect = true)
    WHERE reporter = 'TW'
),
inside AS (SELECT * FROM d WHERE month BETWEEN '2026-01' AND '2026-12'),
tagged AS (
    SELECT *, 'all' AS grp FROM inside
    UNION ALL SELECT *, CASE WHEN importer_aeo THEN 'aeo' ELSE 'non_aeo' END FROM inside
    UNION ALL SELECT *, CASE WHEN sme THEN 'sme_importer' ELSE 'not_sme_importer' END FROM inside
    UNION ALL SELECT *, CASE WHEN consignor_recognition = 'RecognisedUnderMra' THEN 'mra_recognised' ELSE 'other_consignors' END FROM inside
    UNION ALL SELECT *, 'mra:' || consignor_mra FROM inside WHERE consignor_recognition = 'RecognisedUnderMra' AND consignor_mra IS NOT NULL
),
both_ AS (
    SELECT month, grp, lane, random_selection, oga_waivers, importer_tin, us FROM tagged
    UNION ALL SELECT NULL, grp, lane, random_selection, oga_waivers, importer_tin, us FROM tagged
)
SELECT month, grp, count(*), count(*) FILTER (WHERE lane = 'Red'), count(us), median(us), count(*) FILTER (WHERE random_selection),
       CAST(coalesce(sum(oga_waivers), 0) AS BIGINT), count(*) FILTER (WHERE lane = 'Green'), count(*) FILTER (WHERE lane = 'Blue'),
       count(*) FILTER (WHERE lane = 'Yellow'), count(*) FILTER (WHERE lane = 'Red'), count(DISTINCT importer_tin)
FROM both_
GROUP BY month, grp
