// loadListing against a publisher played by a local server, over time, into a real DuckDB file:
// a GBK listing with a next page and a mirror; a new release and a reordered second page; an
// unchanged listing (only 304s); a new date beside an old link; a dead link and a login wall.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SourceConfig } from '../../pipelines/config.ts';
import { loadListing } from '../../pipelines/load/load-listing.ts';
import type { LoadDeps } from '../../pipelines/load/load-source.ts';
import { createHostScheduler } from '../../pipelines/sources/host-scheduler.ts';
import { checkSources } from '../../pipelines/sources/registry.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { page, startPageServer, type PageServer } from '../helpers/page-server.ts';
import { publish, publishListing, release, type Entry } from '../helpers/publisher.ts';

// The listing's entries; hrefs on page 1 are relative to <base href="/tjfb/">.
const R1: Entry = { href: '/tjfb/art/2024/3/19/art_1.html', title: '2024年1-2月全市经济运行简况', date: '2024-03-19' };
const M1: Entry = { href: '/mirror/2024/0319.html', title: '2024年1-2月全市经济运行简况（转载）', date: '2024-03-19' };
const R2: Entry = { href: 'art/2024/4/18/art_2.html', title: '2024年一季度全市经济运行情况', date: '2024-04-18' };
const R3: Entry = { href: 'art/2024/5/17/art_3.html', title: '2024年1-4月全市经济运行简况', date: '2024-05-17' };
const R5: Entry = { href: 'art/2024/6/18/art_5.html', title: '2024年1-5月全市经济运行简况', date: '2024-06-18' };
const DEAD: Entry = { href: 'art/2024/6/10/gone.html', title: '2024年5月全市工业生产情况', date: '2024-06-10' };
const WALL: Entry = { href: 'art/2024/6/05/members.html', title: '2024年5月全市投资情况（内部）', date: '2024-06-05' };
const OLD: Entry = { href: '/tjfb/art/2023/12/20/art_0.html', title: '2023年1-11月全市经济运行简况', date: '2023-12-20' };

