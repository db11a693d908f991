insert into runs (command, job, trigger, started_at, status, pid, heartbeat_at)
values ($command, $job, $trigger, $started_at::timestamptz, 'running', $pid, $started_at::timestamptz)
returning id;
