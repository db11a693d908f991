// `xian-report extract` through the real CLI: one JSON document, every field spelled out.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeWorkspace, runCli } from '../helpers/workspace.ts';

const json = async (args: string[]) => {
  const res = await runCli(['extract', ...args, '--json']);
  return { ...res, doc: res.stdout ? JSON.parse(res.stdout) : null };
};

test('a traditional-Chinese release: observations with indicator names and periods', async () => {
  const { code, doc } = await json(['tests/fixtures/releases/stats-bureau-2023-annual-traditional.html', '--kind', 'release', '--published', '2024-01-20']);
  assert.equal(code, 0);
  assert.equal(doc.adapter, 'release-prose');
  const gdp = doc.observations.filter((o: { indicator: { id: string } }) => o.indicator.id === 'gdp');
  assert.deepEqual(gdp[0], {
    geo: "Xi'an",
    geoZh: '西安',
    indicator: { id: 'gdp', nameEn: 'gross domestic product (GDP)', nameZh: '地区生产总值' },
    period: { year: 2023, monthFrom: 1, monthTo: 12 },
    measure: 'level',
    value: 12010.76,
    unit: '亿元',
    comparisonGroup: null,
    // where the year came from, and the words the figure was read from with where they stand in the page
    yearSource: 'published',
    quote: '根据地区生产总值统一核算结果，全年，全市地区生产总值12010.76亿元，按不变价格计算，比上年增长5.2%',
    offset: 22,
    loadable: true,
    problem: null,
  });
  assert.ok(gdp.some((o: { measure: string; value: number }) => o.measure === 'yoy_pct' && o.value === 5.2));
  // "增速比前三季度提高0.3个百分点" is a comparison, not a growth figure.
  assert.ok(!doc.observations.some((o: { value: number }) => o.value === 0.3));
  assert.deepEqual(Object.keys(doc).sort(), ['adapter', 'encoding', 'flagged', 'location', 'observations', 'rankingWords', 'rankings', 'tried']);
});

test('a plain-text ranking table: rankings with canonical names', async () => {
  const { code, doc } = await json(['tests/fixtures/rankings/text-pipes.txt', '--kind', 'ranking', '--list', 'test-list']);
  assert.equal(code, 0);
  assert.equal(doc.adapter, 'ranking-text-table');
  // Each row says where its words stand (offset in the page text) and where its year came from;
  // the words themselves are in rankingWords, at that offset, with the ranks read from them.
  assert.deepEqual(doc.rankings[1], {
    list: 'test-list', year: 2021, rank: 2, cityCode: '610100', city: "Xi'an", cityZh: '西安', province: 'Shaanxi', score: 80.5,
    yearSource: 'title', offset: 161, tied: false,
  });
  const words = doc.rankingWords.find((w: { offset: number }) => w.offset === 161);
  assert.deepEqual(words, { offset: 161, quote: "| 2 | Xi'an | Shaanxi | 80.5 |", ranks: [2] });
  const page = readFileSync('tests/fixtures/rankings/text-pipes.txt', 'utf8');
  assert.equal(page.slice(161, 161 + words.quote.length), words.quote);
});

test('a sentence naming several cities: its words once, and each row names only its own city', async () => {
  const { code, doc } = await json(['tests/fixtures/rankings/prose-top-n.txt', '--kind', 'ranking', '--list', 'x', '--year', '2022']);
  assert.equal(code, 0);
  type Row = { rank: number; cityZh: string; offset: number };
  const rows: Row[] = doc.rankings;
  const top5 = rows.filter((r) => r.rank <= 5);
  assert.deepEqual(top5.map((r) => r.cityZh), ['深圳', '上海', '苏州', '北京', '广州']);
  // The sentence that gave five ranks is listed once, with them, where their offset points.
  const sentence = doc.rankingWords.filter((w: { quote: string }) => w.quote.includes('位列前五名'));
  assert.equal(sentence.length, 1);
  assert.deepEqual(sentence[0].ranks, [1, 2, 3, 4, 5]);
  assert.ok(top5.every((r) => r.offset === sentence[0].offset));
  // A row read by name matches only its own city: no other city's name is among its fields.
  for (const r of rows) {
    const others = rows.filter((o) => o.cityZh !== r.cityZh).map((o) => o.cityZh);
    assert.deepEqual(others.filter((name) => JSON.stringify(r).includes(name)), [], `row ${r.rank} (${r.cityZh}) names another city`);
  }
});

