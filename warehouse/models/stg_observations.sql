-- One value per place (by its code, the name where a row loaded before codes has none), indicator,
-- period and measure: the newest snapshot wins.
with ranked as (
    select
        o.*,
        row_number() over (
            partition by coalesce(o.geo_code, o.geo), o.indicator, o.period_year, o.month_from, o.month_to, o.measure,
                coalesce(o.comparison_group, '')
            order by s.fetched_at desc, o.snapshot_id desc
        ) as recency,
    from observations as o
    join stg_snapshots as s using (snapshot_id)
)

select
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit,
    comparison_group, snapshot_id, quote, quote_offset, year_source,
from ranked
where recency = 1
