// `xian-report run` on scraped sources of every shape, served by a real HTTP server on
// 127.0.0.1: tables, text tables, prose lists, releases in simplified and traditional,
// UTF-8, GBK and Big5, a 500 burst, 304s, then a changed layout and a login page.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import { serve, startPageServer, type PageServer } from './helpers/page-server.ts';
import { ROOT, makeWorkspace, pdfText, runCli, type Workspace } from './helpers/workspace.ts';

const fixture = (...p: string[]) => readFileSync(join(ROOT, 'tests', 'fixtures', ...p), 'utf8');
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ');

function configFor(server: PageServer): string {
  const src = (name: string, adapter: string, path: string, extra: string) =>
    `  - name: ${name}\n    adapter: ${adapter}\n    location: ${server.url(path)}\n    provenance: "test page ${path}"\n${extra}`;
  return [
    'warehouse: warehouse/test.duckdb',
    'outDir: out',
    'edition:',
    '  rankingList: e2e-html',
    'http: { timeoutMs: 2000, retries: 3, retryBaseMs: 10, perHostDelayMs: 0 }',
    'sources:',
    src('top100', 'ranking-html-table', '/top100.html', '    settings: { list: e2e-html, complete: true }'),
    src('article', 'ranking-text-table', '/article.txt', '    settings: { list: e2e-text }'),
    src('news', 'ranking-prose', '/news.html', '    settings: { list: e2e-prose }'),
    src('tjj-monthly', 'release-prose', '/tjj-2024-05.txt', '    published: 2024-06-18'),
    src('tjj-annual', 'release-prose', '/tjj-2023.html', '    published: 2024-01-20'),
    '',
  ].join('\n');
}

