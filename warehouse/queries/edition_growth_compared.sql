-- The latest period of each of the city's indicators, with the year before and the release before.
select indicator, period_year, month_from, month_to, yoy_pct, level, level_unit, item_count, item_unit, plan_share_pct,
    previous_year, previous_month_from, previous_month_to, previous_yoy_pct, previous_plan_share_pct,
    year_before_yoy_pct, year_before_plan_share_pct,
from growth_compared
where geo_code = $city_code and is_latest
order by indicator;
