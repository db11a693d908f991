-- Storing a snapshot and parsing it are two steps: a snapshot is stored first (status
-- 'stored'), then parsed into rows ('loaded') or kept with the parse's error ('failed').
-- Each snapshot records which adapter, at which version, made its current rows, so a newer
-- adapter can re-parse what is stored (`xian-report reparse`, or `run` when a page is unchanged).
alter table snapshots add column if not exists adapter varchar;          -- the adapter of the last parse
alter table snapshots add column if not exists adapter_version integer;  -- its version (pipelines/sources/contract.ts)
alter table snapshots add column if not exists parsed_at timestamptz;    -- when the last parse ran
-- A hash of the source's settings (and published date and city) the last parse was given: a
-- fixed setting re-parses an unchanged page as a new adapter version does.
alter table snapshots add column if not exists settings_sha256 varchar;

-- Snapshots parsed before versions existed were parsed by version 1 of their source's adapter.
update snapshots
set adapter = (select s.adapter from sources as s where s.name = snapshots.source),
    adapter_version = 1,
    parsed_at = fetched_at
where status in ('loaded', 'failed');
