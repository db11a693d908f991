import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LayoutError, SnapshotError } from '../../pipelines/errors.ts';
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

describe('ranking-prose on the forms real articles use', () => {
  const CITY_LIST = 'ccid-top100-advanced-manufacturing-cities';
  const rows = (r: { rankings: { year: number; rank: number; cityZh: string }[] }) => r.rankings.map((x) => [x.year, x.rank, x.cityZh]);

  it('reads 依次为 across a line break, 分列/分别 lists in digits and Chinese numerals, and ranks written before the name', async () => {
    const r = await parse('prose-respectively.txt', { list: CITY_LIST });
    assert.deepEqual(r.flagged, []);
    assert.deepEqual(rows(r), [
      ...['深圳', '苏州', '广州', '南京', '杭州', '宁波', '青岛', '长沙', '成都', '武汉'].map((c, i) => [2022, i + 1, c]),
      [2022, 11, '合肥'],
      [2022, 19, '郑州'],
      [2022, 40, '南昌'],
      [2022, 60, '太原'],
      [2022, 72, '洛阳'],
      [2022, 33, '徐州'],
      [2022, 50, '石家庄'],
    ]);
    // The year stands beside the list's name on the title line; each row keeps its sentence and where it stands.
    const text = fixture('prose-respectively.txt');
    for (const x of r.rankings) {
      assert.equal(x.yearSource, 'title');
      assert.equal(text.slice(x.offset!, x.offset! + x.quote!.length), x.quote);
    }
    assert.match(r.rankings[0]!.quote!, /依次为：\n深圳、苏州/);
  });

  it('pairs 分列/分别为 with a list named before a count or a verb of entry, and flags it when the counts differ', async () => {
    const r = await parse('prose-list-before.txt', { list: CITY_LIST });
    assert.deepEqual(rows(r), [
      [2023, 21, '西安'],
      [2023, 47, '宝鸡'],
      [2023, 64, '咸阳'],
      [2023, 70, '兰州'],
      [2023, 88, '天水'],
      [2023, 40, '绵阳'],
      [2023, 55, '德阳'],
      [2023, 61, '宜宾'],
    ]);
    assert.deepEqual(
      r.flagged.filter((f) => /分别/.test(f.reason)).map((f) => [f.row, f.reason]),
      [
        [6, '2 places (the text counts 4) and 2 ranks in one "分别" clause: 第39位和第80位; not loaded'],
        [7, '2 places and 3 ranks in one "分别" clause: 第35、第51和第77位; not loaded'],
      ],
    );
  });

  it('gives each rank of "排名第N的甲，排名第M的乙和排名第K位的丙" to the place right after it', async () => {
    const r = await parse('prose-rank-first.txt', { list: CITY_LIST });
    assert.deepEqual(r.flagged, []);
    assert.deepEqual(rows(r), [
      [2022, 33, '洛阳'],
      [2022, 50, '襄阳'],
      [2022, 51, '宜昌'],
      [2022, 40, '芜湖'],
      [2022, 41, '蚌埠'],
      [2022, 42, '阜阳'],
    ]);
  });

  it('reads a top N with the list named between (位居榜单前三名)', async () => {
    const body = '2023年示例先进制造业百强市榜单\n（虚构报道，仅供测试）深圳、苏州、广州位居榜单前三名。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: CITY_LIST }));
    assert.deepEqual(rows(r), [
      [2023, 1, '深圳'],
      [2023, 2, '苏州'],
      [2023, 3, '广州'],
    ]);
  });

  it('reads a move written with a comma before its verb (从2018年的第20位，跃升至第12位)', async () => {
    const body = '2022先进制造业百强市榜单\n（虚构报道，仅供测试）西安排名也从2018年的第20位，跃升至第12位。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: CITY_LIST }));
    assert.deepEqual(rows(r), [[2022, 12, '西安']]);
    assert.deepEqual(r.flagged.map((f) => f.reason), [`西安 rank 20 is the 2018 edition's, not 2022's; not loaded`]);
  });

  it('reads TOP headings, a repeated heading being one row', async () => {
    const body = '2020先进制造业城市排行榜\n摘要：TOP1:上海制造业基础雄厚……\nTOP1:上海制造业基础雄厚，创新能力位居第二。\nTOP2:深圳在融合发展维度排名第一。\n';
    const r = await adapter.parse(body, context('inline.txt', { list: CITY_LIST }));
    assert.deepEqual(rows(r), [
      [2020, 1, '上海'],
      [2020, 2, '深圳'],
    ]);
  });

  it("keeps this edition's rank and sets apart the earlier editions' (由去年52位前进到47位, 2022年…第44位), changes and year counts", async () => {
    const r = await parse('prose-editions.txt', { list: CITY_LIST });
    assert.deepEqual(rows(r), [
      [2023, 19, '宝鸡'],
      [2023, 47, '咸阳'],
      [2023, 64, '汉中'],
      [2023, 38, '榆林'],
      [2023, 90, '延安'],
    ]);
    assert.deepEqual(r.flagged.map((f) => f.reason), [
      "咸阳 rank 52 is the 2022 edition's, not 2023's; not loaded",
      "汉中 rank 71 is the rank it moved from, an earlier edition's; not loaded",
      "榆林 rank 44 is the 2022 edition's, not 2023's; not loaded",
    ]);
  });

  it('leaves out sub-rankings (a dimension, the province, a count) and flags the ranks of another list the sentence names', async () => {
    const r = await parse('prose-subrankings.txt', { list: CITY_LIST });
    assert.deepEqual(rows(r), [[2021, 21, '西安']]);
    assert.deepEqual(r.flagged.map((f) => f.reason), [
      ...[['宝鸡', 8], ['咸阳', 9], ['渭南', 10]].map(
        ([c, n]) => `${c} rank ${n} is in cass-city-sustainable-competitiveness (中国城市可持续竞争力), named in the sentence, not ${CITY_LIST}; not loaded`,
      ),
    ]);
  });

  it('leaves out the ranks within a kind of place (老工业城市排名前三甲, 中部城市中第3位), keeping 全国城市中, 晋城市 and a top-N of the list', async () => {
    const r = await parse('prose-groups.txt', { list: CITY_LIST });
    assert.deepEqual(rows(r), [
      [2021, 21, '西安'],
      [2021, 47, '宝鸡'],
      [2021, 64, '咸阳'],
      [2021, 60, '晋城'],
      [2021, 70, '聊城'],
      [2021, 1, '深圳'],
      [2021, 2, '广州'],
      [2021, 3, '苏州'],
    ]);
    // The group's top three are members of the list, not its first three.
    assert.deepEqual(r.flagged.map((f) => [f.row, f.reason]), ['西安', '宝鸡', '咸阳'].map((c) => [4, unranked(c)]));
  });

  it('gives an article naming a configured list its rows', async () => {
    const body = '2024年示例榜单\n（虚构）在示例绿色城市榜中，西安位列第7位。\n';
    const lists = [{ id: 'green-cities', unit: 'city' as const, name: '示例绿色城市榜', aliases: [] }];
    const own = await adapter.parse(body, { ...context('inline.txt', { list: 'green-cities' }), rankingLists: lists });
    assert.deepEqual(rows(own), [[2024, 7, '西安']]);
    const other = await adapter.parse(body, { ...context('inline.txt', { list: CITY_LIST }), rankingLists: lists });
    assert.deepEqual(other.rankings, []);
    assert.match(other.flagged[0]!.reason, /^西安 rank 7 is in green-cities/);
  });

  it('gives a county written after its city to the county: a city list flags it, a county list loads it', async () => {
    const body = '2023年示例百强名单\n（虚构）浙江湖州长兴县排名第31位，江苏苏州排名第4位，安徽芜湖市无为市排名第88位，盐城东台位居第40位，徐州下辖的邳州市位居第45位。\n';
    const cities = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(rows(cities), [[2023, 4, '苏州']]);
    assert.deepEqual(cities.flagged.map((f) => f.reason), [
      '长兴县 is a county-level division (of 湖州), not a city of the list',
      '无为市 is a county-level division (of 芜湖), not a city of the list',
      '东台 is a county-level division (of 盐城), not a city of the list',
      '邳州市 is a county-level division (of 徐州), not a city of the list',
    ]);
    const counties = await adapter.parse(body, context('inline.txt', { list: 'jixia-manufacturing-top100-counties' }));
    assert.deepEqual(rows(counties), [
      [2023, 31, '长兴县'],
      [2023, 88, '无为市'],
      [2023, 40, '东台市'],
      [2023, 45, '邳州市'],
    ]);
  });

  it('reads a place written right after its rank, not the one overtaken, and a run of ranks after 分列', async () => {
    const body = [
      '2024年示例百强城市榜',
      '（虚构）北京、上海稳居前两位，领先于第三位深圳(80.1)，广州与第五位杭州的差距缩小。',
      '（虚构）与上年相比，武汉前进一位，超过成都居第八位。',
      '（虚构）南京、苏州、重庆分列榜单第九至第十一位。',
    ].join('\n');
    const r = await adapter.parse(body, context('inline.txt', { list: 'x' }));
    assert.deepEqual(rows(r), [
      [2024, 1, '北京'],
      [2024, 2, '上海'],
      [2024, 3, '深圳'],
      [2024, 5, '杭州'],
      [2024, 8, '武汉'],
      [2024, 9, '南京'],
      [2024, 10, '苏州'],
      [2024, 11, '重庆'],
    ]);
  });

  it('loads a tie written as 并列 as a tie, both places, not as a duplicate', async () => {
    const r = await parse('prose-tie.txt', { list: 'x' });
    assert.deepEqual(r.flagged, []);
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.cityZh, x.tied ?? false]), [
      [6, '宁波', true],
      [6, '无锡', true],
      [8, '青岛', false],
    ]);
  });

  it('reads county and district lists through the county gazetteer; a shared district name needs the page to name its city', async () => {
    const r = await parse('prose-counties.txt', { list: 'jixia-manufacturing-top100-counties' });
    assert.deepEqual(r.rankings.map((x) => [x.year, x.rank, x.cityZh, x.province]), [
      [2022, 1, '昆山市', 'Jiangsu'],
      [2022, 2, '江阴市', 'Jiangsu'],
      [2022, 30, '长丰县', 'Anhui'],
      [2022, 5, '南山区', 'Guangdong'],
    ]);
    assert.equal(r.rankings[3]!.city, 'Nanshan District (Shenzhen)');
    assert.deepEqual(r.flagged.map((f) => f.reason), [
      '鼓楼区 is ambiguous: 鼓楼区 of Nanjing (Jiangsu), 鼓楼区 of Xuzhou (Jiangsu), 鼓楼区 of Fuzhou (Fujian), 鼓楼区 of Kaifeng (Henan); the page names none of their cities',
    ]);
  });

  it('invents no year: a date in a footer or a comparison year is not the list year', () => {
    assert.throws(
      () => parse('prose-no-year.txt', { list: 'x' }),
      (err: unknown) => err instanceof SnapshotError && /no year for the ranking in the text beside the list's name/.test(err.message),
    );
  });

  it('takes the year from the settings when the page gives none, and says so', async () => {
    const r = await parse('prose-no-year.txt', { list: 'x', year: 2019 });
    assert.deepEqual(r.rankings.map((x) => [x.year, x.yearSource, x.rank, x.cityZh]), [
      [2019, 'settings', 12, '西安'],
      [2019, 'settings', 15, '郑州'],
    ]);
  });
});
