-- The result of reading one link: loaded (or unchanged), a mirror of another page, or failed.
update listing_links set
    state = $state,
    tried_at = $tried_at::timestamptz,
    loaded_date = case when $state = 'failed' then loaded_date else listed_date end,
    snapshot_id = coalesce($snapshot_id, snapshot_id),
    mirror_of = $mirror_of,
    error = $error
where listing = $listing and url = $url;
