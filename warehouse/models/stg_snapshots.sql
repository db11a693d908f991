-- Snapshots that loaded, without their raw content.
select
    id as snapshot_id,
    source,
    location,
    fetched_at,
    sha256,
    published,
    provenance,
    adapter,
    adapter_version,
from snapshots
where status = 'loaded'
