insert into editions (
    id, edition_key, city, language, edition_date, data_cutoff, fingerprint, pdf_path, html_path, pdf_bytes, run_id, created_at
)
values (
    $id, $edition_key, $city, $language, $edition_date::date, $data_cutoff, $fingerprint, $pdf_path, $html_path, $pdf_bytes, $run_id, now()
)
returning id;
