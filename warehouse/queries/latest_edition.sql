-- The newest edition of a city in a language: what a new build is compared with.
select id, edition_key, fingerprint, summary::varchar as summary,
from editions
where city = $city and language = $language
order by id desc
limit 1;
