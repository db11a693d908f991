-- The places `build --all` considers: every place a ranking row or an observation names
-- (staging models: the rows of the newest snapshots). The caller keeps the gazetteer's cities;
-- one with nothing the edition shows (only on another list, say) is skipped, and said so.
select city as name from stg_rankings
union
select geo as name from stg_observations
order by name;
