insert into quarantine (snapshot_id, row_number, row_text, reason, created_at)
values ($snapshot_id, $row_number, $row_text, $reason, now());
