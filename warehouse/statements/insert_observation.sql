insert into observations (
    geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id,
    quote, quote_offset, year_source
)
values (
    $geo_code, $geo, $geo_zh, $indicator, $period_year, $month_from, $month_to, $measure, $value, $unit, $comparison_group, $snapshot_id,
    $quote, $quote_offset, $year_source
);
