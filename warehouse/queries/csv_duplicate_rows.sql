-- The loadable rows of a bulk CSV whose key another row also states, in file order: the Node
-- code keeps the first of a repeated figure and quarantines figures that disagree.
with repeated as (
    select geo_code, indicator, period_year, month_from, month_to, measure, coalesce(comparison_group, '') as comparison_group,
    from csv_plausible
    group by all
    having count(*) > 1
)

select p.row_number, p.geo_code, p.geo, p.geo_zh, p.indicator, p.period_year, p.month_from, p.month_to, p.measure, p.value,
    p.unit, p.comparison_group, p.raw,
from csv_plausible as p
semi join repeated as k
    on p.geo_code = k.geo_code and p.indicator = k.indicator and p.period_year = k.period_year
    and p.month_from = k.month_from and p.month_to = k.month_to and p.measure = k.measure
    and coalesce(p.comparison_group, '') = k.comparison_group
order by p.row_number;
