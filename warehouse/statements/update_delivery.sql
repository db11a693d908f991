update deliveries
set status = $status,
    stage = $stage,
    stage_at = $last_attempt_at::timestamptz,
    attempts = $attempts,
    next_attempt_at = $next_attempt_at::timestamptz,
    last_attempt_at = $last_attempt_at::timestamptz,
    sent_at = $sent_at::timestamptz,
    response = $response,
    error = $error
where id = $id;
