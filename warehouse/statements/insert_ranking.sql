insert into rankings (list, year, rank, city_code, city, city_zh, province, score, snapshot_id, quote, quote_offset, year_source, tied)
values ($list, $year, $rank, $city_code, $city, $city_zh, $province, $score, $snapshot_id, $quote, $quote_offset, $year_source, $tied);
