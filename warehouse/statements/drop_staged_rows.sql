-- Drops the staging tables of a load (stage_parsed_rows.sql, stage_csv_observations.sql), so
-- their rows do not stay in memory after the load.
drop view if exists csv_plausible;
drop table if exists parsed_rankings;
drop table if exists parsed_observations;
drop table if exists parsed_firms;
drop table if exists parsed_quarantine;
drop table if exists csv_records;
drop table if exists csv_places;
drop table if exists csv_decided;
drop table if exists csv_excluded;
