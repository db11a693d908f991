// Storing and parsing as two steps, into a real DuckDB file: a stored page parsed again after
// an adapter change (by `reparseSnapshots` and by a load of the unchanged page), with its rows
// and quarantined rows replaced in one transaction and the edition's fingerprint changed;
// a bad file read twice stored once; an oversized file refused; binary garbage reported in
// printable words; quarantine that does not pile up across re-loads of a changed file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SourceConfig } from '../../pipelines/config.ts';
import { SnapshotError, UnchangedFailedError } from '../../pipelines/errors.ts';
import { buildModels } from '../../pipelines/indicators/models.ts';
import { loadSource, storeSnapshot, type LoadDeps } from '../../pipelines/load/load-source.ts';
import { reparseSnapshots } from '../../pipelines/load/reparse.ts';
import { fingerprintOf } from '../../pipelines/render/edition.ts';
import { readEditionData } from '../../pipelines/render/edition-data.ts';
import type { SourceAdapter } from '../../pipelines/sources/contract.ts';
import { fetchLocation } from '../../pipelines/sources/fetch.ts';
import { loadAdapter } from '../../pipelines/sources/registry.ts';
import type { ParseResult } from '../../pipelines/types.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

const RANKS = 'list,year,rank,city,score\nl,2022,1,西安,90\nl,2022,2,成都,80\nl,2022,3,Atlantis,70\n';

let dir: string;
let csv: SourceAdapter;
const now = () => new Date('2026-11-28T02:00:00Z');
const deps = (extra: Partial<LoadDeps> = {}): LoadDeps => ({ now, defaultCity: "Xi'an", ...extra });

/** table-csv as a newer version would be: the same rows changed by `change`. */
function nextVersion(version: number, change: (r: ParseResult) => ParseResult = (r) => r): SourceAdapter {
  return { ...csv, version, parse: async (body, ctx) => change(await csv.parse(body, ctx)) };
}
const adapterOf = (adapter: SourceAdapter) => async () => adapter;

function fileSource(name: string, body: string | Uint8Array, settings: Record<string, unknown> = { table: 'rankings' }): SourceConfig {
  const location = join(dir, `${name}.csv`);
  writeFileSync(location, body);
  return { name, adapter: 'table-csv', location, provenance: 'test', enabled: true, settings };
}

async function openWarehouse(name: string): Promise<Warehouse> {
  return Warehouse.open(join(dir, `${name}.duckdb`));
}

const rowsOf = (wh: Warehouse, source: string) =>
  wh.all<{ rank: number; city: string; score: number | null; snapshot_id: number }>(
    'select rank, city, score, snapshot_id from rankings where snapshot_id in (select id from snapshots where source = $source) order by rank',
    { source },
  );
const quarantineOf = (wh: Warehouse, source: string) =>
  wh.all<{ snapshot_id: number; row_number: number; reason: string }>(
    'select snapshot_id, row_number, reason from quarantine where snapshot_id in (select id from snapshots where source = $source) order by row_number, reason',
    { source },
  );
const snapshotsOf = (wh: Warehouse, source: string) =>
  wh.all<{ id: number; status: string; adapter: string | null; adapter_version: number | null; error: string | null }>(
    'select id, status, adapter, adapter_version, error from snapshots where source = $source order by id',
    { source },
  );

