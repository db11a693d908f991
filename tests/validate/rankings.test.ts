import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateRankings, type ReadRankingRow } from '../../pipelines/validate/rankings.ts';

const CITIES = ['深圳', '上海', '苏州', '北京', '广州', '宁波', '武汉', '成都', '杭州', '南京', '青岛', '无锡', '长沙', '郑州', '佛山', '泉州', '东莞', '济南', '合肥', '福州', '南通', '西安', '常州', '烟台', '唐山', '徐州', '大连', '温州', '昆明', '沈阳', '厦门'];

const row = (rank: number, city: string, score: number | null = null, extra: Partial<ReadRankingRow> = {}): ReadRankingRow => ({
  list: 'test',
  year: 2022,
  rank,
  city,
  province: null,
  score,
  raw: `${rank} ${city} ${score ?? ''}`.trim(),
  line: rank + 1,
  ...extra,
});
const scored = (scores: number[]): ReadRankingRow[] => scores.map((s, i) => row(i + 1, CITIES[i]!, s));
const reasons = (rows: ReadRankingRow[], complete = false) => validateRankings(rows, { complete }).flagged.map((f) => f.reason);

describe('validateRankings', () => {
  it('returns canonical rows for clean input, in any script or English', () => {
    const { clean, flagged } = validateRankings([row(1, '深圳市', 90), row(2, '長沙市', 80, { province: '湖南省' }), row(3, "xi'an", 70, { province: 'Shaanxi' }), row(4, '北京', 60, { province: '北京市' })]);
    assert.deepEqual(flagged, []);
    assert.deepEqual(clean, [
      { list: 'test', year: 2022, rank: 1, cityCode: '440300', city: 'Shenzhen', cityZh: '深圳', province: 'Guangdong', score: 90 },
      { list: 'test', year: 2022, rank: 2, cityCode: '430100', city: 'Changsha', cityZh: '长沙', province: 'Hunan', score: 80 },
      { list: 'test', year: 2022, rank: 3, cityCode: '610100', city: "Xi'an", cityZh: '西安', province: 'Shaanxi', score: 70 },
      { list: 'test', year: 2022, rank: 4, cityCode: '110000', city: 'Beijing', cityZh: '北京', province: null, score: 60 },
    ]);
  });

  it('keeps raw text and line on flagged rows', () => {
    const { flagged } = validateRankings([row(1, '某某市', null, { raw: '1 | 某某市', line: 7 })]);
    assert.deepEqual(flagged, [{ row: 7, raw: '1 | 某某市', reason: 'not in the gazetteer: 某某市; add it to data/reference/cities.csv or fix the name' }]);
  });

  it('flags every row of a duplicate rank, within one list and year only', () => {
    const rows = [row(1, '深圳'), row(2, '上海'), row(2, '苏州'), row(2, '北京', null, { year: 2023 })];
    const { clean, flagged } = validateRankings(rows);
    assert.deepEqual(flagged.map((f) => [f.raw, f.reason]), [
      ['2 上海', 'rank 2 appears 2 times in test 2022'],
      ['2 苏州', 'rank 2 appears 2 times in test 2022'],
    ]);
    assert.deepEqual(clean.map((c) => c.city), ['Shenzhen', 'Beijing']);
  });

  it('flags gaps in a complete list as an item of its own, naming the missing ranks', () => {
    const rows = [row(1, '深圳'), row(2, '上海'), row(5, '苏州'), row(7, '北京')];
    const { clean, flagged } = validateRankings(rows, { complete: true });
    assert.equal(clean.length, 4);
    assert.deepEqual(flagged, [{ row: null, raw: 'test 2022', reason: 'test 2022 should be complete but ranks 3, 4, 6 are missing' }]);
    assert.deepEqual(reasons([row(1, '深圳'), row(3, '上海')], true), ['test 2022 should be complete but rank 2 is missing']);
    assert.deepEqual(reasons(rows, false), []);
  });

  it('flags a wild score among 30-to-90 scores, the outlier only', () => {
    assert.deepEqual(reasons(scored([90.2, 85.1, 80.3, 615, 72.5, 66.0, 58.4, 47.9, 39.2, 30.6])), [
      'score 615 at rank 4 is out of line with its neighbours (rank 3: 80.3, rank 5: 72.5)',
    ]);
  });

  it('flags a 30th place scoring 88.0 between 52.3 and 51.9', () => {
    const scores = Array.from({ length: 31 }, (_, i) => Number((80 - i * 0.95).toFixed(1)));
    scores[28] = 52.3;
    scores[29] = 88.0;
    scores[30] = 51.9;
    assert.deepEqual(reasons(scored(scores)), ['score 88 at rank 30 is out of line with its neighbours (rank 29: 52.3, rank 31: 51.9)']);
  });

  it('flags a score that drops out of line, not the neighbour that is then higher', () => {
    assert.deepEqual(reasons(scored([90, 85, 12, 80, 78])), ['score 12 at rank 3 is out of line with its neighbours (rank 2: 85, rank 4: 80)']);
  });

  it('does not flag ties, a leading high score or rows without scores', () => {
    assert.deepEqual(reasons(scored([80, 80, 80, 79.5, 79.5])), []);
    assert.deepEqual(reasons(scored([100, 62, 61, 60])), []);
    assert.deepEqual(reasons([row(1, '深圳', 80), row(2, '上海', null), row(3, '苏州', 70)]), []);
  });

  it('checks order by rank, not by row order', () => {
    assert.deepEqual(reasons([row(3, '苏州', 70), row(1, '深圳', 90), row(2, '上海', 80)]), []);
  });

  it('flags a name not in the gazetteer, a county in a list of cities, and a row without a name', () => {
    assert.deepEqual(reasons([row(1, '某某市'), row(2, '昆山市'), row(3, '  ')]), [
      'not in the gazetteer: 某某市; add it to data/reference/cities.csv or fix the name',
      '昆山市 is a county-level division (of 苏州), not a city of the list',
      'the row has no city name',
    ]);
  });

  it('flags a province in a list of cities, but not a municipality or 吉林', () => {
    assert.deepEqual(reasons([row(1, '陕西省'), row(2, '广西'), row(3, '重庆'), row(4, '吉林')]), [
      '陕西省 is a province (Shaanxi), not a city',
      '广西 is a province (Guangxi), not a city',
    ]);
  });

  it('flags a province that disagrees with the gazetteer, or that it does not know', () => {
    assert.deepEqual(reasons([row(1, '西安', null, { province: '山西' }), row(2, '太原', null, { province: 'Shaanxi' }), row(3, '宝鸡', null, { province: '秦国' })]), [
      "province 山西 disagrees with the gazetteer: Xi'an is in Shaanxi",
      'province Shaanxi disagrees with the gazetteer: Taiyuan is in Shanxi',
      'province not in the gazetteer: 秦国',
    ]);
  });

  it('flags ranks that are not positive whole numbers, quoting the cell', () => {
    assert.deepEqual(reasons([row(0, '深圳'), row(-2, '上海'), row(2.5, '苏州'), row(Number.NaN, '北京', null, { rankText: '第?位' })]), [
      'rank 0 is not a positive whole number',
      'rank -2 is not a positive whole number',
      'rank 2.5 is not a positive whole number',
      'rank 第?位 is not a positive whole number',
    ]);
  });

  it('flags scores that are negative or not numbers', () => {
    assert.deepEqual(reasons([row(1, '深圳', -1), row(2, '上海', Number.NaN, { scoreText: 'n.a.' }), row(3, '苏州', Number.POSITIVE_INFINITY)]), [
      'score -1 is not a number of 0 or more',
      'score n.a. is not a number of 0 or more',
      'score Infinity is not a number of 0 or more',
    ]);
  });

  it('joins several reasons for one row', () => {
    assert.deepEqual(reasons([row(0, '某某市', -5)]), [
      'rank 0 is not a positive whole number; score -5 is not a number of 0 or more; not in the gazetteer: 某某市; add it to data/reference/cities.csv or fix the name',
    ]);
  });
});

