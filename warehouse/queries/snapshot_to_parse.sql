-- One stored snapshot with what its parse needs: the raw bytes and how they were read.
select id, source, location, content, content_type, encoding, published, status, adapter, adapter_version,
from snapshots
where id = $id;
