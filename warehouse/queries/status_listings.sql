-- Each listing: how many links it holds, the newest, and how many it loaded that are new since the latest edition.
with last_edition as (
    select max(created_at) as created_at from editions
),
links as (
    select l.*, row_number() over (partition by listing order by listed_date desc nulls last, first_seen_at desc) as recency,
    from listing_links as l
),
final as (
    select
        listing,
        count(*) as links,
        count(*) filter (where state = 'loaded' and first_seen_at > coalesce((select created_at from last_edition), '-infinity'::timestamptz)) as new_since_edition,
        count(*) filter (where state in ('new', 'changed')) as waiting,
        count(*) filter (where state = 'failed') as failed,
        count(*) filter (where state = 'mirror') as mirrors,
        max(url) filter (where recency = 1) as newest_url,
        max(title) filter (where recency = 1) as newest_title,
        strftime(max(listed_date) filter (where recency = 1), '%Y-%m-%d') as newest_date,
        max(state) filter (where recency = 1) as newest_state,
    from links
    group by listing
)
select * from final order by listing;
