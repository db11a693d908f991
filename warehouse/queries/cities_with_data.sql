-- The places `build --all` considers: the division code of every place a ranking row or an
-- observation names (staging models: the rows of the newest snapshots). The caller keeps the
-- gazetteer's cities; one with nothing the edition shows (only on another list, say) is skipped,
-- and said so. Rows without a code (a name the gazetteer does not know) are left out.
select city_code as code from stg_rankings where city_code is not null
union
select geo_code as code from stg_observations where geo_code is not null
order by code;
