-- The run committed a step: its last sign of life.
update runs set heartbeat_at = $now::timestamptz where id = $id;
