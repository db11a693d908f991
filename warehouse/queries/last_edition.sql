select id, edition_key, city, language, edition_date::varchar as edition_date, fingerprint, pdf_path, pdf_bytes, created_at,
from editions
order by id desc
limit 1;
