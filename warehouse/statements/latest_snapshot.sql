-- The newest snapshot of a source's location, whatever became of it: what a new read is
-- compared with (same bytes as a failed one: not stored again; never parsed: parse it now).
select id, sha256, etag, last_modified, status, error, adapter, adapter_version, settings_sha256,
from snapshots
where source = $source and location = $location
order by id desc
limit 1;
