-- The stored page of a listing at a location: its validators for a conditional request, and its
-- bytes, read again when the server answers 304.
select sha256, content, content_type, etag, last_modified,
from listing_pages
where listing = $listing and location = $location;
