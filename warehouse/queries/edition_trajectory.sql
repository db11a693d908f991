select year, rank, published, previous_year, previous_rank, change_vs_previous, base_year, base_rank, change_vs_base,
from rank_trajectory
where city_code = $city_code and list = $list
order by year;
