-- What a source's location holds now, table by table, and a digest of the rows themselves
-- (without their snapshot id): the "before" and "after" of a re-parse.
with of_location as (
    select id from snapshots where source = $source and location = $location
),

r as (select * exclude (snapshot_id) from rankings where snapshot_id in (select id from of_location)),
o as (select * exclude (snapshot_id) from observations where snapshot_id in (select id from of_location)),
f as (select * exclude (snapshot_id) from firms where snapshot_id in (select id from of_location)),
q as (select row_number, row_text, reason, from quarantine where snapshot_id in (select id from of_location)),

final as (
    select
        (select count(*) from r) as rankings,
        (select count(*) from o) as observations,
        (select count(*) from f) as firms,
        (select count(*) from q) as quarantined,
        md5(concat_ws('|',
            (select string_agg(x::varchar, chr(10) order by x::varchar) from r as x),
            (select string_agg(x::varchar, chr(10) order by x::varchar) from o as x),
            (select string_agg(x::varchar, chr(10) order by x::varchar) from f as x),
            (select string_agg(x::varchar, chr(10) order by x::varchar) from q as x)
        )) as digest,
)

select * from final
