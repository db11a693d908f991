insert into observations (
    geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id,
    quote, quote_offset, year_source
)
values (
    $geo, $geo_zh, $indicator, $period_year, $month_from, $month_to, $measure, $value, $unit, $comparison_group, $snapshot_id,
    $quote, $quote_offset, $year_source
);
