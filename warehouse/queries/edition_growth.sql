select geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, yoy_pct, level, level_unit,
    item_count, item_unit, plan_share_pct, peer_rank, peer_group, rank_over_years, years_group,
from growth_by_period
where geo_code = $city_code
order by period_year, month_to, indicator;
