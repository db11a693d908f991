-- The newest edition of each wanted city in each language: what a new build is compared with
-- (its summary is read apart: queries/edition_summaries.sql).
select city_code, language, id, edition_key, fingerprint, edition_date::varchar as edition_date,
from editions
where list_contains($city_codes::varchar[], city_code)
qualify row_number() over (partition by city_code, language order by id desc) = 1;
