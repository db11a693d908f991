-- Every figure keeps its words: the clause or row it was read from, where that stands in the
-- snapshot's text, and where its year came from, so an edition can cite it and a reader check it.
alter table observations add column if not exists quote varchar;
alter table observations add column if not exists quote_offset integer;
alter table observations add column if not exists year_source varchar;
alter table rankings add column if not exists quote varchar;
alter table rankings add column if not exists quote_offset integer;
alter table rankings add column if not exists year_source varchar;
alter table rankings add column if not exists tied boolean default false;
