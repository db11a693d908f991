-- The summaries of the editions asked for. list_contains is a filter DuckDB applies while it
-- scans, before it reads the summaries themselves; a join or `in (select …)` read them all.
select edition_id, summary::varchar as summary,
from edition_summaries
where list_contains($edition_ids::bigint[], edition_id);
