-- The attempt got one step further; committed before the next step starts.
update deliveries
set stage = $stage, stage_at = $now::timestamptz
where id = $id and status = 'sending';
