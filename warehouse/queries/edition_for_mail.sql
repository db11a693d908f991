-- An edition and the edition before it (same city and language), for the mail; both summaries
-- are read apart (queries/edition_summaries.sql).
with this_edition as (
    select * from editions where id = $id
),
previous as (
    select e.id,
    from editions as e, this_edition as t
    where coalesce(e.city_code, e.city) = coalesce(t.city_code, t.city) and e.language = t.language and e.id < t.id
    order by e.id desc
    limit 1
),
final as (
    select t.id, t.edition_key, t.city, t.city_code, t.language, t.edition_date::varchar as edition_date, t.data_cutoff,
        t.pdf_path, t.pdf_bytes,
        p.id as previous_id,
    from this_edition as t
    left join previous as p on true
)
select * from final;
