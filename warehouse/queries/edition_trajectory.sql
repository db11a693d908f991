-- Each wanted city's rank on the list, year by year.
select wanted.code as for_city,
    year, rank, published, previous_year, previous_rank, change_vs_previous, base_year, base_rank, change_vs_base,
from unnest($city_codes::varchar[]) as wanted(code)
join rank_trajectory as t on t.city_code = wanted.code
where t.list = $list
order by for_city, year;
