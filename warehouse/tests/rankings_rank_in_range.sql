-- Ranks are positive; scores, where given, are not negative.
select list, year, city, rank, score
from stg_rankings
where rank is null or rank < 1 or rank > 1000 or score < 0
