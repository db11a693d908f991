// A listing source through the real CLI, against a publisher played by a local server: `run`
// prints each new page and what it read; a run with nothing new costs 304s, prints "nothing new"
// and starts no Chromium; `status` shows the listing's links; `discover` lists what a listing
// would yield without loading anything.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import type { Status } from '../../pipelines/schedule/status.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { publish, publishListing, release, type Entry } from '../helpers/publisher.ts';
import { makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

const R1: Entry = { href: '/tjfb/art/2024/3/19/art_1.html', title: '2024年1-2月全市经济运行简况', date: '2024-03-19' };
const R2: Entry = { href: 'art/2024/4/18/art_2.html', title: '2024年一季度全市经济运行情况', date: '2024-04-18' };
const R3: Entry = { href: 'art/2024/5/17/art_3.html', title: '2024年1-4月全市经济运行简况', date: '2024-05-17' };
const DEAD: Entry = { href: 'art/2024/5/10/gone.html', title: '2024年4月全市工业生产情况', date: '2024-05-10' };
const OLD: Entry = { href: '/tjfb/art/2023/12/20/art_0.html', title: '2023年1-11月全市经济运行简况', date: '2023-12-20' };

describe('a listing source through the CLI', () => {
  let server: PageServer;
  let ws: Workspace;
  let base: string;
  const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

  const configure = (extra = '') => {
    const listing = [
      '  - name: stats-releases',
      '    adapter: listing',
      `    location: ${server.url('/tjfb/index.html')}`,
      '    provenance: "Example statistics bureau, statistical releases"',
      '    settings:',
      '      adapter: release-prose',
      '      pages: 2',
      '      maxNewPages: 5',
      '      follow: { words: [经济运行, 工业], since: 2024-01-01 }',
      '',
    ].join('\n');
    writeFileSync(
      ws.config,
      base.replace('\n# What `xian-report schedule` runs', `${listing}\n# What \`xian-report schedule\` runs`) +
        '\nhttp: { perHostDelayMs: 10, retries: 0, timeoutMs: 5000 }\n' +
        extra,
    );
  };

  before(async () => {
    server = await startPageServer();
    ws = makeWorkspace();
    base = readFileSync(ws.config, 'utf8');
    configure();
    publish(server, '/tjfb/art/2024/3/19/art_1.html', release('release-2024-02.html'));
    publish(server, '/tjfb/art/2024/4/18/art_2.html', release('release-2024-03-gbk.html'));
    publishListing(server, '/tjfb/index.html', [R2], { charset: 'gbk', base: '/tjfb/', next: 'index_1.html' });
    publishListing(server, '/tjfb/index_1.html', [R1, OLD]);
  });
  after(async () => {
    await server.close();
    ws.cleanup();
  });

  test('discover lists what the listing would yield, and loads nothing', async () => {
    const res = await runCli(['discover', server.url('/tjfb/index.html'), '--follow', '经济运行,工业', '--since', '2024-01-01', '--pages', '2', '--config', ws.config]);
    assert.equal(res.code, 0, output(res));
    assert.match(res.stdout, /page 1 {2}http:\/\/127\.0\.0\.1:\d+\/tjfb\/index\.html \(gb18030\): 3 links, 1 followed/);
    assert.match(res.stdout, /2024-04-18 {2}2024年一季度全市经济运行情况\n {14}http:\/\/127\.0\.0\.1:\d+\/tjfb\/art\/2024\/4\/18\/art_2\.html/);
    assert.match(res.stdout, /next page: http:\/\/127\.0\.0\.1:\d+\/tjfb\/index_1\.html/);
    assert.match(res.stdout, /page 2 .*: 4 links, 1 followed/);
    assert.match(res.stdout, /not followed: 3 \(--all lists them/);
    assert.match(res.stdout, /2 links followed on 2 listing pages/);
    assert.match(res.stdout, /adapter: listing/);
    assert.equal(server.count('/tjfb/art/2024/4/18/art_2.html'), 0, 'discover reads no release');

    const json = await runCli(['discover', server.url('/tjfb/index.html'), '--pages', '2', '--all', '--json', '--config', ws.config]);
    const doc = JSON.parse(json.stdout) as { pages: { links: { title: string; date: string | null; notFollowed: string | null }[] }[] };
    assert.deepEqual(
      doc.pages.flatMap((p) => p.links.map((l) => [l.title, l.date, l.notFollowed])),
      [
        ['机构概况', null, 'no date beside it (give follow.words, title or url to take undated links)'],
        ['统计发布', null, 'no date beside it (give follow.words, title or url to take undated links)'],
        ['2024年一季度全市经济运行情况', '2024-04-18', null],
        ['机构概况', null, 'no date beside it (give follow.words, title or url to take undated links)'],
        ['统计发布', null, 'no date beside it (give follow.words, title or url to take undated links)'],
        ['2024年1-2月全市经济运行简况', '2024-03-19', null],
        ['2023年1-11月全市经济运行简况', '2023-12-20', null],
      ],
    );
    const bad = await runCli(['discover', 'ftp://example.org/', '--config', ws.config]);
    assert.equal(bad.code, 2);
    // From the configured listing: its location, follow and pages.
    const fromSource = await runCli(['discover', '--source', 'stats-releases', '--all', '--config', ws.config]);
    assert.equal(fromSource.code, 0, output(fromSource));
    assert.match(fromSource.stdout, /2 links followed on 2 listing pages/);
    assert.match(fromSource.stdout, /2023年1-11月全市经济运行简况 {2}\S+art_0\.html\n {6}dated before 2024-01-01/);
    assert.equal(server.count('/tjfb/art/2024/4/18/art_2.html'), 0, 'discover reads no release');
  });

  test('run reads both releases and prints each with what it read', async () => {
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(res.code, 0, output(res));
    const out = output(res);
    assert.match(out, /stats-releases: 2 pages to read from 2 listing pages/);
    assert.match(out, /2024-04-18 {2}2024年一季度全市经济运行情况 {2}http:\/\/127\.0\.0\.1:\d+\/tjfb\/art\/2024\/4\/18\/art_2\.html\n.*loaded: 3 observations/);
    assert.match(out, /2024-03-19 {2}2024年1-2月全市经济运行简况 {2}\S+art_1\.html\n.*loaded: 2 observations/);
    assert.match(out, /printing the first edition/);
  });

  test('a third release and a dead link: only the new pages are fetched; the dead one fails alone', async () => {
    publish(server, '/tjfb/art/2024/5/17/art_3.html', release('release-2024-04.html'));
    publishListing(server, '/tjfb/index.html', [R3, DEAD], { charset: 'gbk', base: '/tjfb/', next: 'index_1.html' });
    publishListing(server, '/tjfb/index_1.html', [OLD, R2, R1]);
    const before = { r1: server.count('/tjfb/art/2024/3/19/art_1.html'), r2: server.count('/tjfb/art/2024/4/18/art_2.html') };
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-29']);
    const out = output(res);
    assert.equal(res.code, 0, out);
    assert.match(out, /stats-releases: 2 pages to read/);
    assert.match(out, /2024-05-17 {2}2024年1-4月全市经济运行简况 {2}\S+art_3\.html\n.*loaded: 3 observations/);
    assert.match(out, /2024-05-10 {2}2024年4月全市工业生产情况 {2}\S+gone\.html\n.*failed: \S+gone\.html: HTTP 404 Not Found \(a dead link on the listing/);
    assert.match(out, /printing a new edition \(en\): inputs changed since edition 1/);
    assert.deepEqual({ r1: server.count('/tjfb/art/2024/3/19/art_1.html'), r2: server.count('/tjfb/art/2024/4/18/art_2.html') }, before);
  });

  test('status shows when the listing was checked, its newest link and what is new since the last edition', async () => {
    const res = await runCli(['status', '--config', ws.config]);
    assert.equal(res.code, 0, output(res));
    assert.match(res.stdout, /stats-releases +checked \S+ \S+ \(loaded\)/);
    assert.match(res.stdout, /listing: 4 links, 0 new since the latest edition, 1 failed/);
    assert.match(res.stdout, /newest: 2024-05-17 {2}2024年1-4月全市经济运行简况 \(loaded\)/);
    assert.match(res.stdout, /failed: 2024-05-10 {2}2024年4月全市工业生产情况: \S+gone\.html: HTTP 404/);
    const json = JSON.parse((await runCli(['status', '--json', '--config', ws.config])).stdout) as Status;
    const s = json.sources.find((x) => x.name === 'stats-releases')!;
    assert.equal(s.listing!.links, 4);
    assert.equal(s.listing!.newest!.url, server.url('/tjfb/art/2024/5/17/art_3.html'));
  });

  test('nothing new: only 304s, "nothing new", no edition and no Chromium', async () => {
    // A Chromium that does not exist: starting one would fail the run.
    configure('chromium: { executablePath: /nonexistent/chromium }\n');
    const n = server.requests.length;
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-30']);
    const out = output(res);
    assert.equal(res.code, 0, out);
    assert.match(out, /stats-releases: nothing new \(2 listing pages unchanged, 4 links followed, all read before\)/);
    assert.match(out, /no change since edition 2/);
    assert.deepEqual(
      server.requests.slice(n).map((r) => [r.path, Boolean(r.headers['if-none-match'])]),
      [['/tjfb/index.html', true], ['/tjfb/index_1.html', true]],
    );
    const wh = await Warehouse.open(ws.warehouse);
    try {
      const [{ n: editions }] = await wh.all<{ n: number }>('select count(*)::int as n from editions');
      assert.equal(editions, 2);
      const [{ n: bad }] = await wh.all<{ n: number }>("select count(*)::int as n from snapshots where location like '%gone%'");
      assert.equal(bad, 0, 'the dead link left no snapshot');
    } finally {
      wh.close();
    }
  });
});
