-- The firms the analysis names: each cluster's leaders, and the giants of peer cities.
select f.city_code, f.city, f.city_zh, f.role, f.cluster, f.cluster_zh, f.firm, f.firm_zh, f.snapshot_id,
from firms as f
join stg_snapshots as s using (snapshot_id)
