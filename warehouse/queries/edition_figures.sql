-- Every observation an edition can state, with the words it was read from: each wanted city's
-- own figures and the counts of regions on a list (the same for every city). A figure is cited
-- by these. One query for many cities ($city_codes): the models are views, computed once here.
with wanted as (
    select unnest($city_codes::varchar[]) as code
),

own as (
    select wanted.code as for_city, o.*
    from wanted
    join stg_observations as o on o.geo_code = wanted.code
),

counts as (
    select wanted.code as for_city, o.*
    from wanted
    cross join (select * from stg_observations where indicator = 'top100_cities_count') as o
    where o.geo_code is distinct from wanted.code
)

select for_city, geo_code, geo, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group,
    snapshot_id, quote, quote_offset,
from (select * from own union all select * from counts)
order by for_city, indicator, period_year, month_to, measure;
