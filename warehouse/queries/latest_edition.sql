-- The newest edition of a city in a language: what a new build is compared with.
select id, edition_key, fingerprint, summary::varchar as summary, edition_date::varchar as edition_date,
from editions
where city_code = $city_code and language = $language
order by id desc
limit 1;
