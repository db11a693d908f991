-- The number of the next edition: one more than the last committed. Taken under the writer
-- lock, so no other process can take it; a failed print uses none (a sequence would).
select coalesce(max(id), 0) + 1 as n from editions;
