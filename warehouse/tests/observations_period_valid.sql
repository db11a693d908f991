-- Months run from 1 to 12, the first no later than the last.
select geo, indicator, period_year, month_from, month_to
from stg_observations
where month_from < 1 or month_to > 12 or month_from > month_to or period_year < 1949
