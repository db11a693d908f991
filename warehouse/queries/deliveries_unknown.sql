-- Deliveries sent to the server without its reply: it may or may not have the mail.
select d.id, d.edition_id, d.recipient, d.message_id, d.last_attempt_at, d.error,
from deliveries as d
where d.status = 'unknown'
order by d.edition_id, d.id;
