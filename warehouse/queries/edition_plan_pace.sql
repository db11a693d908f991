-- How far each wanted city's plan has come against the share of the year gone.
select wanted.code as for_city,
    indicator, period_year, month_from, month_to, plan_share_pct, year_elapsed_pct, ahead_of_pace_pct,
from unnest($city_codes::varchar[]) as wanted(code)
join plan_pace as p on p.geo_code = wanted.code
order by for_city, period_year desc, month_to desc, indicator;
