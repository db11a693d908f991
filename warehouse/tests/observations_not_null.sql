-- Every figure says where, what, when, how it is measured and in what unit.
select *
from stg_observations
where geo is null or indicator is null or period_year is null or measure is null or value is null or unit is null
