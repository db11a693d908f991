-- Rows that were read but not loaded, newest first, with the page they came from.
select
    q.id,
    s.source,
    s.location,
    q.snapshot_id,
    s.fetched_at,
    q.row_number,
    q.row_text,
    q.reason,
from quarantine as q
join snapshots as s on s.id = q.snapshot_id
where $source is null or s.source = $source
order by q.id desc
limit $limit;
