-- Moves the staged rows of one parse (stage_parsed_rows.sql) into the warehouse as rows of
-- snapshot $snapshot_id: one INSERT … SELECT per table, run inside the load's transaction.
insert into rankings (list, year, rank, city_code, city, city_zh, province, score, snapshot_id, quote, quote_offset, year_source, tied)
select list, year, rank, city_code, city, city_zh, province, score, $snapshot_id, quote, quote_offset, year_source, tied
from parsed_rankings;

insert into observations (
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id,
    quote, quote_offset, year_source
)
select
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, $snapshot_id,
    quote, quote_offset, year_source
from parsed_observations;

insert into firms (city_code, city, city_zh, role, cluster, cluster_zh, firm, firm_zh, snapshot_id)
select city_code, city, city_zh, role, cluster, cluster_zh, firm, firm_zh, $snapshot_id
from parsed_firms;

insert into quarantine (snapshot_id, row_number, row_text, reason, created_at)
select $snapshot_id, row_number, row_text, reason, now()
from parsed_quarantine;
