import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LayoutError } from '../../pipelines/errors.ts';
import adapter from '../../pipelines/sources/ranking-text-table.ts';
import { context, fixture, fixturePath } from '../helpers/ranking-context.ts';

const parse = (name: string, settings: Record<string, unknown> = { list: 'text-list' }) =>
  adapter.parse(fixture(name), context(name, settings));

describe('ranking-text-table', () => {
  it('declares its kind and feed', () => {
    assert.equal(adapter.kind, 'ranking-text-table');
    assert.deepEqual(adapter.feeds, ['rankings']);
  });

  it('reads a space-separated table in plain text, a row without province included, and stops at the prose after it', async () => {
    const r = await parse('text-spaces.txt');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city, x.province, x.score]),
      [
        [2022, 1, 'Shenzhen', 'Guangdong', 90.1],
        [2022, 2, 'Shanghai', null, 89.4],
        [2022, 3, 'Suzhou', 'Jiangsu', 85.6],
        [2022, 4, 'Hangzhou', 'Zhejiang', 80.2],
        [2022, 5, "Xi'an", 'Shaanxi', 75.8],
        [2022, 6, 'Changsha', 'Hunan', 72.3],
        [2022, 7, 'Taiyuan', 'Shanxi', 66],
      ],
    );
  });

  it('reads tab and full-width-space separated lines inside an HTML article, year from the heading', async () => {
    const r = await parse('text-tabs.html');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city, x.province, x.score]),
      [
        [2023, 1, 'Guangzhou', 'Guangdong', 88.8],
        [2023, 2, 'Chengdu', 'Sichuan', 84.1],
        [2023, 3, 'Hohhot', 'Inner Mongolia', 70.5],
        [2023, 4, 'Harbin', 'Heilongjiang', 68],
        [2023, 5, 'Urumqi', 'Xinjiang', 61.2],
      ],
    );
  });

  it('reads a pipe table with English names, multi-word provinces and a rule line, not taking the title for the header', async () => {
    const r = await parse('text-pipes.txt');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city, x.cityZh, x.province]),
      [
        [2021, 1, 'Wuxi', '无锡', 'Jiangsu'],
        [2021, 2, "Xi'an", '西安', 'Shaanxi'],
        [2021, 3, 'Baotou', '包头', 'Inner Mongolia'],
        [2021, 4, 'Lhasa', '拉萨', 'Tibet'],
        [2021, 5, 'Shigatse', '日喀则', 'Tibet'],
      ],
    );
  });

  it('gives each row its line number and flags what the validator rejects', async () => {
    const r = await parse('text-flags.txt', { list: 'text-flags', complete: true });
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.city]), [[1, 'Wuxi']]);
    assert.deepEqual(
      r.flagged.map((f) => [f.row, f.raw, f.reason]),
      [
        [5, '2|义乌市|浙江省|88.1', '义乌市 is a county-level division (of 金华), not a city of the list'],
        [6, '3|南京市|江苏省|86.0', 'rank 3 appears 2 times in text-flags 2022'],
        [7, '3|宁波市|浙江省|85.2', 'rank 3 appears 2 times in text-flags 2022'],
        [8, '5|山西省|山西省|80.0', '山西省 is a province (Shanxi), not a city'],
        [null, 'text-flags 2022', 'text-flags 2022 should be complete but rank 4 is missing'],
      ],
    );
  });

  it('throws LayoutError when there is no header line', () => {
    assert.throws(
      () => parse('text-no-header.txt'),
      (err: unknown) =>
        err instanceof LayoutError &&
        err.message === `${fixturePath('text-no-header.txt')}: layout changed: no header line with rank and city columns (fix: check that the page still has this layout, or choose another adapter)`,
    );
  });

  it('throws LayoutError for a login page', () => {
    assert.throws(() => parse('login.html'), (err: unknown) => err instanceof LayoutError && /no header line with rank and city columns/.test(err.message));
  });

  it('throws LayoutError when a header has no rows under it', () => {
    const body = '2022年榜单\n排名 城市 得分\n\n以上为全部内容，详见附件。\n';
    assert.throws(
      () => adapter.parse(body, context('inline.txt', { list: 'x' })),
      (err: unknown) => err instanceof LayoutError && /no rows under the rank and city header line/.test(err.message),
    );
  });
});

