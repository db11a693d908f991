-- Plausible ranges: shares of plan 0-200 %, growth within ±100 %, counts and ranks not negative.
select geo, indicator, period_year, month_to, measure, value
from stg_observations
where (measure = 'plan_share_pct' and (value < 0 or value > 200))
   or (measure = 'yoy_pct' and (value < -100 or value > 100))
   or (measure in ('count', 'peer_rank', 'rank_over_years') and value < 0)
