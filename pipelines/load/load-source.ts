// Loads one configured source in two steps: store the raw snapshot of what was read, then
// parse the stored snapshot with the source's adapter, replacing what the location's older
// snapshots said in one transaction. Because parsing reads the stored bytes, a parse can be
// run again without fetching (`parseSnapshot`, used by `run` after an adapter change and by
// `xian-report reparse`).
import { createHash } from 'node:crypto';
import { blobValue } from '@duckdb/node-api';
import type { FilesConfig, HttpConfig, RankingListConfig, SourceConfig } from '../config.ts';
import { printable, UnchangedFailedError } from '../errors.ts';
import { lookupPlace, userPlace } from '../geo/places.ts';
import type { ParseContext, SourceAdapter } from '../sources/contract.ts';
import { chooseEncoding, decodeBody } from '../sources/decode.ts';
import { fetchLocation, type Fetched } from '../sources/fetch.ts';
import type { HttpDeps } from '../sources/http.ts';
import { loadAdapter } from '../sources/registry.ts';
import { emptyParseResult, type FlaggedRow, type ParseResult } from '../types.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { stageParsedRows } from './append-rows.ts';
import { BULK_MIN_BYTES, stageCsvObservations } from './bulk-csv.ts';

export interface RowCounts {
  rankings: number;
  observations: number;
  firms: number;
  quarantined: number;
}

export interface LoadOutcome {
  source: string;
  status: 'loaded' | 'unchanged';
  snapshotId: number | null;
  counts: RowCounts;
  /**
   * Set when the page had not changed but its stored snapshot was parsed again: the adapter
   * (or its version) is not the one that parsed it, or a load stopped between its two steps.
   * `from` is "kind@version" of the previous parse, null when it was never parsed.
   */
  reparsed?: { from: string | null; to: string; because: string };
}

/** What parsing a stored snapshot needs besides the snapshot and the adapter. */
export interface ParseDeps {
  now: () => Date;
  /** The edition's city: what "全市" means when the source names no city. */
  defaultCity: string;
  /** Ranking lists the config adds to data/reference/ranking-lists.csv. */
  rankingLists?: readonly RankingListConfig[];
  /** A table-csv snapshot of at least this many bytes takes the bulk path (pipelines/load/bulk-csv.ts); tests set 0. */
  bulkMinBytes?: number;
  /** Finds the adapter of a kind; the registry's when absent (a test can pass another version). */
  adapterOf?: (kind: string, source: string) => Promise<SourceAdapter>;
}

