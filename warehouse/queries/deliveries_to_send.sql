-- Deliveries to attempt now: pending ones whose backoff has passed (or all pending ones, on
-- demand), optionally of one edition and to one address.
select d.id, d.edition_id, d.recipient, d.attempts, d.message_id,
from deliveries as d
where d.status = 'pending'
    and ($ignore_backoff or d.next_attempt_at <= $now::timestamptz)
    and ($edition_id::bigint is null or d.edition_id = $edition_id::bigint)
    and ($recipient::varchar is null or lower(d.recipient) = lower($recipient::varchar))
order by d.edition_id, d.id;
