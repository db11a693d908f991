-- An edition's summary (its headline figures, some 30 KB of JSON) moves to a table of its own,
-- with no key. In `editions`, which has a primary key and a unique key, every insert made DuckDB
-- load the table's whole summary column: with 2,000 editions, 160 ms and 250 MB of memory per
-- insert, growing with the history. Summaries are read by edition id, with a list DuckDB can
-- filter the scan by (queries/edition_summaries.sql), so a read loads only the ones asked for.
-- editions.summary stays, emptied: DuckDB cannot drop a column of a table that has indexes.
create table if not exists edition_summaries (
    edition_id bigint not null,
    summary json
);

insert into edition_summaries
select id, summary
from editions
where summary is not null and id not in (select edition_id from edition_summaries);

update editions set summary = null where summary is not null;
