-- The row, its summary and its deliveries commit together (the caller's transaction). The
-- summary has a table of its own (migration 053).
insert into editions (
    id, edition_key, city, city_code, language, edition_date, data_cutoff, fingerprint, pdf_path, html_path, pdf_bytes, run_id, created_at
)
values (
    $id, $edition_key, $city, $city_code, $language, $edition_date::date, $data_cutoff, $fingerprint, $pdf_path, $html_path, $pdf_bytes, $run_id, now()
);

insert into edition_summaries (edition_id, summary) values ($id, $summary::json);
