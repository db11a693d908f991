-- The city's cluster leaders, and the giants of other cities it is measured against.
select city_code, city, city_zh, role, cluster, cluster_zh, firm, firm_zh,
from named_firms
where (role = 'cluster_leader' and city_code = $city_code)
    or (role = 'peer_giant' and city_code is distinct from $city_code)
order by role, cluster nulls last, city, firm;
