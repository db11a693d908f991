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
        [5, '2|义乌市|浙江省|88.1', 'not in the gazetteer: 义乌市; add it to data/reference/cities.csv or fix the name'],
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
