update runs
set finished_at = $finished_at::timestamptz, status = $status, counts = $counts::json, error = $error
where id = $id;
