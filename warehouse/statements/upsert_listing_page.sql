-- One page of a listing as just read: a new body replaces the stored one; a 304 or the same body
-- only moves checked_at.
insert into listing_pages (
    listing, location, page_number, checked_at, changed_at, sha256, content, content_type, etag, last_modified
)
values (
    $listing, $location, $page_number, $checked_at::timestamptz, $checked_at::timestamptz, $sha256, $content,
    $content_type, $etag, $last_modified
)
on conflict (listing, location) do update set
    page_number = excluded.page_number,
    checked_at = excluded.checked_at,
    changed_at = case when listing_pages.sha256 = excluded.sha256 then listing_pages.changed_at else excluded.changed_at end,
    sha256 = excluded.sha256,
    content = excluded.content,
    content_type = excluded.content_type,
    etag = coalesce(excluded.etag, listing_pages.etag),
    last_modified = coalesce(excluded.last_modified, listing_pages.last_modified);
