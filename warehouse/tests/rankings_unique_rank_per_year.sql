-- A rank belongs to one city per list and year.
select list, year, rank, count(*) as n, string_agg(city || coalesce(' ' || city_code, ''), ', ') as cities
from stg_rankings
group by list, year, rank
having count(*) > 1
