import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, LayoutError, SnapshotError } from '../../pipelines/errors.ts';
import adapter from '../../pipelines/sources/ranking-html-table.ts';
import { context, fixture, fixturePath } from '../helpers/ranking-context.ts';

const parse = (name: string, settings: Record<string, unknown> = { list: 'test-list' }) =>
  adapter.parse(fixture(name), context(name, settings));

describe('ranking-html-table', () => {
  it('declares its kind and feed', () => {
    assert.equal(adapter.kind, 'ranking-html-table');
    assert.deepEqual(adapter.feeds, ['rankings']);
  });

  it('reads a table with Chinese headers, taking the year from the page title', async () => {
    const r = await parse('html-chinese-headers.html');
    assert.equal(r.flagged.length, 0);
    assert.equal(r.rankings.length, 10);
    // Each row keeps its words (the table row) and where they stand in the page's visible text.
    const { quote, offset, ...first } = r.rankings[0]!;
    assert.deepEqual(first, { list: 'test-list', year: 2022, rank: 1, cityCode: '440300', city: 'Shenzhen', cityZh: '深圳', province: 'Guangdong', score: 91.6, yearSource: 'title' });
    assert.equal(quote, '1 | 深圳市 | 广东省 | 91.6');
    assert.equal(typeof offset, 'number');
    const { quote: _q, offset: _o, ...ninth } = r.rankings[8]!;
    assert.deepEqual(ninth, { list: 'test-list', year: 2022, rank: 9, cityCode: '610100', city: "Xi'an", cityZh: '西安', province: 'Shaanxi', score: 74.7, yearSource: 'title' });
    // A municipality ranks as a city, with no province of its own.
    assert.deepEqual(r.rankings[1]!.city, 'Shanghai');
    assert.equal(r.rankings[1]!.province, null);
    // 吉林 in a city list is Jilin city, in Jilin province.
    assert.deepEqual([r.rankings[9]!.city, r.rankings[9]!.province], ['Jilin', 'Jilin']);
    assert.deepEqual(r.observations, []);
    assert.deepEqual(r.firms, []);
  });

  it('takes the year from the settings over the page', async () => {
    const r = await parse('html-chinese-headers.html', { list: 'test-list', year: 2024 });
    assert.ok(r.rankings.every((row) => row.year === 2024));
  });

  it('reads English headers and English names, using the province to tell homonyms apart', async () => {
    const r = await parse('html-english-headers.html', { list: 'en', year: 2023 });
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.rank, x.city, x.cityZh, x.province]),
      [
        [1, 'Shenzhen', '深圳', 'Guangdong'],
        [2, 'Suzhou', '苏州', 'Jiangsu'],
        [3, "Xi'an", '西安', 'Shaanxi'],
        [4, 'Taiyuan', '太原', 'Shanxi'],
        [5, 'Hohhot', '呼和浩特', 'Inner Mongolia'],
        [6, 'Harbin', '哈尔滨', 'Heilongjiang'],
        [7, 'Urumqi', '乌鲁木齐', 'Xinjiang'],
        [8, 'Yulin', '榆林', 'Shaanxi'],
        [9, 'Suzhou', '宿州', 'Anhui'],
      ],
    );
  });

  it('skips a caption row, reads headers in <td>, ignores extra columns and section or note rows', async () => {
    const r = await parse('html-caption-row-td-headers.html');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city, x.score]),
      [
        [2023, 1, 'Shanghai', 95.3],
        [2023, 2, 'Shenzhen', 94],
        [2023, 3, 'Chongqing', 89.7],
        [2023, 4, 'Hefei', 81.2],
        [2023, 5, 'Changsha', 80.6],
        [2023, 6, "Xi'an", 79.9],
      ],
    );
  });

  it('picks the ranking among several tables, prefers 排名 over 序号 and reads the year from the caption', async () => {
    const r = await parse('html-two-tables.html');
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city, x.score]),
      [
        [2021, 3, 'Hangzhou', 82.5],
        [2021, 1, 'Wuxi', 86.1],
        [2021, 2, 'Foshan', 84],
      ],
    );
  });

  it('reads traditional characters', async () => {
    const r = await parse('html-traditional.html');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.rank, x.city, x.cityZh, x.province, x.score]),
      [
        [1, 'Guangzhou', '广州', 'Guangdong', 83.5],
        [2, 'Changsha', '长沙', 'Hunan', 79.2],
        [3, 'Zhengzhou', '郑州', 'Henan', 75],
        [4, "Xi'an", '西安', 'Shaanxi', 74.1],
        [5, 'Urumqi', '乌鲁木齐', 'Xinjiang', 60.8],
      ],
    );
  });

  it('flags implausible rows with a reason each and keeps the rest', async () => {
    const r = await parse('html-flags.html', { list: 'flags', complete: true });
    assert.deepEqual(
      r.rankings.map((x) => [x.rank, x.city]),
      [
        [1, 'Wuxi'],
        [2, 'Changzhou'],
        [12, 'Yancheng'],
      ],
    );
    assert.deepEqual(
      r.flagged.map((f) => [f.row, f.reason]),
      [
        [4, 'score 615 at rank 3 is out of line with its neighbours (rank 2: 88, rank 12: 70.2)'],
        [5, '昆山市 is a county-level division (of 苏州), not a city of the list'],
        [6, '陕西省 is a province (Shaanxi), not a city'],
        [7, "province 河北省 disagrees with the gazetteer: Xi'an is in Shaanxi"],
        [8, 'rank 7 appears 2 times in flags 2022'],
        [9, 'rank 7 appears 2 times in flags 2022'],
        [10, 'rank — is not a positive whole number'],
        [11, 'score 待定 is not a number of 0 or more'],
        [null, 'flags 2022 should be complete but ranks 8, 9, 11 are missing'],
      ],
    );
    // The province merged over two rows (rowspan) reaches the second row.
    assert.equal(r.flagged[0]!.raw, '3 | 南通市 | 江苏省 | 615');
  });

  it('does not check for gaps unless the list is declared complete', async () => {
    const r = await parse('html-flags.html', { list: 'flags' });
    assert.ok(!r.flagged.some((f) => f.row === null));
  });

  it('throws LayoutError for a page without a ranking table', () => {
    assert.throws(
      () => parse('html-no-table.html'),
      (err: unknown) =>
        err instanceof LayoutError &&
        err.message === `${fixturePath('html-no-table.html')}: layout changed: no table with rank and city columns (fix: check that the page still has this layout, or choose another adapter)`,
    );
  });

  it('throws LayoutError for a login page', () => {
    assert.throws(() => parse('login.html'), (err: unknown) => err instanceof LayoutError && /no table with rank and city columns/.test(err.message));
  });

  it('throws SnapshotError naming the setting when no year can be found', () => {
    assert.throws(
      () => parse('html-no-year.html'),
      (err: unknown) =>
        err instanceof SnapshotError &&
        !(err instanceof LayoutError) &&
        err.message === `${fixturePath('html-no-year.html')}: no year for the ranking in the page title or caption (fix: set \`year\` in the source's settings)`,
    );
  });

  it('throws ConfigError when the list id or a valid year is missing from the settings', () => {
    assert.throws(
      () => parse('html-chinese-headers.html', {}),
      (err: unknown) => err instanceof ConfigError && err.message === "source test-ranking: set `list` (the ranking's id) in the source's settings",
    );
    assert.throws(
      () => parse('html-chinese-headers.html', { list: 'x', year: 'last year' }),
      (err: unknown) => err instanceof ConfigError && err.message === 'source test-ranking: settings.year must be a four-digit year, got "last year"',
    );
  });
});
