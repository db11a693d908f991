insert or replace into sources (name, adapter, location, provenance, updated_at)
values ($name, $adapter, $location, $provenance, now());
