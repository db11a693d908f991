-- The place names the plain rows of a bulk CSV use, for the gazetteer to resolve.
select distinct geo_text as name from csv_records where plain;
