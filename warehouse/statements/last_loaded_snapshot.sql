-- The newest snapshot of a source's location that loaded: what a new read is compared with.
select id, sha256, etag, last_modified
from snapshots
where source = $source and location = $location and status = 'loaded'
order by id desc
limit 1;
