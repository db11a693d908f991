-- Every observation an edition can state, with the words it was read from: the city's own
-- figures and the counts of regions on a list. A figure is cited by these.
select geo_code, geo, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group,
    snapshot_id, quote, quote_offset,
from stg_observations
where geo_code = $city_code or indicator = 'top100_cities_count'
order by indicator, period_year, month_to, measure;
