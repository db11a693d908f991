-- Listings: a publisher's column of releases, walked page by page. Each page of the listing is
-- kept (raw bytes and validators, for the next conditional request), and each link it lists that
-- the source follows is kept with its state, so a link already loaded is not fetched again.

create table if not exists listing_pages (
    listing varchar not null,            -- the listing source's name
    location varchar not null,           -- URL of one page of the listing
    page_number integer not null,        -- 1 for the listing's location, 2 for the next page, ...
    checked_at timestamptz not null,
    changed_at timestamptz not null,     -- when a body different from the last one was read
    sha256 varchar not null,
    content blob not null,               -- the raw bytes as read, before any decoding
    content_type varchar,
    etag varchar,
    last_modified varchar,
    primary key (listing, location)
);

create sequence if not exists listing_link_seq start 1;

create table if not exists listing_links (
    listing varchar not null,
    url varchar not null,                -- absolute, as resolved on the listing page
    title varchar not null,
    listed_date date,                    -- the date printed beside the link, when there is one
    first_seen_at timestamptz not null,
    seen_order bigint not null default nextval('listing_link_seq'),  -- order of first sight: page order on the listing
    last_seen_at timestamptz not null,
    state varchar not null,              -- new | changed (a new date beside it) | loaded | mirror | failed
    loaded_date date,                    -- the listed date when it was last read
    tried_at timestamptz,
    snapshot_id bigint,                  -- the snapshot it loaded as
    mirror_of varchar,                   -- the URL whose snapshot holds the same bytes
    error varchar,                       -- why the last try failed
    primary key (listing, url)
);
