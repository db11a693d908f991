// Loads one configured source: read it, keep the raw snapshot, parse it with its adapter,
// and replace what its older snapshots said, all in one transaction.
import { createHash } from 'node:crypto';
import { blobValue } from '@duckdb/node-api';
import type { HttpConfig, RankingListConfig, SourceConfig } from '../config.ts';
import { lookupPlace } from '../geo/places.ts';
import type { Place } from '../sources/contract.ts';
import { decodeBody } from '../sources/decode.ts';
import { fetchLocation } from '../sources/fetch.ts';
import type { HttpDeps } from '../sources/http.ts';
import { loadAdapter } from '../sources/registry.ts';
import type { ParseResult } from '../types.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

export interface LoadOutcome {
  source: string;
  status: 'loaded' | 'unchanged';
  snapshotId: number | null;
  counts: { rankings: number; observations: number; firms: number; quarantined: number };
}

export interface LoadDeps {
  now: () => Date;
  /** The edition's city: what "全市" means when the source names no city. */
  defaultCity: string;
  /** Ranking lists the config adds to data/reference/ranking-lists.csv. */
  rankingLists?: readonly RankingListConfig[];
  /** How http(s) sources are fetched (the config's `http`); defaults when absent. */
  http?: HttpConfig;
  /** Clock, sleep and per-host scheduler of the fetcher; the process-wide ones when absent. */
  httpDeps?: HttpDeps;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface LastSnapshot {
  id: number;
  sha256: string;
  etag: string | null;
  last_modified: string | null;
}

export async function loadSource(wh: Warehouse, source: SourceConfig, deps: LoadDeps): Promise<LoadOutcome> {
  const adapter = await loadAdapter(source.adapter, source.name);
  const [last] = await wh.allFile<LastSnapshot>('statements/last_loaded_snapshot', {
    source: source.name,
    location: source.location,
  });
  const prior = last ? { etag: last.etag, lastModified: last.last_modified } : null;
  const fetched = await fetchLocation(source.location, prior, deps.http, deps.httpDeps);
  const none = { rankings: 0, observations: 0, firms: 0, quarantined: 0 };
  const hash = fetched.notModified ? null : sha256(fetched.bytes);
  if (last && (fetched.notModified || hash === last.sha256)) {
    return { source: source.name, status: 'unchanged', snapshotId: last.id, counts: none };
  }
  const fetchedAt = deps.now().toISOString();
  const { text, encoding } = decodeBody(fetched.bytes, fetched.contentType);
  const snapshot = {
    source: source.name,
    location: source.location,
    fetched_at: fetchedAt,
    sha256: hash!,
    content: blobValue(fetched.bytes),
    content_type: fetched.contentType,
    encoding,
    published: source.published ?? null,
    provenance: source.provenance,
    http_status: fetched.httpStatus,
    etag: fetched.etag,
    last_modified: fetched.lastModified,
  };

  let parsed: ParseResult;
  try {
    const cityName = source.city ?? deps.defaultCity;
    const defaultPlace: Place | null = lookupPlace(cityName);
    parsed = await adapter.parse(text, {
      source: source.name,
      location: source.location,
      published: source.published ?? null,
      defaultPlace,
      lookupPlace,
      settings: source.settings,
      rankingLists: deps.rankingLists ?? [],
      raw: fetched.bytes,
    });
  } catch (err) {
    // Keep the raw page that failed, so it can be looked at; the loaded rows stay as they were.
    await wh.transaction(() =>
      wh.allFile('statements/insert_snapshot', { ...snapshot, status: 'failed', error: (err as Error).message }),
    );
    throw err;
  }

  return wh.transaction(async () => {
    const [{ id }] = await wh.allFile<{ id: number }>('statements/insert_snapshot', { ...snapshot, status: 'loaded', error: null });
    await wh.execFile('statements/upsert_source', {
      name: source.name,
      adapter: source.adapter,
      location: source.location,
      provenance: source.provenance,
    });
    await wh.execFile('statements/delete_rows_of_location', { source: source.name, location: source.location });
    for (const r of parsed.rankings) {
      await wh.execFile('statements/insert_ranking', {
        list: r.list, year: r.year, rank: r.rank, city: r.city, city_zh: r.cityZh,
        province: r.province, score: r.score, snapshot_id: id,
        quote: r.quote ?? null, quote_offset: r.offset ?? null, year_source: r.yearSource ?? null, tied: r.tied ?? false,
      });
    }
    for (const o of parsed.observations) {
      await wh.execFile('statements/insert_observation', {
        geo: o.geo, geo_zh: o.geoZh, indicator: o.indicator, period_year: o.periodYear,
        month_from: o.monthFrom, month_to: o.monthTo, measure: o.measure, value: o.value,
        unit: o.unit, comparison_group: o.comparisonGroup, snapshot_id: id,
        quote: o.quote ?? null, quote_offset: o.offset ?? null, year_source: o.yearSource ?? null,
      });
    }
    for (const f of parsed.firms) {
      await wh.execFile('statements/insert_firm', {
        city: f.city, city_zh: f.cityZh, role: f.role, cluster: f.cluster,
        cluster_zh: f.clusterZh, firm: f.firm, firm_zh: f.firmZh, snapshot_id: id,
      });
    }
    for (const q of parsed.flagged) {
      await wh.execFile('statements/insert_quarantine', { snapshot_id: id, row_number: q.row, row_text: q.raw, reason: q.reason });
    }
    return {
      source: source.name,
      status: 'loaded' as const,
      snapshotId: id,
      counts: {
        rankings: parsed.rankings.length,
        observations: parsed.observations.length,
        firms: parsed.firms.length,
        quarantined: parsed.flagged.length,
      },
    };
  });
}