describe('validateRankings: ties, county lists, years and words', () => {
  it('loads a tie written as such, both rows, and still flags an unmarked duplicate', () => {
    const { clean, flagged } = validateRankings([row(1, '深圳'), row(2, '上海', null, { tied: true }), row(2, '苏州', null, { tied: true }), row(4, '北京'), row(4, '广州')]);
    assert.deepEqual(clean.map((r) => [r.rank, r.cityZh, r.tied ?? false]), [
      [1, '深圳', false],
      [2, '上海', true],
      [2, '苏州', true],
    ]);
    assert.deepEqual(flagged.map((f) => f.reason), ['rank 4 appears 2 times in test 2022', 'rank 4 appears 2 times in test 2022']);
  });

  it('resolves a county list in the county layer, by the prefecture column or the cities the page names', () => {
    const rows = [row(1, '江阴'), row(2, '南山区', null, { prefecture: '深圳市' }), row(3, '龙华区'), row(4, '鼓楼区')];
    const { clean, flagged } = validateRankings(rows, { unit: 'county', prefectures: ['海口'] });
    assert.deepEqual(clean.map((r) => [r.rank, r.city, r.cityZh, r.province]), [
      [1, 'Jiangyin (Wuxi)', '江阴市', 'Jiangsu'],
      [2, 'Nanshan District (Shenzhen)', '南山区', 'Guangdong'],
      [3, 'Longhua District (Haikou)', '龙华区', 'Hainan'],
    ]);
    assert.match(flagged[0]!.reason, /^鼓楼区 is ambiguous: /);
  });

  it('flags a prefecture-level city in a county list, and keeps prefecture behaviour for city lists', () => {
    assert.deepEqual(reasons([row(1, '苏州')]), []);
    const { flagged } = validateRankings([row(1, '苏州')], { unit: 'county' });
    assert.deepEqual(flagged.map((f) => f.reason), ['苏州 is a prefecture-level city (Suzhou), not a county or district']);
    const { clean } = validateRankings([row(1, '吉林')]);
    assert.equal(clean[0]!.city, 'Jilin');
  });

  it('flags a row with no year instead of inventing one, and passes quote, offset and year source through', () => {
    const { clean, flagged } = validateRankings([
      row(1, '西安', null, { year: null }),
      row(2, '宝鸡', null, { quote: '宝鸡位列第2位。', offset: 40, yearSource: 'text' }),
    ]);
    assert.match(flagged[0]!.reason, /no year for the list/);
    assert.deepEqual(clean, [{ list: 'test', year: 2022, rank: 2, cityCode: '610300', city: 'Baoji', cityZh: '宝鸡', province: 'Shaanxi', score: null, yearSource: 'text', quote: '宝鸡位列第2位。', offset: 40 }]);
  });
});
