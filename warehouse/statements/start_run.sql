insert into runs (command, trigger, started_at, status)
values ($command, $trigger, $started_at::timestamptz, 'running')
returning id;
