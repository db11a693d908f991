select snapshot_id, source, location, fetched_at, sha256, published, provenance, adapter, adapter_version,
from edition_sources
order by source, snapshot_id;
