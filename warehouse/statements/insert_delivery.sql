-- At most one row per (edition, recipient): queuing again is a no-op.
insert into deliveries (edition_id, recipient, status, attempts, next_attempt_at, message_id, created_at)
values ($edition_id, $recipient, 'pending', 0, $now::timestamptz, $message_id, $now::timestamptz)
on conflict do nothing;
