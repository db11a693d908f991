-- Empty staging tables (temporary, this connection only) for the rows an adapter parsed in
-- Node: the loader appends to them with DuckDB's Appender, then insert_parsed_rows.sql moves
-- them into the warehouse with one INSERT … SELECT per table, inside the load's transaction.
-- Their columns are named, so a column added to a warehouse table needs only a line here and
-- one in insert_parsed_rows.sql. Column order here is the order pipelines/load/append-rows.ts appends in.
create or replace temp table parsed_rankings (
    list varchar, year integer, rank integer, city_code varchar, city varchar, city_zh varchar, province varchar, score double,
    quote varchar, quote_offset integer, year_source varchar, tied boolean
);
create or replace temp table parsed_observations (
    geo_code varchar, geo varchar, geo_zh varchar, indicator varchar, period_year integer, month_from integer, month_to integer,
    measure varchar, value double, unit varchar, comparison_group varchar,
    quote varchar, quote_offset integer, year_source varchar
);
create or replace temp table parsed_firms (
    city_code varchar, city varchar, city_zh varchar, role varchar, cluster varchar, cluster_zh varchar, firm varchar, firm_zh varchar
);
create or replace temp table parsed_quarantine (row_number integer, row_text varchar, reason varchar);
