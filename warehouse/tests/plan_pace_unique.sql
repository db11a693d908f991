-- One plan share per place, indicator and period.
select coalesce(geo_code, geo) as geo_key, indicator, period_year, month_from, month_to, count(*) as n
from plan_pace
group by all
having count(*) > 1
