insert into source_checks (source, run_id, checked_at, outcome, snapshot_id, error)
values ($source, $run_id, $checked_at::timestamptz, $outcome, $snapshot_id, $error);
