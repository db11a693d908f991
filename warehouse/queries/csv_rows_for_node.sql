-- The rows of a bulk CSV that are not certainly clean (not plain, an unknown place, a value
-- near a limit), in file order, for the Node code to decide with the words it always used.
select r.row_number, r.line, r.line_offset,
from csv_records as r
left join csv_places as p on p.name = r.geo_text
where not r.plain or r.suspect or p.geo is null
order by r.row_number;
