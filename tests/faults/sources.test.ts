// Source faults over a real HTTP server on 127.0.0.1 into a real DuckDB file, one after the
// other on the same source: a timeout, a 5xx burst that outlasts the retries and one that
// does not, a truncated body, GBK bytes labelled UTF-8, an empty 200, a login page, a changed
// layout. Each failure names the URL, and the rows loaded before are all still there.
// (tests/sources-over-http.test.ts and tests/load/load-http-source.test.ts test these per adapter.)
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../../pipelines/config.ts';
import { loadSource, type LoadDeps } from '../../pipelines/load/load-source.ts';
import { createHostScheduler } from '../../pipelines/sources/host-scheduler.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { tally } from '../helpers/fault-ledger.ts';
import { page, serve, startPageServer, type Handler, type PageServer } from '../helpers/page-server.ts';

let server: PageServer;
let dir: string;
let wh: Warehouse;
let source: SourceConfig;
let deps: LoadDeps;

before(async () => {
  server = await startPageServer();
  dir = mkdtempSync(join(tmpdir(), 'xian-report-source-faults-'));
  wh = await Warehouse.open(join(dir, 'test.duckdb'));
  source = { name: 'ranking-page', adapter: 'table-csv', location: server.url('/ranking.csv'), provenance: 'test server', enabled: true, settings: { table: 'rankings' } };
  const noWait = async () => undefined;
  deps = {
    now: () => new Date('2026-11-29T02:00:00Z'),
    defaultCity: "Xi'an",
    http: { timeoutMs: 300, retries: 2, retryBaseMs: 5, perHostDelayMs: 0, maxBodyBytes: 1_000_000 },
    httpDeps: { scheduler: createHostScheduler({ now: Date.now, sleep: noWait }), sleep: noWait },
  };
});
after(async () => {
  wh.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = async () => (await wh.all<{ n: number }>('select count(*)::int as n from rankings'))[0]!.n;

test('each source fault fails its source naming the URL; not a row already loaded is lost', async () => {
  server.route('/ranking.csv', serve(page('ranking.csv'), 'text/csv; charset=utf-8'));
  await loadSource(wh, source, deps);
  const loaded = await rows();
  assert.ok(loaded > 0);

  const updated = page('ranking-updated.csv');
  const faults: { kind: string; handler: Handler; error?: RegExp }[] = [
    { kind: 'timeout', handler: () => undefined, error: /timed out/ },
    { kind: '5xx burst beyond the retries', handler: (_q, res) => res.writeHead(503).end('busy'), error: /503/ },
    {
      kind: 'truncated body',
      handler: (_q, res) => {
        res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': String(updated.length + 500) });
        res.write(updated);
        setTimeout(() => res.socket?.destroy(), 10);
      },
      error: /truncated/,
    },
    { kind: 'GBK bytes labelled UTF-8', handler: serve(iconv.encode(updated.toString('utf8'), 'gbk'), 'text/csv; charset=utf-8') },
    { kind: 'empty 200', handler: serve(Buffer.alloc(0), 'text/csv; charset=utf-8'), error: /empty|no rows|nothing|header/i },
    { kind: 'login page', handler: serve(page('login.html'), 'text/html; charset=utf-8'), error: /login page/ },
    { kind: 'layout change', handler: serve(page('ranking-layout-changed.csv'), 'text/csv; charset=utf-8'), error: /no column "rank"/ },
  ];
  let lost = 0;
  const problems: string[] = [];
  for (const f of faults) {
    server.route('/ranking.csv', f.handler);
    const before = await rows();
    let failed: Error | null = null;
    try {
      await loadSource(wh, source, deps);
    } catch (err) {
      failed = err as Error;
    }
    const after = await rows();
    if (after < before) {
      lost += before - after;
      problems.push(`${f.kind}: ${before - after} rows lost`);
    }
    if (f.error) {
      if (!failed) problems.push(`${f.kind}: loaded instead of failing`);
      else {
        if (!failed.message.includes(source.location)) problems.push(`${f.kind}: the error does not name the URL: ${failed.message}`);
        if (!f.error.test(failed.message)) problems.push(`${f.kind}: ${failed.message}`);
      }
    }
  }
  // A burst the retries outlast: the page loads.
  let n = 0;
  server.route('/ranking.csv', (req, res) => (++n <= 2 ? res.writeHead(502).end('busy') : serve(updated, 'text/csv; charset=utf-8')(req, res, n)));
  await loadSource(wh, source, deps);
  assert.ok((await rows()) > 0);
  tally({ suite: 'source faults (HTTP)', trials: faults.length + 1, faults: faults.length + 1, rowsLost: lost });
  assert.deepEqual(problems, []);
});
