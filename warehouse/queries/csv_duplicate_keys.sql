-- How many (place code, indicator, period, measure, group) keys more than one loadable row of a bulk
-- CSV states: when none, every row loads as it is.
select count(*)::integer as keys,
from (
    select 1
    from csv_plausible
    group by geo_code, indicator, period_year, month_from, month_to, measure, coalesce(comparison_group, '')
    having count(*) > 1
);
