// loadSource over HTTP, end to end into a real DuckDB file: a CSV served by a local server in
// UTF-8 then GBK, a 304, a 500 burst, a changed layout and a login page. After each failure
// the rows loaded before must all still be there.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../../pipelines/config.ts';
import { loadSource, type LoadDeps } from '../../pipelines/load/load-source.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { createHostScheduler } from '../../pipelines/sources/host-scheduler.ts';
import { page, serve, startPageServer, type PageServer } from '../helpers/page-server.ts';

const LIST = 'ccid-top100-advanced-manufacturing-cities';

describe('loadSource from an http source', () => {
  let server: PageServer;
  let dir: string;
  let wh: Warehouse;
  let source: SourceConfig;
  let deps: LoadDeps;

  before(async () => {
    server = await startPageServer();
    dir = mkdtempSync(join(tmpdir(), 'xian-report-http-'));
    wh = await Warehouse.open(join(dir, 'test.duckdb'));
    source = {
      name: 'ccid-ranking-page',
      adapter: 'table-csv',
      location: server.url('/ranking.csv'),
      provenance: 'test server',
      enabled: true,
      settings: { table: 'rankings' },
    };
    const noWait = async () => undefined;
    deps = {
      now: () => new Date('2026-11-28T02:00:00Z'),
      defaultCity: "Xi'an",
      http: { timeoutMs: 2000, retries: 2, retryBaseMs: 5, perHostDelayMs: 0, maxBodyBytes: 1_000_000 },
      httpDeps: { scheduler: createHostScheduler({ now: Date.now, sleep: noWait }), sleep: noWait },
    };
  });
  after(async () => {
    wh.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rankings = () =>
    wh.all<{ year: number; rank: number; city: string; city_zh: string; province: string; snapshot_id: number }>(
      'select year, rank, city, city_zh, province, snapshot_id from rankings order by rank',
    );
  const snapshots = () =>
    wh.all<{ id: number; status: string; encoding: string; http_status: number; etag: string | null; content_type: string; error: string | null; size: number }>(
      'select id, status, encoding, http_status, etag, content_type, error, octet_length(content) as size from snapshots order by id',
    );

  const utf8Csv = page('ranking.csv');
  const gbkCsv = iconv.encode(page('ranking-updated.csv').toString('utf8'), 'gbk');

  test('1. a UTF-8 CSV: rows loaded, raw bytes stored with the response headers', async () => {
    server.route('/ranking.csv', serve(utf8Csv, 'text/csv; charset=utf-8', { etag: '"r1"' }));
    const outcome = await loadSource(wh, source, deps);
    assert.equal(outcome.status, 'loaded');
    assert.deepEqual(outcome.counts, { rankings: 2, observations: 0, firms: 0, quarantined: 0 });
    const [snap] = await snapshots();
    assert.deepEqual(await rankings(), [
      { year: 2022, rank: 12, city: "Xi'an", city_zh: '西安', province: 'Shaanxi', snapshot_id: snap!.id },
      { year: 2022, rank: 15, city: 'Chengdu', city_zh: '成都', province: 'Sichuan', snapshot_id: snap!.id },
    ]);
    assert.deepEqual(await snapshots(), [
      { id: snap!.id, status: 'loaded', encoding: 'utf-8', http_status: 200, etag: '"r1"', content_type: 'text/csv; charset=utf-8', error: null, size: utf8Csv.length },
    ]);
    const [{ content }] = await wh.all<{ content: Uint8Array }>('select content from snapshots');
    assert.deepEqual(Buffer.from(content), utf8Csv);
  });

  test('2. loaded again: a conditional GET, a 304, "unchanged", no new snapshot', async () => {
    const outcome = await loadSource(wh, source, deps);
    assert.equal(outcome.status, 'unchanged');
    const last = server.requests.at(-1)!;
    assert.equal(last.headers['if-none-match'], '"r1"');
    assert.equal((await snapshots()).length, 1);
    assert.equal((await rankings()).length, 2);
  });

  test('3. the server now answers 500: loadSource throws naming the URL, and the loaded rows stay', async () => {
    server.route('/ranking.csv', (_req, res) => void res.writeHead(500).end());
    const before = server.count('/ranking.csv');
    await assert.rejects(loadSource(wh, source, deps), (err: Error) => {
      assert.equal(err.message, `${source.location}: HTTP 500 Internal Server Error (3 attempts) (fix: the site may be down or slow; run again later)`);
      return true;
    });
    assert.equal(server.count('/ranking.csv') - before, 3);
    assert.equal((await snapshots()).length, 1);
    assert.deepEqual((await rankings()).map((r) => r.city_zh), ['西安', '成都']);
  });

  test('4. a changed body, now in GBK with the charset in the header: a new snapshot, rows replaced', async () => {
    server.route('/ranking.csv', serve(gbkCsv, 'text/csv; charset=gbk', { etag: '"r2"' }));
    const outcome = await loadSource(wh, source, deps);
    assert.equal(outcome.status, 'loaded');
    assert.equal(outcome.counts.rankings, 3);
    const snaps = await snapshots();
    assert.equal(snaps.length, 2);
    assert.deepEqual(
      { status: snaps[1]!.status, encoding: snaps[1]!.encoding, etag: snaps[1]!.etag, size: snaps[1]!.size },
      { status: 'loaded', encoding: 'gb18030', etag: '"r2"', size: gbkCsv.length },
    );
    assert.deepEqual(await rankings(), [
      { year: 2022, rank: 12, city: "Xi'an", city_zh: '西安', province: 'Shaanxi', snapshot_id: snaps[1]!.id },
      { year: 2022, rank: 15, city: 'Chengdu', city_zh: '成都', province: 'Sichuan', snapshot_id: snaps[1]!.id },
      { year: 2022, rank: 21, city: 'Changsha', city_zh: '长沙', province: 'Hunan', snapshot_id: snaps[1]!.id },
    ]);
  });

  test('5. the same bytes without validators: fetched in full, but not parsed or stored again', async () => {
    server.route('/ranking.csv', serve(gbkCsv, 'text/csv; charset=gbk'));
    const outcome = await loadSource(wh, source, deps);
    assert.equal(outcome.status, 'unchanged');
    assert.equal((await snapshots()).length, 2);
  });

  test('6. a truncated body: an error, nothing stored, rows kept', async () => {
    server.route('/ranking.csv', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': String(gbkCsv.length + 500) });
      res.write(gbkCsv);
      setTimeout(() => res.socket?.destroy(), 10);
    });
    await assert.rejects(loadSource(wh, source, deps), /ranking\.csv: the body was truncated: the connection closed before the end of the body \(3 attempts\)/);
    assert.equal((await snapshots()).length, 2);
    assert.equal((await rankings()).length, 3);
  });

  test('7. a page whose layout changed: the failed snapshot is kept for a look, the rows stay', async () => {
    const changed = page('ranking-layout-changed.csv');
    server.route('/ranking.csv', serve(changed, 'text/csv; charset=utf-8'));
    await assert.rejects(loadSource(wh, source, deps), /ranking\.csv, row 1: no column "rank" in the header/);
    const snaps = await snapshots();
    assert.equal(snaps.length, 3);
    assert.equal(snaps[2]!.status, 'failed');
    assert.match(snaps[2]!.error!, /no column "rank" in the header/);
    assert.equal(snaps[2]!.size, changed.length);
    assert.deepEqual((await rankings()).map((r) => [r.rank, r.snapshot_id]), [12, 15, 21].map((r) => [r, snaps[1]!.id]));
  });

  test('8. a login page instead of data: the login error, nothing stored, rows kept', async () => {
    server.route('/ranking.csv', serve(page('login.html'), 'text/html; charset=utf-8'));
    await assert.rejects(
      loadSource(wh, source, deps),
      (err: Error) => err.message === `${source.location}: returned a login page instead of data; the source may need credentials or a new URL (fix: check the URL in a browser)`,
    );
    assert.equal((await snapshots()).length, 3);
    assert.equal((await rankings()).length, 3);
    const [{ n }] = await wh.all<{ n: number }>(`select count(*) as n from rankings where list = '${LIST}'`);
    assert.equal(n, 3);
  });
});
