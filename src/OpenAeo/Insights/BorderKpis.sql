-- The border KPIs' cells in one pass over a declarations export (DuckDB). BorderKpiEngine.cs fills the file's path
-- as a literal (table functions take no parameters); the rest are $parameters. The definitions are those of
-- BorderKpis in OpenAeo.Domain, which the oracle test holds this query to: a declaration belongs to the month of its
-- lodgement on the programme's clocks, to the group of everyone and to one group of each comparison, and a
-- recognised consignor also to the group of its MRA.

-- @cells
WITH declarations AS (
    SELECT lodged_at, released_at, lane, importer_aeo, sme, consignor_recognition, consignor_mra, random_selection, oga_waivers, importer_tin,
           strftime(timezone($zone, lodged_at), '%Y-%m') AS month
    FROM read_csv({{path}}, header = true, auto_detect = false, quote = '"', escape = '"', columns = {
        'declaration_id': 'VARCHAR', 'reporter': 'VARCHAR', 'origin': 'VARCHAR', 'mode': 'VARCHAR', 'channel': 'VARCHAR',
        'aeo': 'BOOLEAN', 'sme': 'BOOLEAN', 'importer_tin': 'VARCHAR', 'office': 'VARCHAR', 'office_tz': 'VARCHAR',
        'arrival_at': 'TIMESTAMPTZ', 'lodged_at': 'TIMESTAMPTZ', 'released_at': 'TIMESTAMPTZ', 'delivered_at': 'TIMESTAMPTZ',
        'lane': 'VARCHAR', 'importer_aeo': 'BOOLEAN', 'consignor_recognition': 'VARCHAR',
        'consignor_mra': 'VARCHAR', 'random_selection': 'BOOLEAN', 'oga_waivers': 'INTEGER', 'platform_tin': 'VARCHAR'})
    WHERE reporter = $economy
),
placed AS (
    SELECT month, lane, random_selection, oga_waivers, importer_tin,
           CASE WHEN released_at >= lodged_at THEN epoch_us(released_at) - epoch_us(lodged_at) END AS release_us,
           unnest(list_concat(
               ['all',
                CASE WHEN importer_aeo THEN 'aeo' ELSE 'non_aeo' END,
                CASE WHEN sme THEN 'sme_importer' ELSE 'not_sme_importer' END,
                CASE WHEN consignor_recognition = 'RecognisedUnderMra' THEN 'mra_recognised' ELSE 'other_consignors' END],
               CASE WHEN consignor_recognition = 'RecognisedUnderMra' AND consignor_mra IS NOT NULL THEN ['mra:' || consignor_mra] ELSE [] END)) AS grp
    FROM declarations
    WHERE month BETWEEN $from_month AND $to_month
)
SELECT CASE WHEN grouping(month) = 0 THEN month END AS month,
       grp,
       count(*) AS declarations,
       count(*) FILTER (WHERE lane = 'Red') AS examined,
       count(release_us) AS released,
       quantile_cont(release_us, 0.5) AS median_release_us,
       count(*) FILTER (WHERE random_selection) AS random,
       CAST(coalesce(sum(oga_waivers), 0) AS BIGINT) AS waivers,
       count(*) FILTER (WHERE lane = 'Green') AS green,
       count(*) FILTER (WHERE lane = 'Blue') AS blue,
       count(*) FILTER (WHERE lane = 'Yellow') AS yellow,
       count(*) FILTER (WHERE lane = 'Red') AS red,
       count(DISTINCT importer_tin) AS importers
FROM placed
GROUP BY GROUPING SETS ((month, grp), (grp))
ORDER BY month NULLS LAST, grp
