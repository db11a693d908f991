-- How far a project list is through its annual plan against how far the year is through:
-- 93.62 % of the plan by the end of September is ahead of the 75 % of the year gone.
with shares as (
    select geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, value as plan_share_pct, snapshot_id,
    from stg_observations
    where measure = 'plan_share_pct'
),

final as (
    select
        *,
        round(month_to * 100.0 / 12, 2) as year_elapsed_pct,
        round(plan_share_pct - month_to * 100.0 / 12, 2) as ahead_of_pace_pct,
    from shares
)

select * from final
