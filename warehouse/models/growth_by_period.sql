-- One row per place, indicator and period: the year-on-year growth, the level, and the
-- comparisons published with it (its place among peers, its place among past years).
with obs as (
    select * from stg_observations
),

keys as (
    select distinct geo, geo_zh, indicator, period_year, month_from, month_to,
    from obs
    where measure in ('yoy_pct', 'level', 'plan_share_pct', 'count')
),

final as (
    select
        k.geo, k.geo_zh, k.indicator, k.period_year, k.month_from, k.month_to,
        yoy.value as yoy_pct,
        lvl.value as level,
        lvl.unit as level_unit,
        cnt.value as item_count,
        cnt.unit as item_unit,
        plan.value as plan_share_pct,
        peer.value as peer_rank,
        peer.comparison_group as peer_group,
        hist.value as rank_over_years,
        hist.comparison_group as years_group,
        list_distinct(list_filter(
            [yoy.snapshot_id, lvl.snapshot_id, cnt.snapshot_id, plan.snapshot_id, peer.snapshot_id, hist.snapshot_id],
            x -> x is not null
        )) as snapshot_ids,
    from keys as k
    left join obs as yoy on yoy.measure = 'yoy_pct' and yoy.geo = k.geo and yoy.indicator = k.indicator
        and yoy.period_year = k.period_year and yoy.month_from = k.month_from and yoy.month_to = k.month_to
    left join obs as lvl on lvl.measure = 'level' and lvl.geo = k.geo and lvl.indicator = k.indicator
        and lvl.period_year = k.period_year and lvl.month_from = k.month_from and lvl.month_to = k.month_to
    left join obs as cnt on cnt.measure = 'count' and cnt.geo = k.geo and cnt.indicator = k.indicator
        and cnt.period_year = k.period_year and cnt.month_from = k.month_from and cnt.month_to = k.month_to
    left join obs as plan on plan.measure = 'plan_share_pct' and plan.geo = k.geo and plan.indicator = k.indicator
        and plan.period_year = k.period_year and plan.month_from = k.month_from and plan.month_to = k.month_to
    left join obs as peer on peer.measure = 'peer_rank' and peer.geo = k.geo and peer.indicator = k.indicator
        and peer.period_year = k.period_year and peer.month_from = k.month_from and peer.month_to = k.month_to
    left join obs as hist on hist.measure = 'rank_over_years' and hist.geo = k.geo and hist.indicator = k.indicator
        and hist.period_year = k.period_year and hist.month_from = k.month_from and hist.month_to = k.month_to
)

select * from final
