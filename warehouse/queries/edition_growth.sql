-- Every period of each wanted city's indicators, with its standing among peers and over the years.
select wanted.code as for_city,
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, yoy_pct, level, level_unit,
    item_count, item_unit, plan_share_pct, peer_rank, peer_group, rank_over_years, years_group,
from unnest($city_codes::varchar[]) as wanted(code)
join growth_by_period as g on g.geo_code = wanted.code
order by for_city, period_year, month_to, indicator;
