-- One row per place, indicator and period: the year-on-year growth, the level, and the
-- comparisons published with it (its place among peers, its place among past years).
with obs as (
    select * from stg_observations
),

final as (
    select
        any_value(geo_code) as geo_code,
        any_value(geo) as geo,
        any_value(geo_zh) as geo_zh,
        indicator,
        period_year,
        month_from,
        month_to,
        any_value(value) filter (where measure = 'yoy_pct') as yoy_pct,
        any_value(value) filter (where measure = 'level') as level,
        any_value(unit) filter (where measure = 'level') as level_unit,
        any_value(value) filter (where measure = 'count') as item_count,
        any_value(unit) filter (where measure = 'count') as item_unit,
        any_value(value) filter (where measure = 'plan_share_pct') as plan_share_pct,
        any_value(value) filter (where measure = 'peer_rank') as peer_rank,
        any_value(comparison_group) filter (where measure = 'peer_rank') as peer_group,
        any_value(value) filter (where measure = 'rank_over_years') as rank_over_years,
        any_value(comparison_group) filter (where measure = 'rank_over_years') as years_group,
        list_sort(list_distinct(list(snapshot_id))) as snapshot_ids,
    from obs
    -- A place is its code (its name, for a row loaded before codes whose name was ambiguous).
    group by coalesce(geo_code, geo), indicator, period_year, month_from, month_to
    having count(*) filter (where measure in ('yoy_pct', 'level', 'plan_share_pct', 'count')) > 0
)

select * from final
