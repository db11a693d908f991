-- The bulk path of a large observations CSV (pipelines/load/bulk-csv.ts): DuckDB reads the
-- file itself, a line at a time (its CSV reader with no quote and a delimiter the file lacks),
-- numbering each record as the Node parser would (blank lines skipped, the header record 1)
-- and keeping each line's words and character offset for citations. A line is `plain` when
-- splitting it on the delimiter is all the parsing it needs and every cell reads as its field
-- must (no quotes, no space to trim, whole numbers and decimals written plainly, a known
-- measure; $plain_pattern, built from the header by bulk-csv.ts, says it in one match): only
-- plain rows are typed here; every other row is decided by the Node code of
-- pipelines/sources/table-csv.ts, so both paths give the same rows, errors and reasons.
-- $min_year and $max_year bound plausible years. $geo … $comparison_group are 1-based positions of the fields in the header (0: no column).
create or replace temp table csv_records as
with lines as (
    select
        row_number() over upto as line_number,
        line,
        sum(coalesce(length(line), 0) + $eol_length) over upto - coalesce(length(line), 0) - $eol_length as line_offset,
        sum(case when line is null then 1 else 0 end) over upto as blank_lines,
    from read_csv(
        $path,
        columns = {'line': 'VARCHAR'}, header = false, delim = chr(1), quote = '', escape = '',
        new_line = $new_line, auto_detect = false, strict_mode = false
    )
    window upto as (rows between unbounded preceding and current row)
),

records as (
    select line_number - blank_lines as row_number, line, line_offset, string_split(line, $delimiter) as cells,
    from lines
    where line is not null and line_number > $header_line
),

cells as (
    select
        row_number, line, line_offset,
        coalesce(cells[$geo], '') as geo_text,
        coalesce(cells[$indicator], '') as indicator,
        coalesce(cells[$period_year], '') as period_year_text,
        coalesce(cells[$month_from], '') as month_from_text,
        coalesce(cells[$month_to], '') as month_to_text,
        coalesce(cells[$measure], '') as measure,
        coalesce(cells[$value], '') as value_text,
        coalesce(cells[$unit], '') as unit,
        coalesce(cells[$comparison_group], '') as comparison_group_text,
    from records
),

typed as (
    select
        *,
        try_cast(period_year_text as integer) as period_year,
        try_cast(month_from_text as integer) as month_from,
        try_cast(month_to_text as integer) as month_to,
        -- `plain` (below) vouches for how the numbers are written; these casts only type them.
        try_cast(value_text as double) as value,
    from cells
)

select
    row_number, line, line_offset, geo_text, indicator, period_year, month_from, month_to, measure, value, unit,
    nullif(comparison_group_text, '') as comparison_group,
    regexp_full_match(line, $plain_pattern) as plain,
    -- A superset of the rows pipelines/validate/observations.ts finds implausible on their own:
    -- those go to the Node code, which words the reason (or finds none after all).
    coalesce(
        period_year < $min_year or period_year > $max_year
        or month_from < 1 or month_to > 12 or month_from > month_to
        or (measure = 'plan_share_pct' and (value < 0 or value > 200))
        or (measure = 'yoy_pct' and (value < -100 or value > 100))
        or (measure = 'level' and value < 0)
        or (measure = 'count' and (value < 0 or value <> floor(value)))
        or (measure in ('peer_rank', 'rank_over_years') and (value < 1 or value <> floor(value))),
        true
    ) as suspect,
from typed;
