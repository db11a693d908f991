-- How far the last attempt of each delivery got, so that a crash can be told apart from a
-- delivery: connecting | connected | accepted (354 to DATA) | data (the whole mail sent but
-- the final dot) | replied. Before "data" the server cannot have the mail and it is retried;
-- at "data" without a reply it is "unknown" (see pipelines/deliver/send.ts).
alter table deliveries add column if not exists stage varchar;
alter table deliveries add column if not exists stage_at timestamptz;
