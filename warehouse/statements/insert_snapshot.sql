-- The first step of a load: the raw bytes as read, before any parse ('stored').
insert into snapshots (
    source, location, fetched_at, sha256, content, content_type, encoding,
    published, provenance, status, error, http_status, etag, last_modified
)
values (
    $source, $location, $fetched_at::timestamptz, $sha256, $content, $content_type, $encoding,
    $published::date, $provenance, 'stored', null, $http_status, $etag, $last_modified
)
returning id;