export interface LoadDeps extends ParseDeps {
  /** How http(s) sources are fetched (the config's `http`); defaults when absent. */
  http?: HttpConfig;
  /** How file sources are read (the config's `files`); defaults when absent. */
  files?: FilesConfig;
  /** Clock, sleep and per-host scheduler of the fetcher; the process-wide ones when absent. */
  httpDeps?: HttpDeps;
  /** Reads the location; fetchLocation when absent (a listing hands over the bytes it already read). */
  fetchLocation?: typeof fetchLocation;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** "table-csv@2": which parser made a snapshot's rows. */
export const parserOf = (kind: string | null, version: number | null): string | null => (kind ? `${kind}@${version ?? '?'}` : null);

/** A hash of what the config gives a parse besides the bytes: settings, publication date, city. */
export function settingsHashOf(source: SourceConfig, defaultCity: string): string {
  const inputs = { settings: source.settings, published: source.published ?? null, city: source.city ?? defaultCity };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

interface SnapshotRef {
  id: number;
  sha256: string;
  etag: string | null;
  last_modified: string | null;
  status: 'stored' | 'loaded' | 'failed';
  error: string | null;
  adapter: string | null;
  adapter_version: number | null;
  settings_sha256: string | null;
}

/** Why a stored snapshot must be parsed again for this adapter and settings, or null when it need not. */
function staleBecause(snap: SnapshotRef, adapter: SourceAdapter, settingsHash: string): string | null {
  if (snap.status === 'stored') return 'it was stored but never parsed';
  if (snap.adapter !== adapter.kind) return `the adapter is now ${adapter.kind}`;
  if (snap.adapter_version !== adapter.version) return `${adapter.kind} is now version ${adapter.version}`;
  if (snap.settings_sha256 == null) return 'it was parsed before parses were recorded';
  if (snap.settings_sha256 !== settingsHash) return "the source's settings changed";
  return null;
}

export async function loadSource(wh: Warehouse, source: SourceConfig, deps: LoadDeps): Promise<LoadOutcome> {
  const adapter = await (deps.adapterOf ?? loadAdapter)(source.adapter, source.name);
  const where = { source: source.name, location: source.location };
  const [latest] = await wh.allFile<SnapshotRef>('statements/latest_snapshot', where);
  const [loaded] = latest?.status === 'loaded' ? [latest] : await wh.allFile<SnapshotRef>('statements/last_loaded_snapshot', where);
  // The validators of the newest snapshot, so that a 304 means "the bytes of `latest`".
  const prior = latest ? { etag: latest.etag, lastModified: latest.last_modified } : null;
  const fetched = await (deps.fetchLocation ?? fetchLocation)(source.location, prior, deps.http, deps.httpDeps, deps.files);
  const hash = fetched.notModified ? null : sha256(fetched.bytes);
  const same = fetched.notModified ? latest : [latest, loaded].find((s) => s && s.sha256 === hash);

  if (same) {
    const because = staleBecause(same, adapter, settingsHashOf(source, deps.defaultCity));
    if (!because && same.status === 'loaded') return { source: source.name, status: 'unchanged', snapshotId: same.id, counts: noRows() };
    if (!because) throw new UnchangedFailedError(source.location, same.id, same.error);
    // Parsed by another adapter, version or settings, or never parsed: parse the stored bytes, fetched no more.
    const counts = await parseNaming(same.id, () => parseSnapshot(wh, same.id, source, adapter, deps));
    return {
      source: source.name,
      status: 'loaded',
      snapshotId: same.id,
      counts,
      reparsed: { from: parserOf(same.adapter, same.adapter_version), to: parserOf(adapter.kind, adapter.version)!, because },
    };
  }

  const id = await storeSnapshot(wh, source, fetched, hash!, deps.now());
  const counts = await parseNaming(id, () => parseSnapshot(wh, id, source, adapter, deps, fetched.bytes));
  return { source: source.name, status: 'loaded', snapshotId: id, counts };
}

const failedSnapshots = new WeakMap<Error, number>();

/** Runs a parse; an error it throws remembers the snapshot (see failedSnapshotOf). */
async function parseNaming<T>(snapshotId: number, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (err) {
    if (err instanceof Error) failedSnapshots.set(err, snapshotId);
    throw err;
  }
}

/** The snapshot a failed load stored (or found unchanged) before it failed, for the source's check. */
export function failedSnapshotOf(err: unknown): number | null {
  if (err instanceof UnchangedFailedError) return err.snapshotId;
  return err instanceof Error ? (failedSnapshots.get(err) ?? null) : null;
}

const noRows = (): RowCounts => ({ rankings: 0, observations: 0, firms: 0, quarantined: 0 });

/** The first step: the raw bytes as read, with how they were read, kept as a snapshot ('stored'). Returns its id. */
export async function storeSnapshot(wh: Warehouse, source: SourceConfig, fetched: Fetched, hash: string, now: Date): Promise<number> {
  const [{ id }] = await wh.transaction(() =>
    wh.allFile<{ id: number }>('statements/insert_snapshot', {
      source: source.name,
      location: source.location,
      fetched_at: now.toISOString(),
      sha256: hash,
      content: blobValue(fetched.bytes),
      content_type: fetched.contentType,
      encoding: null, // the parse step decodes, and records the charset it used
      published: source.published ?? null,
      provenance: source.provenance,
      http_status: fetched.httpStatus,
      etag: fetched.etag,
      last_modified: fetched.lastModified,
    }),
  );
  return id;
}

interface StoredSnapshot {
  id: number;
  location: string;
  content: Uint8Array;
  content_type: string | null;
  status: 'stored' | 'loaded' | 'failed';
}

/**
 * The second step: parses the stored snapshot `snapshotId` with `adapter` and, in one
 * transaction, replaces the rows and quarantined rows of the source's location with what it
 * read and records the adapter and version on the snapshot. When the parse throws, the rows
 * stay as they were: a snapshot that had loaded stays loaded (its rows are still the
 * warehouse's), any other is marked failed with the error; the error is rethrown, made
 * printable. `stored` is the snapshot's content when the caller has it (it has just stored it).
 */
export async function parseSnapshot(
  wh: Warehouse,
  snapshotId: number,
  source: SourceConfig,
  adapter: SourceAdapter,
  deps: Pick<ParseDeps, 'now' | 'defaultCity' | 'rankingLists' | 'bulkMinBytes'>,
  stored?: Uint8Array,
): Promise<RowCounts> {
  // The caller that has just stored the bytes passes them: a large file is not read back.
  const [snap] = await wh.allFile<StoredSnapshot>(stored ? 'queries/snapshot_to_parse_known' : 'queries/snapshot_to_parse', { id: snapshotId });
  if (!snap) throw new Error(`no snapshot ${snapshotId} in the warehouse`);
  const bytes = stored ?? snap.content;
  const encoding = chooseEncoding(bytes, snap.content_type);
  const outcome = {
    id: snapshotId,
    encoding,
    adapter: adapter.kind,
    adapter_version: adapter.version,
    settings_sha256: settingsHashOf(source, deps.defaultCity),
  };
  const ctx: ParseContext = {
    source: source.name,
    location: snap.location,
    published: source.published ?? null,
    defaultPlace: userPlace(source.city ?? deps.defaultCity),
    defaultPlaceAssumed: source.city == null ? 'edition-city' : undefined,
    lookupPlace,
    settings: source.settings,
    rankingLists: deps.rankingLists ?? [],
    raw: bytes,
  };

  try {
    // Parsed (or, for a large CSV, staged by DuckDB) into temporary tables outside the
    // transaction; moved in with one INSERT … SELECT per table.
    let parsed: ParseResult | null = null;
    let flagged: FlaggedRow[] | null = null;
    try {
      const bulk = adapter.kind === 'table-csv' && bytes.byteLength >= (deps.bulkMinBytes ?? BULK_MIN_BYTES);
      flagged = bulk ? await stageCsvObservations(wh, bytes, encoding, ctx) : null;
      if (flagged) await stageParsedRows(wh, { ...emptyParseResult(), flagged });
      else {
        parsed = await adapter.parse(decodeBody(bytes, snap.content_type).text, ctx);
        await stageParsedRows(wh, parsed);
      }
    } catch (err) {
      // The message may quote the page: it goes to the warehouse and the terminal printable.
      const error = err instanceof Error ? err : new Error(String(err));
      error.message = printable(error.message);
      if (snap.status !== 'loaded') {
        await wh.transaction(() =>
          wh.execFile('statements/set_snapshot_parse', { ...outcome, status: 'failed', error: error.message, parsed_at: deps.now().toISOString() }),
        );
      }
      throw error;
    }

    return await wh.transaction(async () => {
      await replaceRowsOfLocation(wh, source, snap.location);
      let observations = parsed?.observations.length ?? 0;
      if (!parsed) {
        const [inserted] = await wh.allFile<{ Count: number }>('statements/insert_csv_observations', { snapshot_id: snapshotId });
        observations = inserted?.Count ?? 0;
      }
      await wh.execFile('statements/insert_parsed_rows', { snapshot_id: snapshotId });
      await wh.execFile('statements/set_snapshot_parse', { ...outcome, status: 'loaded', error: null, parsed_at: deps.now().toISOString() });
      return {
        rankings: parsed?.rankings.length ?? 0,
        observations,
        firms: parsed?.firms.length ?? 0,
        quarantined: (parsed?.flagged ?? flagged ?? []).length,
      };
    });
  } finally {
    await wh.execScript('statements/drop_staged_rows');
  }
}

/** The first statements of a load's transaction: the source is recorded, the location's older rows go. */
async function replaceRowsOfLocation(wh: Warehouse, source: SourceConfig, location: string): Promise<void> {
  await wh.execFile('statements/upsert_source', {
    name: source.name,
    adapter: source.adapter,
    location: source.location,
    provenance: source.provenance,
  });
  await wh.execFile('statements/delete_rows_of_location', { source: source.name, location });
}
