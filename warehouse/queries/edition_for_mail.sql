-- An edition with the summary of the edition before it (same city and language), for the mail.
with this_edition as (
    select * from editions where id = $id
),
previous as (
    select e.id, e.summary,
    from editions as e, this_edition as t
    where coalesce(e.city_code, e.city) = coalesce(t.city_code, t.city) and e.language = t.language and e.id < t.id
    order by e.id desc
    limit 1
),
final as (
    select t.id, t.edition_key, t.city, t.city_code, t.language, t.edition_date::varchar as edition_date, t.data_cutoff,
        t.pdf_path, t.pdf_bytes, t.summary::varchar as summary,
        p.id as previous_id, p.summary::varchar as previous_summary,
    from this_edition as t
    left join previous as p on true
)
select * from final;
