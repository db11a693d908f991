-- The last run of each job (scheduled or by hand) and of each command run outside a job.
with ranked as (
    select id, command, job, trigger, started_at, finished_at, status, counts::varchar as counts, error,
        row_number() over (partition by coalesce(job, '#' || command) order by id desc) as nth,
    from runs
),
final as (
    select id, command, job, trigger, started_at, finished_at, status, counts, error,
    from ranked
    where nth = 1
)
select * from final order by job nulls last, command;
