-- The links of a listing to read now: new ones and those with a new date beside them, newest first.
select url, title, strftime(listed_date, '%Y-%m-%d') as listed_date, state,
from listing_links
where listing = $listing and state in ('new', 'changed')
order by listed_date desc nulls last, seen_order;
