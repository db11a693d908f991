insert into rankings (list, year, rank, city, city_zh, province, score, snapshot_id)
values ($list, $year, $rank, $city, $city_zh, $province, $score, $snapshot_id);
