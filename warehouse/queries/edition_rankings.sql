-- Every row of a list: the city's and its peers' trajectories, and the complete lists the
-- analysis counts in (cities of a region, places among a group), each with its words.
select list, year, rank, city_code, city, city_zh, province, score, snapshot_id, quote, quote_offset,
from stg_rankings
where list = $list
order by year, rank, city;
