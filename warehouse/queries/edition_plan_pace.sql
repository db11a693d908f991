select indicator, period_year, month_from, month_to, plan_share_pct, year_elapsed_pct, ahead_of_pace_pct,
from plan_pace
where geo_code = $city_code
order by period_year desc, month_to desc, indicator;
