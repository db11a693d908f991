-- One rank per list, year and city (by its division code: Suzhou 苏州 and Suzhou 宿州 are two cities; a
-- row loaded before codes whose name was ambiguous keeps its name as the key): the newest snapshot wins
-- when two pages disagree.
with ranked as (
    select
        r.*,
        s.fetched_at,
        row_number() over (
            partition by r.list, r.year, coalesce(r.city_code, r.city)
            order by s.fetched_at desc, r.snapshot_id desc
        ) as recency,
    from rankings as r
    join stg_snapshots as s using (snapshot_id)
)

select list, year, rank, city_code, city, city_zh, province, score, snapshot_id, quote, quote_offset, year_source,
from ranked
where recency = 1
