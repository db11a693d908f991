-- By hand (`send --edition N --to ADDR --mark-delivered`): someone checked that the mail arrived.
update deliveries
set status = 'sent', sent_at = $now::timestamptz,
    response = coalesce(response || '; ', '') || 'marked delivered by hand',
    error = null
where id = $id and status <> 'sent'
returning id;
