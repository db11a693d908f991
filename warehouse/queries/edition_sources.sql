select snapshot_id, source, location, fetched_at, sha256, published, provenance,
from edition_sources
order by source, snapshot_id;
