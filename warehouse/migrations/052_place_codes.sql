-- Places are keyed by their division code (GB/T 2260, six digits: 西安 610100; an NBS region by
-- its id, west), names are labels: Suzhou is 苏州 (320500) or 宿州 (341300). Rows loaded before
-- carry only labels; each gets the code of the one place its English and Chinese labels name in
-- the reference files ($cities_csv, $counties_csv, bound by the migration runner). A row whose labels
-- name several places (an English name alone, two cities share it) keeps a null code: nothing is
-- dropped, and `xian-report reparse` reads it again from its snapshot.
alter table observations add column if not exists geo_code varchar;
alter table rankings add column if not exists city_code varchar;
alter table firms add column if not exists city_code varchar;
alter table editions add column if not exists city_code varchar;

create or replace temp table reference_places as
with cities as (
    select
        rpad(code, 6, '0') as code,
        name_en,
        name_zh,
        short_zh,
        -- As the gazetteer reads a bare short name: a city first (吉林), then a province, then a prefecture.
        case kind when 'province' then 1 when 'autonomous_region' then 1 when 'prefecture' then 2 else 0 end as kind_rank,
    from read_csv($cities_csv, header = true, all_varchar = true)
),

counties as (
    select code, name_en, name_zh, short_zh, 0 as kind_rank,
    from read_csv($counties_csv, header = true, all_varchar = true)
),

regions as (
    select * from (values
        ('east', 'eastern China', '东部', '东部', 0),
        ('central', 'central China', '中部', '中部', 0),
        ('west', 'western China', '西部', '西部', 0),
        ('northeast', 'northeastern China', '东北', '东北', 0)
    ) as r(code, name_en, name_zh, short_zh, kind_rank)
)

select * from cities
union all
select * from counties
union all
select * from regions;

-- Every pair of labels the rows use, with the one code it names (pairs naming several are left out).
create or replace temp table labelled_places as
with labels as (
    select distinct geo as label_en, geo_zh as label_zh from observations where geo_code is null
    union
    select distinct city, city_zh from rankings where city_code is null
    union
    select distinct city, city_zh from firms where city_code is null
),

candidates as (
    select l.label_en, l.label_zh, p.code, p.kind_rank,
    from labels as l
    join reference_places as p
        on p.name_en = l.label_en
        and (l.label_zh is null or l.label_zh in (p.short_zh, p.name_zh))
),

best as (
    select *,
    from candidates
    qualify kind_rank = min(kind_rank) over (partition by label_en, label_zh)
)

select label_en, label_zh, any_value(code) as code,
from best
group by label_en, label_zh
having count(distinct code) = 1;

update observations
set geo_code = l.code
from labelled_places as l
where observations.geo_code is null and observations.geo = l.label_en and observations.geo_zh is not distinct from l.label_zh;

update rankings
set city_code = l.code
from labelled_places as l
where rankings.city_code is null and rankings.city = l.label_en and rankings.city_zh is not distinct from l.label_zh;

update firms
set city_code = l.code
from labelled_places as l
where firms.city_code is null and firms.city = l.label_en and firms.city_zh is not distinct from l.label_zh;

-- An edition's city is what the config named: an English name (Xi'an), a Chinese one or a code.
update editions
set city_code = p.code
from (
    select e.city, any_value(r.code) as code,
    from (select distinct city from editions where city_code is null) as e
    join reference_places as r
        on r.kind_rank = 0 and length(r.code) = 6 and r.code like '%00'
        and e.city in (r.name_en, r.short_zh, r.name_zh, r.code)
    group by e.city
    having count(distinct r.code) = 1
) as p
where editions.city_code is null and editions.city = p.city;

drop table labelled_places;
drop table reference_places;
