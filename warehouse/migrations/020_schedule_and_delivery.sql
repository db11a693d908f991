-- Schedules and delivery: which job a run belongs to, each source check (for freshness),
-- a summary of each edition's figures (to say what changed), and one row per
-- (edition, recipient) so that a mail is sent at most once.

alter table runs add column if not exists job varchar;          -- the configured job, when a job ran

alter table editions add column if not exists summary json;     -- the headline figures, see pipelines/deliver/changes.ts

create sequence if not exists source_check_id_seq start 1;
create sequence if not exists delivery_id_seq start 1;

-- One row per source per load: unchanged reads leave no snapshot, so freshness lives here.
create table if not exists source_checks (
    id bigint primary key default nextval('source_check_id_seq'),
    source varchar not null,
    run_id bigint,
    checked_at timestamptz not null,
    outcome varchar not null,            -- loaded | unchanged | failed
    snapshot_id bigint,
    error varchar
);

create table if not exists deliveries (
    id bigint primary key default nextval('delivery_id_seq'),
    edition_id bigint not null,
    recipient varchar not null,
    status varchar not null,             -- pending | sending | sent | failed | unknown
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_attempt_at timestamptz,
    sent_at timestamptz,
    message_id varchar not null,
    response varchar,                    -- the server's reply to the last attempt
    error varchar,
    created_at timestamptz not null,
    unique (edition_id, recipient)
);
