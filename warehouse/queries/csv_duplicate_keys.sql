-- Whether any (place code, indicator, period, measure, group) key of a bulk CSV's loadable rows is
-- stated more than once: when none, every row loads as it is. Grouped by one hash of the key, which
-- is cheaper than grouping by its seven columns; a collision only sends the file to
-- csv_duplicate_rows.sql, which compares the keys themselves.
select count(*)::integer as keys,
from (
    select 1
    from csv_plausible
    group by hash(geo_code, indicator, period_year, month_from, month_to, measure, coalesce(comparison_group, ''))
    having count(*) > 1
);
