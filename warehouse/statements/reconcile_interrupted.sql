-- Run by a process that holds the writer lock: whatever is still "running" or "sending" was
-- left by a process that died, since only the lock holder writes. The run ended at its last
-- sign of life (the last step it committed), or at its start if it committed none.
update runs
set status = 'interrupted',
    finished_at = coalesce(finished_at, heartbeat_at, started_at),
    error = coalesce(error, 'the process' || coalesce(' (pid ' || pid || ')', '') || ' ended before the run finished')
where status = 'running';
-- An attempt that had not sent the whole mail: the server cannot have it (it drops a mail
-- without its final dot), so it is sent again, with the same Message-ID.
update deliveries
set status = 'pending', next_attempt_at = $now::timestamptz,
    error = 'the process ended during an attempt, before the whole mail was sent (stage ' || stage || '): it will be sent again'
where status = 'sending' and stage in ('connecting', 'connected', 'accepted');
-- An attempt that had sent the whole mail: the server may or may not have taken it. Never
-- retried by itself (at most once); `send --edition N --to ADDR` resends it, or
-- `--mark-delivered` records it as delivered. (An attempt without a stage predates them: unknown too.)
update deliveries
set status = 'unknown', error = 'the process ended after the whole mail was handed to the server, before its reply: it may or may not have been delivered'
where status = 'sending';
