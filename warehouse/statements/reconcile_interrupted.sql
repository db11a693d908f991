-- Run by a process that has just taken the writer lock: whatever is still "running" or
-- "sending" was left by a process that died, since only the lock holder writes.
update runs
set status = 'interrupted', finished_at = coalesce(finished_at, $now::timestamptz),
    error = coalesce(error, 'the process ended before the run finished')
where status = 'running';
-- A mail that was being handed to the server when the process died may or may not have been
-- taken: it is not retried by itself (at most once); `send --edition N --to ADDR` resends it.
update deliveries
set status = 'unknown', error = 'the process ended while handing this mail to the server: it may or may not have been delivered'
where status = 'sending';
