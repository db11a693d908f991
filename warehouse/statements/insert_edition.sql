-- The summary goes in with the row: DuckDB refuses an update of a keyed row inserted in the
-- same transaction ("duplicate key"), and the row, its summary and its deliveries commit together.
insert into editions (
    id, edition_key, city, city_code, language, edition_date, data_cutoff, fingerprint, pdf_path, html_path, pdf_bytes, run_id, summary, created_at
)
values (
    $id, $edition_key, $city, $city_code, $language, $edition_date::date, $data_cutoff, $fingerprint, $pdf_path, $html_path, $pdf_bytes, $run_id, $summary::json, now()
)
returning id;
