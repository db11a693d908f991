-- Every snapshot whose rows the edition can read, with where it came from.
with used as (
    select snapshot_id from stg_rankings
    union select snapshot_id from stg_observations
    union select snapshot_id from named_firms
),

final as (
    select s.snapshot_id, s.source, s.location, s.fetched_at, s.sha256, s.published, s.provenance, s.adapter, s.adapter_version,
    from stg_snapshots as s
    where s.snapshot_id in (select snapshot_id from used)
)

select * from final