describe('run on scraped sources over HTTP', () => {
  let server: PageServer;
  let ws: Workspace;
  const db = async <T>(sql: string): Promise<T[]> => {
    const wh = await Warehouse.open(ws.warehouse);
    try {
      return await wh.all<T>(sql);
    } finally {
      wh.close();
    }
  };
  const xianRank = (list: string) => db<{ rank: number }>(`select rank from rankings where list = '${list}' and city = 'Xi''an'`);

  before(async () => {
    server = await startPageServer();
    ws = makeWorkspace();
    writeFileSync(ws.config, configFor(server));
    server.route('/top100.html', serve(utf8(fixture('rankings', 'html-chinese-headers.html')), 'text/html; charset=utf-8', { etag: '"top100-v1"' }));
    server.route(
      '/article.txt',
      serve(iconv.encode(fixture('rankings', 'text-spaces.txt'), 'gbk'), 'text/plain; charset=gbk', { lastModified: 'Tue, 01 Nov 2022 08:00:00 GMT' }),
    );
    const news = serve(utf8(fixture('rankings', 'prose-ordered.html')), 'text/html');
    // A burst of two 500s before the page comes.
    server.route('/news.html', (req, res, nth) => (nth <= 2 ? res.writeHead(500).end('busy') : news(req, res, nth)));
    server.route('/tjj-2024-05.txt', serve(utf8(fixture('releases', 'stats-bureau-2024-05.txt')), 'text/plain; charset=utf-8'));
    server.route('/tjj-2023.html', serve(iconv.encode(fixture('releases', 'stats-bureau-2023-annual-traditional.html'), 'big5'), 'text/html; charset=big5'));
  });
  after(async () => {
    await server.close();
    ws.cleanup();
  });

  test('every shape loads: rankings, releases, encodings, flags in quarantine', async () => {
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.equal(server.count('/news.html'), 3, 'two 500s, then the page');

    assert.deepEqual(
      await db('select list, count(*) as n from rankings group by list order by list'),
      [
        { list: 'e2e-html', n: 10 },
        { list: 'e2e-prose', n: 14 },
        { list: 'e2e-text', n: 7 },
      ],
    );
    assert.deepEqual(await xianRank('e2e-html'), [{ rank: 9 }]);
    assert.deepEqual(await xianRank('e2e-text'), [{ rank: 5 }]);
    assert.deepEqual(await xianRank('e2e-prose'), [{ rank: 12 }]);
    assert.deepEqual(
      await db("select rank, city, province from rankings where list = 'e2e-prose' and rank > 12 order by rank"),
      [
        { rank: 15, city: 'Zhengzhou', province: 'Henan' },
        { rank: 20, city: 'Changsha', province: 'Hunan' },
        { rank: 21, city: 'Hefei', province: 'Anhui' },
      ],
    );
    // A text row with no province takes the gazetteer's.
    assert.deepEqual(await db("select city, province, score from rankings where list = 'e2e-text' and rank = 6"), [
      { city: 'Changsha', province: 'Hunan', score: 72.3 },
    ]);

    const obs = await db<{ indicator: string; period_year: number; month_to: number; measure: string; value: number }>(
      "select indicator, period_year, month_to, measure, value from observations where geo = 'Xi''an' order by all",
    );
    const has = (indicator: string, year: number, monthTo: number, measure: string, value: number) =>
      assert.ok(
        obs.some((o) => o.indicator === indicator && o.period_year === year && o.month_to === monthTo && o.measure === measure && o.value === value),
        `${indicator} ${year}/${monthTo} ${measure} ${value}`,
      );
    has('industrial_value_added', 2024, 5, 'yoy_pct', 4.2);
    has('fixed_asset_investment', 2024, 5, 'yoy_pct', -3.1);
    has('retail_sales', 2024, 5, 'level', 2081.37);
    has('gdp', 2023, 12, 'level', 12010.76); // from the Big5 page in traditional characters
    has('gdp', 2023, 12, 'yoy_pct', 5.2);
    assert.ok(!obs.some((o) => o.value === 0.3), 'a comparison in points is no growth figure');

    const quarantined = await db<{ source: string; reason: string }>(
      'select s.source, q.reason from quarantine q join snapshots s on s.id = q.snapshot_id order by q.id',
    );
    assert.deepEqual(
      quarantined.filter((q) => q.source === 'tjj-monthly').map((q) => q.reason),
      [
        'unknown indicator: 制造业增加值',
        'unknown indicator: 限额以上单位商品零售额',
        'place "西安高新区" is not in the gazetteer',
        'growth is stated without a figure',
        'figure is approximate (突破1000亿元); not loaded',
      ],
    );
    assert.deepEqual(
      await db('select source, encoding from snapshots order by source'),
      [
        { source: 'article', encoding: 'gb18030' },
        { source: 'news', encoding: 'utf-8' },
        { source: 'tjj-annual', encoding: 'big5' },
        { source: 'tjj-monthly', encoding: 'utf-8' },
        { source: 'top100', encoding: 'utf-8' },
      ],
    );
    const listed = await runCli(['quarantine', '--config', ws.config, '--source', 'tjj-monthly', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(
      JSON.parse(listed.stdout).map((r: { reason: string }) => r.reason).reverse(),
      quarantined.filter((q) => q.source === 'tjj-monthly').map((q) => q.reason),
    );
    const human = await runCli(['quarantine', '--config', ws.config]);
    assert.match(human.stdout, /tjj-monthly {2}snapshot \d+, row \d+: figure is approximate \(突破1000亿元\); not loaded\n {4}全市重点项目完成投资突破1000亿元/);

    const text = squash(await pdfText(ws.path('out', 'latest.pdf')));
    // each figure carries its citation marker
    assert.match(text, /ranked 9th\[\d+\]/);
    assert.match(text, /January–May 2024, value added of industry above designated size grew 4\.2%\[\d+\] year on year/);
  });

  test('a second run reads nothing new: 304s and identical bodies are not loaded again', async () => {
    const before = server.requests.length;
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const again = server.requests.slice(before);
    assert.equal(again.find((r) => r.path === '/top100.html')?.headers['if-none-match'], '"top100-v1"');
    assert.equal(again.find((r) => r.path === '/article.txt')?.headers['if-modified-since'], 'Tue, 01 Nov 2022 08:00:00 GMT');
    assert.match(res.stdout + res.stderr, /top100: unchanged/);
    assert.deepEqual(await db('select count(*) as n from snapshots'), [{ n: 5 }]);
  });

  test('a changed layout and a login page fail their sources; the rest still load and nothing is lost', async () => {
    const editionsBefore = readdirSync(ws.path('out', 'editions')).length;
    server.route('/top100.html', serve(utf8('<html><body><h1>2023年榜单</h1><p>榜单请见附件下载。</p></body></html>'), 'text/html; charset=utf-8', { etag: '"top100-v2"' }));
    server.route('/tjj-2024-05.txt', serve(utf8(readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', 'login.html'), 'utf8')), 'text/html'));
    const moved = fixture('rankings', 'text-spaces.txt').replace('4 杭州 浙江 80.2\n5 西安 陕西 75.8', '4 西安 陕西 80.2\n5 杭州 浙江 75.8');
    server.route('/article.txt', serve(iconv.encode(moved, 'gbk'), 'text/plain; charset=gbk', { lastModified: 'Wed, 02 Nov 2022 08:00:00 GMT' }));

    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    const out = res.stdout + res.stderr;
    assert.equal(res.code, 1, out);
    assert.match(out, new RegExp(`top100: ${server.url('/top100.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: layout changed: no table with rank and city columns`));
    assert.match(out, /tjj-monthly: .*tjj-2024-05\.txt.*login page instead of data/);
    assert.match(out, /2 source\(s\) failed; no edition was built/);
    // The broken sources keep what they had; the healthy one moved on.
    assert.deepEqual(await xianRank('e2e-html'), [{ rank: 9 }]);
    assert.deepEqual(await db("select count(*) as n from observations where indicator = 'industrial_value_added' and period_year = 2024"), [{ n: 3 }]); // 1-5, May, and the province's
    assert.deepEqual(await xianRank('e2e-text'), [{ rank: 4 }]);
    assert.equal(readdirSync(ws.path('out', 'editions')).length, editionsBefore);
    // The page whose layout changed is kept for inspection; the login page was never stored.
    assert.deepEqual(await db("select source, status from snapshots where status = 'failed'"), [{ source: 'top100', status: 'failed' }]);
  });
});
