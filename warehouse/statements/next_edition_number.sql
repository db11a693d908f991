-- The number of the next edition: one more than the last committed. Taken under the writer
-- lock, so no other process can take it; a failed print uses none (a sequence would).
-- Read with order by/limit, not max(): a prepared max(id) here answered from stale statistics
-- once the edition before it, in the same process, had committed.
select coalesce((select id from editions order by id desc limit 1), 0) + 1 as n;
