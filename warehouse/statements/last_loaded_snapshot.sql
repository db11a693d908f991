-- The newest snapshot of a source's location that loaded: whose rows the warehouse holds.
select id, sha256, etag, last_modified, status, error, adapter, adapter_version, settings_sha256,
from snapshots
where source = $source and location = $location and status = 'loaded'
order by id desc
limit 1;
