-- A run's process and its last sign of life, so that a run whose process died is recorded
-- as interrupted at the moment it was last seen working, not when someone noticed.
alter table runs add column if not exists pid integer;
alter table runs add column if not exists heartbeat_at timestamptz;