describe('loadListing: following a publisher over time', () => {
  let server: PageServer;
  let dir: string;
  let wh: Warehouse;
  let source: SourceConfig;
  let deps: LoadDeps;
  const at = (path: string) => server.url(path);

  before(async () => {
    server = await startPageServer();
    dir = mkdtempSync(join(tmpdir(), 'xian-report-listing-'));
    wh = await Warehouse.open(join(dir, 'test.duckdb'));
    source = {
      name: 'stats-releases',
      adapter: 'listing',
      location: server.url('/tjfb/index.html'),
      provenance: 'Example statistics bureau, statistical releases',
      enabled: true,
      settings: { adapter: 'release-prose', pages: 3, maxNewPages: 5, follow: { words: ['经济运行', '工业', '投资'], since: '2024-01-01' } },
    };
    const noWait = async () => undefined;
    deps = {
      now: () => new Date('2026-11-28T02:00:00Z'),
      defaultCity: "Xi'an",
      http: { timeoutMs: 2000, retries: 0, retryBaseMs: 5, perHostDelayMs: 0, maxBodyBytes: 1_000_000 },
      httpDeps: { scheduler: createHostScheduler({ now: Date.now, sleep: noWait }), sleep: noWait },
    };
    publish(server, '/tjfb/art/2024/3/19/art_1.html', release('release-2024-02.html'));
    publish(server, '/mirror/2024/0319.html', release('release-2024-02.html'));
    publish(server, '/tjfb/art/2024/4/18/art_2.html', release('release-2024-03-gbk.html'));
    publish(server, '/tjfb/art/2023/12/20/art_0.html', release('release-2024-02.html'));
  });
  after(async () => {
    wh.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const observations = () =>
    wh.all<{ location: string; month_to: number; indicator: string; value: number; published: string }>(
      `select s.location, o.month_to, o.indicator, o.value, strftime(s.published, '%Y-%m-%d') as published
       from observations o join snapshots s on s.id = o.snapshot_id order by o.month_to, o.indicator`,
    );
  const links = () =>
    wh.all<{ url: string; state: string; error: string | null; mirror_of: string | null }>(
      'select url, state, error, mirror_of from listing_links order by url',
    );
  const requestsSince = (n: number) => server.requests.slice(n).map((r) => r.path);

  test('the settings are checked at start, the linked adapter\'s too', async () => {
    await checkSources([source], 'x.yaml');
    await assert.rejects(
      checkSources([{ ...source, settings: { ...source.settings, settings: { year: 2024 } } }], 'x.yaml'),
      /"sources\.0\.settings\.settings\.year": unknown key for adapter release-prose/,
    );
    await assert.rejects(checkSources([{ ...source, settings: { adapter: 'release-prose', pages: 0 } }], 'x.yaml'), /"sources\.0\.settings\.pages"/);
    await assert.rejects(loadListing(wh, { ...source, location: '/tmp/saved-listing.html' }, deps), /a listing's location must be an http\(s\) URL/);
  });

  test('1. a GBK listing with two releases and a next page: both load, the mirror once, the old one not at all', async () => {
    publishListing(server, '/tjfb/index.html', [R2, R1], { charset: 'gbk', base: '/tjfb/', next: 'index_1.html' });
    publishListing(server, '/tjfb/index_1.html', [M1, OLD]);
    const n = server.requests.length;
    const outcome = await loadListing(wh, source, deps);
    assert.equal(outcome.status, 'loaded');
    assert.deepEqual(outcome.listingPages, [
      { url: at('/tjfb/index.html'), fresh: true },
      { url: at('/tjfb/index_1.html'), fresh: true },
    ]);
    assert.equal(outcome.followed, 3, 'R2, R1 and the mirror; not the 2023 release, not the navigation');
    // R1 (page 1) is seen before its mirror (page 2): R1 loads, the mirror is recognised by its bytes.
    assert.deepEqual(
      outcome.pages.map((p) => [p.title, p.date, p.status, p.mirrorOf ?? null]),
      [
        ['2024年一季度全市经济运行情况', '2024-04-18', 'loaded', null],
        ['2024年1-2月全市经济运行简况', '2024-03-19', 'loaded', null],
        ['2024年1-2月全市经济运行简况（转载）', '2024-03-19', 'mirror', at(R1.href)],
      ],
    );
    assert.deepEqual(requestsSince(n).sort(), ['/mirror/2024/0319.html', '/tjfb/art/2024/3/19/art_1.html', '/tjfb/art/2024/4/18/art_2.html', '/tjfb/index.html', '/tjfb/index_1.html']);
    // The GBK release was decoded, and each page's year came from the date beside its link.
    assert.deepEqual(
      (await observations()).map((o) => [o.month_to, o.indicator, o.value, o.published]),
      [
        [2, 'fixed_asset_investment', 2.4, '2024-03-19'],
        [2, 'industrial_value_added', 5.1, '2024-03-19'],
        [3, 'fixed_asset_investment', 3, '2024-04-18'],
        [3, 'industrial_investment', 11.2, '2024-04-18'],
        [3, 'industrial_value_added', 5.6, '2024-04-18'],
      ],
    );
    const [{ provenance, n: snaps }] = await wh.all<{ provenance: string; n: number }>(
      "select any_value(provenance) as provenance, count(*)::int as n from snapshots where source = 'stats-releases'",
    );
    assert.equal(provenance, source.provenance);
    assert.equal(snaps, 2, 'one snapshot per release read, none for the mirror');
  });

  test('2. a third release appears and the second page changes order: only the new one is fetched', async () => {
    publish(server, '/tjfb/art/2024/5/17/art_3.html', release('release-2024-04.html'));
    publishListing(server, '/tjfb/index.html', [R3, R2], { charset: 'gbk', base: '/tjfb/', next: 'index_1.html' });
    publishListing(server, '/tjfb/index_1.html', [OLD, R1, M1]);
    const n = server.requests.length;
    const outcome = await loadListing(wh, source, deps);
    assert.deepEqual(outcome.pages.map((p) => [p.url, p.status, p.counts.observations]), [[at('/tjfb/art/2024/5/17/art_3.html'), 'loaded', 3]]);
    assert.deepEqual(requestsSince(n), ['/tjfb/index.html', '/tjfb/index_1.html', '/tjfb/art/2024/5/17/art_3.html']);
    assert.ok(server.requests.slice(n, n + 2).every((r) => r.headers['if-none-match']), 'the listing pages are asked for conditionally');
    assert.equal((await observations()).length, 8);
  });

  test('3. nothing changed: one conditional request per listing page, each a 304, nothing else', async () => {
    const n = server.requests.length;
    const outcome = await loadListing(wh, source, deps);
    assert.equal(outcome.status, 'unchanged');
    assert.deepEqual(outcome.pages, []);
    assert.deepEqual(outcome.listingPages.map((p) => p.fresh), [false, false]);
    assert.deepEqual(requestsSince(n), ['/tjfb/index.html', '/tjfb/index_1.html']);
    assert.ok(server.requests.slice(n).every((r) => r.headers['if-none-match']));
  });

  test('4. a dead link and a login wall fail alone and store nothing; a new date beside an old link reads it again, conditionally', async () => {
    publish(server, '/tjfb/art/2024/6/18/art_5.html', release('release-2024-05.html'));
    publish(server, '/tjfb/art/2024/6/05/members.html', page('login.html'));
    publishListing(server, '/tjfb/index.html', [R5, DEAD, WALL, R3], { charset: 'gbk', base: '/tjfb/', next: 'index_1.html' });
    publishListing(server, '/tjfb/index_1.html', [R2, { ...R1, date: '2024-03-25' }, OLD]);
    const n = server.requests.length;
    const before = await wh.all<{ n: number }>('select count(*)::int as n from snapshots');
    const outcome = await loadListing(wh, source, deps);
    const byUrl = Object.fromEntries(outcome.pages.map((p) => [p.url.replace(server.url(''), ''), p]));
    assert.equal(byUrl['/tjfb/art/2024/6/18/art_5.html']!.status, 'loaded');
    assert.match(byUrl['/tjfb/art/2024/6/10/gone.html']!.error!, /gone\.html: HTTP 404 Not Found \(a dead link on the listing/);
    assert.match(byUrl['/tjfb/art/2024/6/05/members.html']!.error!, /login page instead of data/);
    // R1 shows a new date: read again with its ETag, answered 304; the new date is the page's published
    // date, which can change the years read, so the stored bytes are parsed again (not stored again).
    assert.equal(byUrl['/tjfb/art/2024/3/19/art_1.html']!.status, 'loaded');
    const ask = server.requests.slice(n).find((r) => r.path === '/tjfb/art/2024/3/19/art_1.html')!;
    assert.ok(ask.headers['if-none-match']);
    assert.equal(outcome.pages.length, 4);
    const after = await wh.all<{ n: number }>('select count(*)::int as n from snapshots');
    assert.equal(after[0]!.n, before[0]!.n + 1, 'only the new release became a snapshot');
    const stored = await wh.all<{ n: number }>("select count(*)::int as n from snapshots where location like '%gone%' or location like '%members%'");
    assert.equal(stored[0]!.n, 0);
    const failed = (await links()).filter((l) => l.state === 'failed').map((l) => l.url);
    assert.deepEqual(failed, [at('/tjfb/art/2024/6/05/members.html'), at('/tjfb/art/2024/6/10/gone.html')]);
    assert.equal((await observations()).length, 10);
  });

  test('5. an unchanged listing does not try its failed links again', async () => {
    const n = server.requests.length;
    const outcome = await loadListing(wh, source, deps);
    assert.deepEqual(outcome.pages, []);
    assert.deepEqual(requestsSince(n), ['/tjfb/index.html', '/tjfb/index_1.html']);
  });

  test('6. maxNewPages: the rest wait for the next run', async () => {
    const few = { ...source, name: 'stats-releases-few', settings: { ...source.settings, maxNewPages: 1 } };
    const first = await loadListing(wh, few, deps);
    assert.equal(first.pages.length, 1);
    assert.equal(first.pages[0]!.date, '2024-06-18', 'newest first');
    assert.ok(first.waiting >= 3);
  });

  test('7. what status reads: links, the newest, new since the latest edition (none yet: every loaded link), failures', async () => {
    const rows = await wh.allFile<Record<string, unknown>>('queries/status_listings');
    const main = rows.find((r) => r.listing === 'stats-releases')!;
    assert.deepEqual(
      { links: main.links, new: main.new_since_edition, waiting: main.waiting, failed: main.failed, mirrors: main.mirrors, newest: main.newest_title, date: main.newest_date },
      { links: 7, new: 4, waiting: 0, failed: 2, mirrors: 1, newest: '2024年1-5月全市经济运行简况', date: '2024-06-18' },
    );
    const failures = await wh.allFile<{ listing: string; title: string }>('queries/status_listing_failures');
    assert.deepEqual(failures.filter((f) => f.listing === 'stats-releases').map((f) => f.title), ['2024年5月全市工业生产情况', '2024年5月全市投资情况（内部）']);
  });
});
