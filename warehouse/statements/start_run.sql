insert into runs (command, job, trigger, started_at, status)
values ($command, $job, $trigger, $started_at::timestamptz, 'running')
returning id;
