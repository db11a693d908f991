-- Each period of an indicator beside the two it is read against: the same months a year
-- earlier, and the release before it (the period that precedes it among those held).
with growth as (
    select * from growth_by_period
),

ordered as (
    select
        *,
        lag(period_year) over by_period as previous_year,
        lag(month_from) over by_period as previous_month_from,
        lag(month_to) over by_period as previous_month_to,
        lag(yoy_pct) over by_period as previous_yoy_pct,
        lag(plan_share_pct) over by_period as previous_plan_share_pct,
        row_number() over (partition by coalesce(geo_code, geo), indicator order by period_year desc, month_to desc, month_from asc) as recency,
    from growth
    window by_period as (partition by coalesce(geo_code, geo), indicator order by period_year, month_to, month_from desc)
),

final as (
    select
        o.geo_code, o.geo, o.indicator, o.period_year, o.month_from, o.month_to, o.yoy_pct, o.level, o.level_unit,
        o.item_count, o.item_unit, o.plan_share_pct,
        o.previous_year, o.previous_month_from, o.previous_month_to, o.previous_yoy_pct, o.previous_plan_share_pct,
        y.yoy_pct as year_before_yoy_pct,
        y.plan_share_pct as year_before_plan_share_pct,
        y.period_year is not null as has_year_before,
        o.recency = 1 as is_latest,
    from ordered as o
    left join growth as y
        on coalesce(y.geo_code, y.geo) = coalesce(o.geo_code, o.geo) and y.indicator = o.indicator and y.period_year = o.period_year - 1
        and y.month_from = o.month_from and y.month_to = o.month_to
)

select * from final
