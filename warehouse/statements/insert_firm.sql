insert into firms (city_code, city, city_zh, role, cluster, cluster_zh, firm, firm_zh, snapshot_id)
values ($city_code, $city, $city_zh, $role, $cluster, $cluster_zh, $firm, $firm_zh, $snapshot_id);
