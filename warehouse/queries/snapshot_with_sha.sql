-- A page elsewhere whose newest loaded snapshot holds exactly these bytes: the same article
-- mirrored at another URL, which is then not loaded twice.
with newest as (
    select id, source, location, sha256,
    from snapshots
    where status = 'loaded'
    qualify row_number() over (partition by source, location order by id desc) = 1
)
select id, source, location,
from newest
where sha256 = $sha256 and location <> $location
order by id
limit 1;
