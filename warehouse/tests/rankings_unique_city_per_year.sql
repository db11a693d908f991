-- A city has one rank per list and year.
select list, year, city, count(*) as n
from stg_rankings
group by list, year, city
having count(*) > 1
