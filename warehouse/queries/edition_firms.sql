-- The city's cluster leaders, and the giants of other cities it is measured against.
select city, city_zh, role, cluster, cluster_zh, firm, firm_zh,
from named_firms
where (role = 'cluster_leader' and city = $city) or (role = 'peer_giant' and city <> $city)
order by role, cluster nulls last, city, firm;
