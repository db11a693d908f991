-- One rank per list, year and city: the newest snapshot wins when two pages disagree.
with ranked as (
    select
        r.*,
        s.fetched_at,
        row_number() over (
            partition by r.list, r.year, r.city
            order by s.fetched_at desc, r.snapshot_id desc
        ) as recency,
    from rankings as r
    join stg_snapshots as s using (snapshot_id)
)

select list, year, rank, city, city_zh, province, score, snapshot_id, quote, quote_offset, year_source,
from ranked
where recency = 1
