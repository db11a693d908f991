import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LayoutError } from '../../pipelines/errors.ts';
import adapter from '../../pipelines/sources/ranking-prose.ts';
import { context, fixture, fixturePath } from '../helpers/ranking-context.ts';

const parse = (name: string, settings: Record<string, unknown> = { list: 'prose-list' }) =>
  adapter.parse(fixture(name), context(name, settings));

const unranked = (city: string): string => `listed without a rank: ${city}; the text does not state the order as a ranking`;

describe('ranking-prose', () => {
  it('declares its kind and feed', () => {
    assert.equal(adapter.kind, 'ranking-prose');
    assert.deepEqual(adapter.feeds, ['rankings']);
  });

  it('ranks a list stated as 依次为 and reads explicit ranks, Chinese numerals included, ignoring rank changes', async () => {
    const r = await parse('prose-ordered.html');
    assert.equal(r.flagged.length, 0);
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city]),
      [
        [2022, 1, 'Shenzhen'],
        [2022, 2, 'Shanghai'],
        [2022, 3, 'Suzhou'],
        [2022, 4, 'Beijing'],
        [2022, 5, 'Guangzhou'],
        [2022, 6, 'Ningbo'],
        [2022, 7, 'Wuhan'],
        [2022, 8, 'Chengdu'],
        [2022, 9, 'Hangzhou'],
        [2022, 10, 'Nanjing'],
        [2022, 12, "Xi'an"],
        [2022, 15, 'Zhengzhou'],
        [2022, 21, 'Hefei'],
        [2022, 20, 'Changsha'],
      ],
    );
    assert.ok(r.rankings.every((x) => x.score === null));
  });

  it('ranks "…位列前五名" when the count matches, and flags a membership list instead of inventing ranks', async () => {
    const r = await parse('prose-top-n.txt');
    assert.deepEqual(
      r.rankings.map((x) => [x.year, x.rank, x.city]),
      [
        [2021, 1, 'Shenzhen'],
        [2021, 2, 'Shanghai'],
        [2021, 3, 'Suzhou'],
        [2021, 4, 'Beijing'],
        [2021, 5, 'Guangzhou'],
        [2021, 8, 'Chongqing'],
        [2021, 11, 'Chengdu'],
      ],
    );
    // 西安、成都、重庆等…入选: listed, not ranked. 与兰州、银川开展合作 is no ranking at all.
    assert.deepEqual(
      r.flagged.map((f) => [f.row, f.reason]),
      [
        [4, unranked('西安')],
        [4, unranked('成都')],
        [4, unranked('重庆')],
      ],
    );
  });

  it('returns only flags for a page that lists members without ranks', async () => {
    const r = await parse('prose-membership.txt', { list: 'members', year: 2023 });
    assert.deepEqual(r.rankings, []);
    assert.deepEqual(r.flagged.map((f) => f.reason), ['西安', '宝鸡', '咸阳', '某某市'].map(unranked));
    assert.equal(r.flagged[0]!.raw, '（虚构报道，仅供测试）西安、宝鸡、咸阳、某某市入选百强榜单，榜单未公布具体名次。');
  });

  it('does not take a list for a ranking when the count differs from 前N', async () => {
    const body = '2022年榜单\n西安、成都、重庆位列前十名。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings, []);
    assert.deepEqual(r.flagged.map((f) => f.reason), ['西安', '成都', '重庆'].map(unranked));
  });

  it('keeps 和田 whole and splits 和 between names', async () => {
    const body = '2022年西部城市榜单\n前三名依次为乌鲁木齐、和田和喀什。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.city]), [
      [1, 'Urumqi'],
      [2, 'Hotan'],
      [3, 'Kashgar'],
    ]);
  });

  it('passes unknown names and bad ranks to the validator', async () => {
    const body = '2022年榜单\n某某市第5位，西安第0位。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings, []);
    assert.deepEqual(r.flagged.map((f) => f.reason), [
      'not in the gazetteer: 某某市; add it to data/reference/cities.csv or fix the name',
      'rank 0 is not a positive whole number',
    ]);
  });

  it('reads traditional characters', async () => {
    const body = '2022年城市排行\n長沙市第七位，烏魯木齊市第二十位。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.city, x.cityZh]), [
      [7, 'Changsha', '长沙'],
      [20, 'Urumqi', '乌鲁木齐'],
    ]);
  });

  it('throws LayoutError when the text ranks nothing', () => {
    assert.throws(
      () => parse('prose-none.txt'),
      (err: unknown) =>
        err instanceof LayoutError &&
        err.message ===
          `${fixturePath('prose-none.txt')}: layout changed: no ranked list of cities in the text (no "依次为…" list and no "某市第N位") (fix: check that the page still has this layout, or choose another adapter)`,
    );
  });

  it('throws LayoutError for a login page', () => {
    assert.throws(() => parse('login.html', { list: 'x', year: 2022 }), (err: unknown) => err instanceof LayoutError);
  });
});
