-- Each source's freshness: last checked, last changed (a new snapshot loaded), last error.
with checks as (
    select source,
        max(checked_at) as last_checked_at,
        max(checked_at) filter (where outcome = 'failed') as last_error_at,
    from source_checks
    group by source
),
changes as (
    select source, max(fetched_at) as last_changed_at,
    from snapshots
    where status = 'loaded'
    group by source
),
last_error as (
    select source, error,
    from source_checks
    where outcome = 'failed'
    qualify row_number() over (partition by source order by id desc) = 1
),
last_outcome as (
    select source, outcome,
    from source_checks
    qualify row_number() over (partition by source order by id desc) = 1
),
names as (
    select source from checks union select source from changes
),
final as (
    select n.source, c.last_checked_at, o.outcome as last_outcome, g.last_changed_at, c.last_error_at, e.error as last_error,
    from names as n
    left join checks as c using (source)
    left join changes as g using (source)
    left join last_error as e using (source)
    left join last_outcome as o using (source)
)
select * from final order by source;
