-- The links of each listing whose last read failed, with why: a dead link, a login wall, a changed layout.
select listing, url, title, strftime(listed_date, '%Y-%m-%d') as listed_date, error,
from listing_links
where state = 'failed'
order by listing, listed_date desc nulls last, url;