test('flags come with their reasons; a page that fits no adapter exits 1 saying why', async () => {
  const flagged = await json(['tests/fixtures/rankings/html-flags.html', '--kind', 'ranking', '--year', '2022']);
  assert.ok(flagged.doc.flagged.some((f: { reason: string }) => /score 615 at rank 3 is out of line/.test(f.reason)));
  assert.ok(flagged.doc.flagged.some((f: { reason: string }) => /陕西省 is a province/.test(f.reason)));
  const login = await runCli(['extract', 'tests/fixtures/rankings/login.html']);
  assert.equal(login.code, 1);
  assert.match(login.stdout, /nothing found/);
  assert.match(login.stdout, /ranking-html-table: .*no table with rank and city columns/);
});

test('a bad --published is a usage error', async () => {
  const res = await runCli(['extract', 'tests/fixtures/rankings/text-pipes.txt', '--published', 'June']);
  assert.equal(res.code, 2);
  assert.match(res.stderr + res.stdout, /--published: "June"/);
});

test('the human output marks ties and says when no score let the order be checked', async () => {
  const res = await runCli(['extract', 'tests/fixtures/rankings/prose-tie.txt', '--kind', 'ranking', '--list', 'x']);
  assert.equal(res.code, 0);
  assert.match(res.stdout, /#6 \(tied\)  Ningbo 宁波/);
  assert.match(res.stdout, /#6 \(tied\)  Wuxi 无锡/);
  assert.match(res.stdout, /no scores on the page: the order of ranks was not checked against scores/);
});

test("the config's own ranking lists are used when there is a config; without one, extract still reads the page", async (t) => {
  const ws = makeWorkspace();
  const bare = mkdtempSync(join(tmpdir(), 'xian-report-extract-'));
  t.after(() => {
    ws.cleanup();
    rmSync(bare, { recursive: true, force: true });
  });
  // A sentence that gives a rank in a list only the config knows.
  const page = '2024年示例榜单\n（虚构）在示例绿色城市榜中，西安位列第7位。\n';
  for (const dir of [ws.dir, bare]) writeFileSync(join(dir, 'page.txt'), page);
  appendFileSync(ws.config, '\nrankingLists:\n  - id: green-cities\n    unit: city\n    name: 示例绿色城市榜\n    aliases: []\n');

  // The default config of the folder: the rank is green-cities', not the CCID list's.
  const withConfig = await runCli(['extract', 'page.txt', '--kind', 'ranking', '--json'], { cwd: ws.dir });
  assert.equal(withConfig.code, 0, withConfig.stderr);
  const doc = JSON.parse(withConfig.stdout);
  assert.deepEqual(doc.rankings, []);
  assert.match(doc.flagged[0].reason, /^西安 rank 7 is in green-cities/);
  // The same list asked for by id reads the row.
  const own = JSON.parse((await runCli(['extract', 'page.txt', '--kind', 'ranking', '--list', 'green-cities', '--json'], { cwd: ws.dir })).stdout);
  assert.deepEqual(own.rankings.map((r: { rank: number; cityZh: string }) => [r.rank, r.cityZh]), [[7, '西安']]);

  // No config in the folder: extract needs none (the list is then unknown to it).
  const without = await runCli(['extract', 'page.txt', '--kind', 'ranking', '--json'], { cwd: bare });
  assert.equal(without.code, 0, without.stderr);
  assert.equal(JSON.parse(without.stdout).rankings.length, 1);
  // A config named on the command line must be there.
  const missing = await runCli(['extract', 'page.txt', '--config', 'nowhere.yaml'], { cwd: bare });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /nowhere\.yaml: config file not found/);
});

test('without --city, a release that never names the default city is shown unplaced; --city places it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'xian-report-extract-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'page.txt'), '1-10月，全市工业投资同比增长9.2%，增速居全省第八。\n');
  const read = async (more: string[]) => {
    const res = await runCli(['extract', 'page.txt', '--kind', 'release', '--published', '2022-11-20', '--json', ...more], { cwd: dir });
    assert.equal(res.code, 0, res.stderr);
    return JSON.parse(res.stdout).observations.map((o: { geoZh: string | null; value: number; loadable: boolean }) => [o.geoZh, o.value, o.loadable]);
  };
  assert.deepEqual(await read([]), [[null, 9.2, false]]);
  assert.deepEqual(await read(['--city', '苏州']), [['苏州', 9.2, true]]);
});
