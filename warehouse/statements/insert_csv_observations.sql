-- The observations of a bulk CSV, in one INSERT … SELECT inside the load's transaction: every
-- loadable row but those the duplicate check left out. Returns the count inserted.
insert into observations (
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id,
    quote, quote_offset, year_source
)
select
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, $snapshot_id,
    quote, quote_offset, 'column'
from csv_plausible
anti join csv_excluded using (row_number);
