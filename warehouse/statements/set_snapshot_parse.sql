-- The outcome of parsing a stored snapshot: loaded (its rows are in) or failed (with the error),
-- with the charset it was decoded with and what parsed it (adapter, version, settings).
update snapshots
set status = $status, error = $error, encoding = $encoding, adapter = $adapter, adapter_version = $adapter_version,
    settings_sha256 = $settings_sha256, parsed_at = $parsed_at::timestamptz
where id = $id;
