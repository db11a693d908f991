-- On demand only: a failed or uncertain delivery is tried again.
update deliveries
set status = 'pending', next_attempt_at = $now::timestamptz, error = null
where id = $id and status in ('failed', 'unknown');
