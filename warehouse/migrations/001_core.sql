-- The core of the warehouse: what was read (sources, snapshots), what it said
-- (observations, rankings, firms), what was refused (quarantine), and what was made
-- of it (runs, editions). Every loaded row points at the snapshot it came from.

create sequence if not exists snapshot_id_seq start 1;
create sequence if not exists quarantine_id_seq start 1;
create sequence if not exists run_id_seq start 1;
create sequence if not exists edition_id_seq start 1;

create table if not exists sources (
    name varchar primary key,
    adapter varchar not null,
    location varchar not null,
    provenance varchar,
    updated_at timestamptz not null
);

create table if not exists snapshots (
    id bigint primary key default nextval('snapshot_id_seq'),
    source varchar not null,
    location varchar not null,           -- URL or file path as configured
    fetched_at timestamptz not null,
    sha256 varchar not null,
    content blob not null,               -- the raw bytes as read, before any decoding
    content_type varchar,
    encoding varchar,
    published date,                      -- publication date of the page, when known
    provenance varchar,
    status varchar not null,             -- loaded | failed
    error varchar,
    http_status integer,
    etag varchar,
    last_modified varchar
);

create table if not exists observations (
    geo varchar not null,
    geo_zh varchar,
    indicator varchar not null,
    period_year integer not null,
    month_from integer not null,
    month_to integer not null,
    measure varchar not null,
    value double not null,
    unit varchar not null,
    comparison_group varchar,
    snapshot_id bigint not null
);

create table if not exists rankings (
    list varchar not null,
    year integer not null,
    rank integer not null,
    city varchar not null,
    city_zh varchar not null,
    province varchar,
    score double,
    snapshot_id bigint not null
);

create table if not exists firms (
    city varchar not null,
    city_zh varchar not null,
    role varchar not null,               -- cluster_leader | peer_giant
    cluster varchar,
    cluster_zh varchar,
    firm varchar not null,
    firm_zh varchar,
    snapshot_id bigint not null
);

create table if not exists quarantine (
    id bigint primary key default nextval('quarantine_id_seq'),
    snapshot_id bigint not null,
    row_number integer,
    row_text varchar not null,
    reason varchar not null,
    created_at timestamptz not null
);

create table if not exists runs (
    id bigint primary key default nextval('run_id_seq'),
    command varchar not null,            -- run | build | a scheduled job's name
    trigger varchar not null,            -- manual | schedule | catch-up
    started_at timestamptz not null,
    finished_at timestamptz,
    status varchar not null,             -- running | ok | failed
    counts json,
    error varchar
);

create table if not exists editions (
    id bigint primary key default nextval('edition_id_seq'),
    edition_key varchar not null unique, -- the folder name under out/editions/
    city varchar not null,
    language varchar not null,
    edition_date date not null,
    data_cutoff varchar not null,
    fingerprint varchar not null,
    pdf_path varchar not null,
    html_path varchar not null,
    pdf_bytes bigint not null,
    run_id bigint,
    created_at timestamptz not null
);
