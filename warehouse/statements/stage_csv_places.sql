-- The place names of a bulk CSV's plain rows, resolved in Node by the gazetteer
-- (pipelines/geo/places.ts) and appended here: name as written → canonical place.
create or replace temp table csv_places (name varchar, geo_code varchar, geo varchar, geo_zh varchar);
-- The rows the Node code decided (plausible ones, typed), and the rows left out after it.
create or replace temp table csv_decided (
    row_number integer, geo_code varchar, geo varchar, geo_zh varchar, indicator varchar, period_year integer, month_from integer,
    month_to integer, measure varchar, value double, unit varchar, comparison_group varchar,
    raw varchar, quote varchar, quote_offset integer
);
create or replace temp table csv_excluded (row_number integer);
-- The rows that load: the plain rows that are certainly plausible (a known place, no value
-- near a limit), with the rows the Node code found plausible; duplicates are settled after.
create or replace temp view csv_plausible as
select
    r.row_number, p.geo_code, p.geo, p.geo_zh, r.indicator, r.period_year, r.month_from, r.month_to, r.measure, r.value, r.unit,
    r.comparison_group, r.line as raw, r.line as quote, r.line_offset as quote_offset,
from csv_records as r
join csv_places as p on p.name = r.geo_text
where r.plain and not r.suspect
union all
select
    row_number, geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit,
    comparison_group, raw, quote, quote_offset,
from csv_decided;
