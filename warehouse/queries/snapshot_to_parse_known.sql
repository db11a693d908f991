-- snapshot_to_parse.sql without the raw bytes, for a caller that has them (it has just stored them).
select id, source, location, content_type, encoding, published, status, adapter, adapter_version,
from snapshots
where id = $id;
