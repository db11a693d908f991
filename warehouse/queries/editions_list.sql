select e.id, e.edition_key, e.edition_date::varchar as edition_date, e.fingerprint, e.pdf_path, e.pdf_bytes, e.created_at,
    r.trigger, coalesce(r.job, r.command) as made_by,
    (select count(*) from deliveries as d where d.edition_id = e.id and d.status = 'sent') as sent,
    (select count(*) from deliveries as d where d.edition_id = e.id and d.status <> 'sent') as not_sent,
from editions as e
left join runs as r on r.id = e.run_id
order by e.id;
