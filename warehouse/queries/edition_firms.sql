-- Each wanted city's cluster leaders, and the giants of other cities it is measured against.
with wanted as (
    select unnest($city_codes::varchar[]) as code
),

firms as (
    select wanted.code as for_city, f.*
    from wanted
    join named_firms as f on f.city_code = wanted.code
    where f.role = 'cluster_leader'
    union all
    select wanted.code as for_city, f.*
    from wanted
    cross join (select * from named_firms where role = 'peer_giant') as f
    where f.city_code is distinct from wanted.code
)

select for_city, city_code, city, city_zh, role, cluster, cluster_zh, firm, firm_zh,
from firms
order by for_city, role, cluster nulls last, city, firm;
