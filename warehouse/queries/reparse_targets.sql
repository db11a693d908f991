-- What `reparse` reads again: the newest snapshot of each source's location, whether it
-- loaded, failed to parse or was never parsed (a load stopped between its two steps).
select id, source, location, status, adapter, adapter_version,
from snapshots
where status in ('loaded', 'failed', 'stored')
    and ($source is null or source = $source)
qualify row_number() over (partition by source, location order by id desc) = 1
order by source, location;
