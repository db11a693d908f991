-- Every year from a city's first to its last appearance on a list, with its rank where
-- one was published (null where not), and the change against the previous published
-- rank and against the first year. A positive change is a climb (a smaller rank number). A city is
-- its code: two cities that share an English name have a trajectory each.
with ranks as (
    select list, coalesce(city_code, city) as city_key, city_code, city, city_zh, year, rank, score, snapshot_id,
    from stg_rankings
),

spans as (
    select list, city_key, any_value(city_code) as city_code, any_value(city) as city, any_value(city_zh) as city_zh,
        min(year) as first_year, max(year) as last_year,
    from ranks
    group by list, city_key
),

years as (
    select spans.list, spans.city_key, spans.city_code, spans.city, spans.city_zh, spans.first_year, unnest(range(spans.first_year, spans.last_year + 1)) as year,
    from spans
),

joined as (
    select
        y.list, y.city_code, y.city, y.city_zh, y.year, r.rank, r.score, r.snapshot_id,
        first_value(r.rank) over (partition by y.list, y.city_key order by y.year) as base_rank,
        y.first_year as base_year,
        lag(r.rank ignore nulls) over (partition by y.list, y.city_key order by y.year) as previous_rank,
        lag(case when r.rank is not null then y.year end ignore nulls)
            over (partition by y.list, y.city_key order by y.year) as previous_year,
    from years as y
    left join ranks as r using (list, city_key, year)
),

final as (
    select
        list, city_code, city, city_zh, year, rank, score, snapshot_id,
        rank is not null as published,
        previous_year,
        previous_rank,
        case when rank is not null then previous_rank - rank end as change_vs_previous,
        base_year,
        base_rank,
        case when rank is not null and year > base_year then base_rank - rank end as change_vs_base,
    from joined
)

select * from final
