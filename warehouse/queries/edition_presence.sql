select region, region_zh, list, year, cities,
from list_presence
where list = $list
order by year desc, region;
