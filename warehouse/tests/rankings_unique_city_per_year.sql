-- A city (its division code; Suzhou 苏州 and Suzhou 宿州 are two) has one rank per list and year.
select list, year, coalesce(city_code, city) as city_key, any_value(city) as city, count(*) as n
from stg_rankings
group by list, year, city_key
having count(*) > 1
