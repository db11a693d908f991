-- An attempt begins: committed before any connection is opened.
update deliveries
set status = 'sending', stage = 'connecting', stage_at = $now::timestamptz,
    attempts = $attempts, last_attempt_at = $now::timestamptz
where id = $id;
