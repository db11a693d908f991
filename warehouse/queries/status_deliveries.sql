-- Deliveries not (yet) sent, and how many were.
select d.id, d.edition_id, d.recipient, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.response, d.error,
from deliveries as d
where d.status <> 'sent'
order by d.edition_id, d.id;
