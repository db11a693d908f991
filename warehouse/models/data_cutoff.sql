-- The edition's data cut-off: the latest month any statistic covers, and the latest
-- year of any ranking list (a list's year is not a month of data, so the two stay apart).
with stats as (
    select period_year as year, month_to as month,
    from stg_observations
    where indicator <> 'top100_cities_count'
    order by period_year desc, month_to desc
    limit 1
),

lists as (
    select max(year) as ranking_year from stg_rankings
),

final as (
    select stats.year as stats_year, stats.month as stats_month, lists.ranking_year,
    from lists
    left join stats on true
)

select * from final
