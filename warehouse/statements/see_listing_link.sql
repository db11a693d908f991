-- A link the listing shows and the source follows. A new one is "new"; one already read whose
-- date beside it changed is "changed" (read again, conditionally); one that failed is tried
-- again when the listing page that shows it was read fresh ($fresh), not on a 304.
insert into listing_links (listing, url, title, listed_date, first_seen_at, last_seen_at, state)
values ($listing, $url, $title, $listed_date::date, $seen_at::timestamptz, $seen_at::timestamptz, 'new')
on conflict (listing, url) do update set
    title = excluded.title,
    listed_date = coalesce(excluded.listed_date, listing_links.listed_date),
    last_seen_at = excluded.last_seen_at,
    state = case
        when listing_links.state in ('loaded', 'mirror')
            and excluded.listed_date is not null
            and excluded.listed_date is distinct from listing_links.loaded_date then 'changed'
        when listing_links.state = 'failed' and $fresh then 'new'
        else listing_links.state
    end;
