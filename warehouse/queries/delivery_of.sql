select id, edition_id, recipient, status, attempts, sent_at, response, error,
from deliveries
where edition_id = $edition_id and lower(recipient) = lower($recipient);
