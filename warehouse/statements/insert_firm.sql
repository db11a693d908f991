insert into firms (city, city_zh, role, cluster, cluster_zh, firm, firm_zh, snapshot_id)
values ($city, $city_zh, $role, $cluster, $cluster_zh, $firm, $firm_zh, $snapshot_id);