async function fingerprint(wh: Warehouse): Promise<string> {
  await buildModels(wh);
  return fingerprintOf(await readEditionData(wh, "Xi'an", 'l'), 'en');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xian-report-reparse-'));
  csv = await loadAdapter('table-csv');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('parsing stored snapshots again', () => {
  let wh: Warehouse;
  let source: SourceConfig;
  let v9: SourceAdapter;
  before(async () => {
    v9 = nextVersion(9, (r) => ({ ...r, rankings: r.rankings.map((x) => ({ ...x, score: x.score == null ? null : x.score + 9 })) }));
    wh = await openWarehouse('reparse');
    source = fileSource('ranks', RANKS);
  });
  after(() => wh.close());

  test('a load stores the snapshot, then parses it, recording the adapter and its version', async () => {
    const outcome = await loadSource(wh, source, deps());
    assert.equal(outcome.status, 'loaded');
    assert.deepEqual(outcome.counts, { rankings: 2, observations: 0, firms: 0, quarantined: 1 });
    assert.deepEqual(await snapshotsOf(wh, 'ranks'), [{ id: outcome.snapshotId, status: 'loaded', adapter: 'table-csv', adapter_version: csv.version, error: null }]);
    assert.equal((await quarantineOf(wh, 'ranks')).length, 1);
  });

  test('reparse with a new adapter version replaces the rows and the quarantined rows, and changes the fingerprint', async () => {
    const before = await fingerprint(wh);
    const [snap] = await snapshotsOf(wh, 'ranks');
    const v2 = nextVersion(csv.version + 1, (r) => ({
      ...r,
      rankings: r.rankings.map((x) => ({ ...x, score: x.score! + 1 })),
      flagged: [...r.flagged, { row: 2, raw: 'l,2022,1,西安,90', reason: 'v2: a check the old parser did not make' }],
    }));
    const outcomes = await reparseSnapshots(wh, [source], { now, defaultCity: "Xi'an", adapterOf: adapterOf(v2) });
    assert.deepEqual(outcomes, [
      {
        source: 'ranks',
        location: source.location,
        snapshotId: snap!.id,
        status: 'loaded',
        from: `table-csv@${csv.version}`,
        to: `table-csv@${csv.version + 1}`,
        before: { rankings: 2, observations: 0, firms: 0, quarantined: 1 },
        after: { rankings: 2, observations: 0, firms: 0, quarantined: 2 },
        changed: true,
        error: null,
      },
    ]);
    assert.deepEqual((await rowsOf(wh, 'ranks')).map((r) => [r.rank, r.score, r.snapshot_id]), [[1, 91, snap!.id], [2, 81, snap!.id]]);
    // Replaced, not added: the old parse's one row is gone, the new parse's two are there.
    assert.deepEqual((await quarantineOf(wh, 'ranks')).map((q) => [q.row_number, q.reason.slice(0, 20)]), [
      [2, 'v2: a check the old '],
      [4, 'not in the gazetteer'],
    ]);
    assert.deepEqual((await snapshotsOf(wh, 'ranks')).map((s) => [s.id, s.adapter_version]), [[snap!.id, csv.version + 1]]);
    assert.notEqual(await fingerprint(wh), before);
  });

  test('a new version that reads the same rows still changes the fingerprint', async () => {
    const before = await fingerprint(wh);
    const outcomes = await reparseSnapshots(wh, [source], { now, defaultCity: "Xi'an", adapterOf: adapterOf(nextVersion(csv.version + 2)) });
    assert.equal(outcomes[0]!.status, 'loaded');
    const after = await fingerprint(wh);
    assert.notEqual(after, before);
    // The same version again: nothing that the edition reads changed.
    await reparseSnapshots(wh, [source], { now, defaultCity: "Xi'an", adapterOf: adapterOf(nextVersion(csv.version + 2)) });
    assert.equal(await fingerprint(wh), after);
  });

  test('a parse that fails halfway through writing changes nothing: the rows are written in one transaction', async () => {
    const rowsBefore = await rowsOf(wh, 'ranks');
    const quarantineBefore = await quarantineOf(wh, 'ranks');
    const [snapBefore] = await snapshotsOf(wh, 'ranks');
    // The second ranking breaks a NOT NULL column, after the first was inserted.
    const broken = nextVersion(csv.version + 3, (r) => ({ ...r, rankings: [r.rankings[0]!, { ...r.rankings[1]!, city: null as unknown as string }] }));
    const [outcome] = await reparseSnapshots(wh, [source], { now, defaultCity: "Xi'an", adapterOf: adapterOf(broken) });
    assert.equal(outcome!.status, 'failed');
    assert.match(outcome!.error!, /NOT NULL/i);
    assert.deepEqual(await rowsOf(wh, 'ranks'), rowsBefore);
    assert.deepEqual(await quarantineOf(wh, 'ranks'), quarantineBefore);
    assert.deepEqual(await snapshotsOf(wh, 'ranks'), [snapBefore]);
  });

  test('a load of the unchanged page re-parses it, without storing it again, when the adapter version changed', async () => {
    const outcome = await loadSource(wh, source, deps({ adapterOf: adapterOf(v9) }));
    assert.equal(outcome.status, 'loaded');
    assert.equal(outcome.reparsed?.because, 'table-csv is now version 9');
    assert.equal(outcome.reparsed?.to, 'table-csv@9');
    const snaps = await snapshotsOf(wh, 'ranks');
    assert.deepEqual(snaps.map((s) => [s.id, s.status, s.adapter_version]), [[outcome.snapshotId, 'loaded', 9]]);
    assert.deepEqual((await rowsOf(wh, 'ranks')).map((r) => r.score), [99, 89]);
    assert.equal((await quarantineOf(wh, 'ranks')).length, 1);
    // The same version again: unchanged, nothing parsed.
    const again = await loadSource(wh, source, deps({ adapterOf: adapterOf(v9) }));
    assert.equal(again.status, 'unchanged');
    assert.equal(again.reparsed, undefined);
  });

  test("a change of the source's settings re-parses the unchanged page too", async () => {
    const outcome = await loadSource(wh, { ...source, settings: { table: 'rankings', columns: { score: 'no such column' } } }, deps({ adapterOf: adapterOf(v9) }));
    assert.equal(outcome.status, 'loaded');
    assert.equal(outcome.reparsed?.because, "the source's settings changed");
    assert.deepEqual((await rowsOf(wh, 'ranks')).map((r) => r.score), [null, null]);
    assert.equal((await snapshotsOf(wh, 'ranks')).length, 1);
  });

  test('a snapshot stored by a load that stopped before its parse is parsed by the next load, not stored again', async () => {
    const s = fileSource('stopped', 'list,year,rank,city\nl,2021,5,西安\n');
    const fetched = await fetchLocation(s.location, null);
    const { createHash } = await import('node:crypto');
    const id = await storeSnapshot(wh, s, fetched, createHash('sha256').update(fetched.bytes).digest('hex'), now());
    assert.deepEqual((await snapshotsOf(wh, 'stopped')).map((x) => x.status), ['stored']);
    const outcome = await loadSource(wh, s, deps());
    assert.equal(outcome.snapshotId, id);
    assert.equal(outcome.reparsed?.because, 'it was stored but never parsed');
    assert.deepEqual((await snapshotsOf(wh, 'stopped')).map((x) => x.status), ['loaded']);
    assert.deepEqual((await rowsOf(wh, 'stopped')).map((r) => r.rank), [5]);
  });
});

describe('bad input', () => {
  let wh: Warehouse;
  before(async () => {
    wh = await openWarehouse('bad-input');
  });
  after(() => wh.close());

  test('a bad file read twice is stored once; the second read fails naming the failed snapshot', async () => {
    const source = fileSource('layout', 'rang,stadt\n1,西安\n');
    await assert.rejects(loadSource(wh, source, deps()), /no column "list" in the header/);
    const [failed] = await snapshotsOf(wh, 'layout');
    assert.equal(failed!.status, 'failed');
    await assert.rejects(loadSource(wh, source, deps()), (err: unknown) => {
      assert.ok(err instanceof UnchangedFailedError);
      assert.equal(err.snapshotId, failed!.id);
      assert.match(err.message, new RegExp(`unchanged since the failed snapshot ${failed!.id}; not stored again \\(it failed: .*no column "list" in the header`));
      return true;
    });
    assert.equal((await snapshotsOf(wh, 'layout')).length, 1);
    // A fixed adapter (or fixed settings) reads the failed snapshot again, without storing it again.
    const fixed = { ...source, settings: { table: 'rankings', columns: { list: 'rang', year: 'rang', rank: 'rang', city: 'stadt' } } };
    const outcome = await loadSource(wh, fixed, deps());
    assert.equal(outcome.status, 'loaded');
    assert.equal(outcome.snapshotId, failed!.id);
    assert.deepEqual((await snapshotsOf(wh, 'layout')).map((s) => [s.id, s.status, s.error]), [[failed!.id, 'loaded', null]]);
  });

  test('a file above files.maxBytes is refused, naming the file, the limit and the setting; nothing is stored', async () => {
    const source = fileSource('big', Buffer.alloc(3 * 1024 * 1024, 'a'));
    await assert.rejects(loadSource(wh, source, deps({ files: { maxBytes: 1024 * 1024 } })), (err: unknown) => {
      assert.ok(err instanceof SnapshotError);
      assert.equal(
        err.message,
        `${source.location}: the file is 3 MB (3145728 bytes), above the limit of 1 MB (files.maxBytes); not read or stored ` +
          '(fix: check that the source points at the right file, or raise files.maxBytes in the config if it really is that large)',
      );
      return true;
    });
    assert.equal((await snapshotsOf(wh, 'big')).length, 0);
  });

  test('binary garbage fails with a message free of control bytes, in the error and in the stored snapshot', async () => {
    // Seeded garbage, so the test reads the same bytes each time; quotes and line breaks make csv-parse quote it back.
    const garbage = Buffer.from(Array.from({ length: 256 * 1024 }, (_, i) => (i * 7919 + (i >> 3) * 31) % 256));
    garbage.set(Buffer.from('"\x00\x07\x1b[31m"x'), 10);
    const source = fileSource('garbage', Buffer.concat([Buffer.from('list,year,rank,city\n'), garbage]));
    let message = '';
    await assert.rejects(loadSource(wh, source, deps()), (err: Error) => ((message = err.message), true));
    const unprintable = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/;
    assert.match(message, new RegExp(`^${source.location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.doesNotMatch(message, unprintable);
    assert.doesNotMatch(message, /\n/);
    assert.ok(message.length < 600, `a short message, not the page: ${message.length} characters`);
    const [snap] = await snapshotsOf(wh, 'garbage');
    assert.equal(snap!.status, 'failed');
    assert.doesNotMatch(snap!.error!, unprintable);
  });

  test("a bad cell's value is quoted as a short escaped excerpt", async () => {
    const cell = `12\u0007${'9'.repeat(500)}`;
    const source = fileSource('cell', `list,year,rank,city\nl,2022,"${cell}",西安\n`);
    await assert.rejects(loadSource(wh, source, deps()), (err: Error) => {
      assert.equal(err.message, `${source.location}, row 2: column "rank": "12\\x07${'9'.repeat(37)}…" is not a whole number (fix: correct the row in the file, then run again)`);
      return true;
    });
  });
});

describe('quarantine across re-loads of a changed file', () => {
  test('each re-load replaces the quarantined rows of the snapshot it replaces', async () => {
    const wh = await openWarehouse('quarantine');
    try {
      const counts: number[] = [];
      for (const n of [1, 2, 3, 4]) {
        // Each version of the file changes a score and keeps three names the gazetteer does not know.
        const source = fileSource('changing', `list,year,rank,city,score\nl,2022,1,西安,${90 + n}\nl,2022,2,Atlantis,1\nl,2022,3,Lemuria,2\nl,2022,4,Mu,3\n`);
        const outcome = await loadSource(wh, source, deps());
        assert.equal(outcome.status, 'loaded');
        counts.push((await quarantineOf(wh, 'changing')).length);
        assert.ok((await quarantineOf(wh, 'changing')).every((q) => q.snapshot_id === outcome.snapshotId));
      }
      assert.deepEqual(counts, [3, 3, 3, 3]);
      assert.equal((await snapshotsOf(wh, 'changing')).length, 4);
    } finally {
      wh.close();
    }
  });
});