describe('ranking-text-table on the forms real pages use', () => {
  it('reads a 总分 header with a year, Hong Kong, Macao and Taipei with their own province column, and flags a row cut by the end of the text', async () => {
    const r = await parse('text-score-header.txt', { list: 'cass-city-economic-competitiveness' });
    assert.deepEqual(r.rankings.map((x) => [x.year, x.rank, x.city, x.province, x.score]), [
      [2019, 1, 'Hong Kong', null, 0.98],
      [2019, 2, 'Shenzhen', 'Guangdong', 0.95],
      [2019, 3, 'Taipei', 'Taiwan', 0.9],
      [2019, 4, 'Macao', null, 0.85],
    ]);
    assert.deepEqual(r.flagged, [{ row: 8, raw: '5', reason: 'row cut short where the text ends: 5 (no place name); not loaded' }]);
    const text = fixture('text-score-header.txt');
    for (const x of r.rankings) assert.equal(text.slice(x.offset!, x.offset! + x.quote!.length), x.quote);
  });

  it('reads a county table flattened onto one line, the county column over the prefecture one, and flags the cut last row', async () => {
    const r = await parse('text-flattened-counties.txt', { list: 'caict-industrial-top100-counties' });
    assert.deepEqual(r.rankings.map((x) => [x.year, x.rank, x.cityZh, x.province, x.quote]), [
      [2020, 1, '江阴市', 'Jiangsu', '1 江苏 无锡市 江阴市'],
      [2020, 2, '昆山市', 'Jiangsu', '2 江苏 苏州市 昆山市'],
      [2020, 3, '准格尔旗', 'Inner Mongolia', '3 内蒙古 鄂尔多斯市 准格尔旗'],
      [2020, 4, '长沙县', 'Hunan', '4 湖南 长沙市 长沙县'],
    ]);
    assert.deepEqual(r.flagged.map((f) => f.reason), ['row cut short where the text ends: 5 江苏 苏州市 (no further columns); not loaded']);
  });

  it('reads a flattened city table with scores, flagging a name not in the gazetteer', async () => {
    const body = '2020年示例排名 排名 城市 得分 1 西安 90 2 宝鸡 80 3 某某 70\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.cityZh, x.score]), [
      [1, '西安', 90],
      [2, '宝鸡', 80],
    ]);
    assert.match(r.flagged[0]!.reason, /not in the gazetteer: 某某/);
  });
});

describe('ranking-text-table on a table printed in halves side by side', () => {
  const COUNTIES = 'ccid-top100-counties';

  it('reads both halves under a header that repeats its columns, a last line filling only its first half', async () => {
    const r = await parse('text-two-halves.txt', { list: COUNTIES });
    assert.deepEqual(r.flagged, []);
    assert.deepEqual(r.rankings.map((x) => [x.year, x.rank, x.cityZh, x.province]), [
      [2019, 1, '昆山市', 'Jiangsu'],
      [2019, 4, '常熟市', 'Jiangsu'],
      [2019, 2, '江阴市', 'Jiangsu'],
      [2019, 5, '晋江市', 'Fujian'],
      [2019, 3, '张家港市', 'Jiangsu'],
    ]);
    // Both rows of a line quote that line.
    assert.equal(r.rankings[1]!.quote, '1|昆山市|江苏省|4|常熟市|江苏省');
  });

  it('reads cells typed one a line between "|" lines, both halves, and flags the row the text cuts', async () => {
    const r = await parse('text-pipe-cells.txt', { list: COUNTIES });
    assert.deepEqual(r.rankings.map((x) => [x.year, x.yearSource, x.rank, x.cityZh]), [
      [2018, 'title', 1, '慈溪市'],
      [2018, 'title', 51, '长兴县'],
      [2018, 'title', 2, '义乌市'],
      [2018, 'title', 52, '平湖市'],
      [2018, 'title', 3, '长沙县'],
      [2018, 'title', 53, '嘉善县'],
      [2018, 'title', 4, '龙口市'],
    ]);
    // Each row's offset is where its rank cell stands.
    const text = fixture('text-pipe-cells.txt');
    for (const x of r.rankings) assert.ok(text.startsWith(String(x.rank), x.offset!));
    assert.deepEqual(r.flagged.map((f) => [f.row, f.reason]), [[57, 'row cut short where the text ends: 54 (no place name); not loaded']]);
  });
});

describe('ranking-text-table on a numbered list with no header', () => {
  it('reads rank, place and the first figure as the score, flags a value out of order and the cut last row', async () => {
    const r = await parse('text-numbered.txt', { list: 'china-city-gdp-ranking', year: 2021 });
    assert.deepEqual(r.rankings.map((x) => [x.yearSource, x.rank, x.cityZh, x.score]), [
      ['settings', 1, '西安', 9000.5],
      ['settings', 2, '成都', 8800],
      ['settings', 3, '重庆', 8500.25],
      ['settings', 5, '咸阳', 3300],
      ['settings', 6, '兰州', 2900],
    ]);
    assert.deepEqual(r.flagged.map((f) => [f.row, f.reason]), [
      [9, 'row cut short where the text ends: 7、银川市 2000亿 (no further columns); not loaded'],
      [6, 'score 2500 at rank 4 is out of line with its neighbours (rank 3: 8500.25, rank 5: 3300)'],
    ]);
  });

  it('invents no year for a numbered list whose page states none', () => {
    assert.throws(() => parse('text-numbered.txt', { list: 'china-city-gdp-ranking' }), /no year for the ranking/);
  });

  it('takes the rank from 全国排名, not from a 序号 beside it', async () => {
    const body = '2023年示例城市榜（虚构数据，仅供测试）\n序号 | 全国排名 | 城市 |\n1 | 3 | 西安 |\n2 | 17 | 宝鸡 |\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.cityZh]), [
      [3, '西安'],
      [17, '宝鸡'],
    ]);
  });
});
