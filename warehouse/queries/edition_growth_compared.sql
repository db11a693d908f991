-- The latest period of each indicator of each wanted city, with the year before and the release before.
select wanted.code as for_city,
    indicator, period_year, month_from, month_to, yoy_pct, level, level_unit, item_count, item_unit, plan_share_pct,
    previous_year, previous_month_from, previous_month_to, previous_yoy_pct, previous_plan_share_pct,
    year_before_yoy_pct, year_before_plan_share_pct,
from unnest($city_codes::varchar[]) as wanted(code)
join growth_compared as g on g.geo_code = wanted.code
where g.is_latest
order by for_city, indicator;
