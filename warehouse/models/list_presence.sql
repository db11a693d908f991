-- How many cities of a region a ranking list counts, as published.
select
    geo as region,
    geo_zh as region_zh,
    comparison_group as list,
    period_year as year,
    value as cities,
    snapshot_id,
from stg_observations
where indicator = 'top100_cities_count' and measure = 'count'
