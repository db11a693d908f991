import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ConfigError, LayoutError } from '../../pipelines/errors.ts';
import adapter, { NO_PERIOD, NO_PLACE, NO_YEAR } from '../../pipelines/sources/release-prose.ts';
import type { ParseContext } from '../../pipelines/sources/contract.ts';
import type { FlaggedRow, ObservationRow } from '../../pipelines/types.ts';
import { lookupPlace as gazetteer } from '../../pipelines/geo/places.ts';
import { SHAANXI, testContext } from '../helpers/context.ts';

const FIXTURES = new URL('../fixtures/releases/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

// The figures themselves; their words and year sources have tests of their own (release-pages.test.ts).
const core = ({ quote: _q, offset: _o, yearSource: _y, ...row }: ObservationRow): ObservationRow => row;
const parse = async (body: string, over: Partial<ParseContext> = {}) => {
  const r = await adapter.parse(body, testContext(over));
  return { ...r, observations: r.observations.map(core), flagged: r.flagged.map(({ observation: _, ...f }) => f) };
};

type Short = [string, string, number, number, number, ObservationRow['measure'], number, string];
const rows = (list: Short[]): ObservationRow[] =>
  list.map(([geo, indicator, periodYear, monthFrom, monthTo, measure, value, unit]) => ({
    geoCode: { "Xi'an": '610100', Shaanxi: '610000', Baoji: '610300' }[geo] ?? '',
    geo,
    geoZh: { "Xi'an": '西安', Shaanxi: '陕西', Baoji: '宝鸡' }[geo] ?? null,
    indicator,
    periodYear,
    monthFrom,
    monthTo,
    measure,
    value,
    unit,
    comparisonGroup: null,
  }));
const X = "Xi'an";

describe('release-prose adapter', () => {
  it('declares its kind and table', () => {
    assert.equal(adapter.kind, 'release-prose');
    assert.deepEqual(adapter.feeds, ['observations']);
  });

  it('reads a statistics bureau release in plain text', async () => {
    const r = await parse(fixture('stats-bureau-2024-05.txt'), { published: '2024-06-18' });
    assert.deepEqual(
      r.observations,
      rows([
        // 比1-4月回落0.3个百分点 and 高于全省1.2个百分点 give nothing; 制造业增加值 is not in the vocabulary
        [X, 'industrial_value_added', 2024, 1, 5, 'yoy_pct', 4.2, '%'],
        [X, 'industrial_value_added', 2024, 5, 5, 'yoy_pct', 6.8, '%'],
        [X, 'fixed_asset_investment', 2024, 1, 5, 'yoy_pct', -3.1, '%'],
        [X, 'industrial_investment', 2024, 1, 5, 'yoy_pct', 12.5, '%'],
        [X, 'manufacturing_investment', 2024, 1, 5, 'yoy_pct', 15.2, '%'],
        [X, 'high_tech_manufacturing_investment', 2024, 1, 5, 'yoy_pct', 21, '%'],
        [X, 'infrastructure_investment', 2024, 1, 5, 'yoy_pct', -8.4, '%'],
        [X, 'real_estate_investment', 2024, 1, 5, 'yoy_pct', -15.3, '%'],
        [X, 'private_investment', 2024, 1, 5, 'yoy_pct', 0, '%'],
        [X, 'retail_sales', 2024, 1, 5, 'level', 2081.37, '亿元'],
        [X, 'retail_sales', 2024, 1, 5, 'yoy_pct', 2.6, '%'],
        [X, 'imports_exports', 2024, 1, 5, 'level', 1503.2, '亿元'],
        [X, 'imports_exports', 2024, 1, 5, 'yoy_pct', -4.5, '%'],
        [X, 'exports', 2024, 1, 5, 'level', 963.4, '亿元'],
        [X, 'exports', 2024, 1, 5, 'yoy_pct', 3.3, '%'],
        [X, 'imports', 2024, 1, 5, 'level', 539.8, '亿元'],
        [X, 'imports', 2024, 1, 5, 'yoy_pct', -15, '%'],
        ['Shaanxi', 'industrial_value_added', 2024, 1, 5, 'yoy_pct', 3, '%'],
      ]),
    );
    assert.deepEqual(r.flagged, [
      // words outside the vocabulary next to a figure: shown, not loaded
      { row: 5, raw: '其中，制造业增加值增长5.6%', reason: 'unknown indicator: 制造业增加值' },
      { row: 12, raw: '其中，限额以上单位商品零售额增长1.9%', reason: 'unknown indicator: 限额以上单位商品零售额' },
      { row: 18, raw: '西安高新区规模以上工业增加值增长9.1%，继续领跑全市', reason: 'place "西安高新区" is not in the gazetteer' },
      { row: 18, raw: '全市高技术产业投资同比增长，增速较一季度加快', reason: 'growth is stated without a figure' },
      { row: 18, raw: '全市重点项目完成投资突破1000亿元', reason: 'figure is approximate (突破1000亿元); not loaded' },
    ]);
    assert.deepEqual([r.rankings, r.firms], [[], []]);
  });

  it('reads a development and reform commission release in HTML', async () => {
    const r = await parse(fixture('drc-key-projects-2024-09.html'), { published: '2024-10-12' });
    assert.deepEqual(
      r.observations,
      rows([
        // 412个 and 156个 count projects: not loaded as figures of their investment
        [X, 'key_project_investment', 2024, 1, 9, 'level', 1234.5, '亿元'],
        [X, 'key_project_investment', 2024, 1, 9, 'plan_share_pct', 81.7, '%'],
        [X, 'advanced_manufacturing_project_investment', 2024, 1, 9, 'level', 512.6, '亿元'],
        [X, 'advanced_manufacturing_project_investment', 2024, 1, 9, 'plan_share_pct', 85.4, '%'],
        [X, 'industrial_investment', 2024, 1, 9, 'yoy_pct', 10.2, '%'],
        [X, 'manufacturing_investment', 2024, 1, 9, 'yoy_pct', 13.6, '%'],
        [X, 'high_tech_industry_investment', 2024, 1, 9, 'yoy_pct', 18.4, '%'],
        // after a <br>: a paragraph of its own that keeps the page's period
        [X, 'infrastructure_investment', 2024, 1, 9, 'yoy_pct', -2.1, '%'],
        [X, 'fixed_asset_investment', 2024, 7, 9, 'yoy_pct', 1.5, '%'],
        [X, 'key_project_investment', 2024, 9, 9, 'level', 156.8, '亿元'],
        // 分别: each subject with its own figure; a single month (9月当月) held for its sentence only, and
        // the page's period (三季度) holds again
        [X, 'advanced_manufacturing_project_investment', 2024, 7, 9, 'yoy_pct', 12, '%'],
      ]),
    );
    assert.deepEqual(r.flagged, [
      {
        // one stage of the list (新开工) is a part of it, not the list
        row: null,
        raw: '其中，156个先进制造业和研发平台项目完成投资512.6亿元，占年度计划的85.4%；新开工项目完成投资300亿元',
        reason: 'unknown indicator: 新开工项目完成投资',
      },
      {
        row: null,
        raw: '全市先进制造业重点项目和研发平台投资分别增长12.0%和8.5%',
        reason: 'unknown indicator: 研发平台投资 (研发平台投资增长8.5%)',
      },
    ]);
  });

  it('reads a traditional-Chinese release published in January as the previous year', async () => {
    const r = await parse(fixture('stats-bureau-2023-annual-traditional.html'), { published: '2024-01-26' });
    assert.deepEqual(
      r.observations,
      rows([
        [X, 'gdp', 2023, 1, 12, 'level', 12010.76, '亿元'],
        [X, 'gdp', 2023, 1, 12, 'yoy_pct', 5.2, '%'],
        [X, 'industrial_value_added', 2023, 1, 12, 'yoy_pct', 6.6, '%'],
        [X, 'industrial_value_added', 2023, 12, 12, 'yoy_pct', 9.3, '%'],
        [X, 'fixed_asset_investment', 2023, 1, 12, 'yoy_pct', -5.5, '%'],
        [X, 'industrial_investment', 2023, 1, 12, 'yoy_pct', 18.3, '%'],
        [X, 'manufacturing_investment', 2023, 1, 12, 'yoy_pct', 17, '%'],
        [X, 'retail_sales', 2023, 1, 12, 'level', 5108.97, '亿元'],
        [X, 'retail_sales', 2023, 1, 12, 'yoy_pct', 4.1, '%'],
        [X, 'imports_exports', 2023, 1, 12, 'level', 3544.8, '亿元'],
        [X, 'imports_exports', 2023, 1, 12, 'yoy_pct', -11.9, '%'],
        [X, 'gdp', 2022, 1, 12, 'yoy_pct', 4.4, '%'],
      ]),
    );
    assert.deepEqual(r.flagged, []);
  });

  it('flags periods without a year when the page has no publication date', async () => {
    const r = await parse(fixture('stats-bureau-q1-undated.txt'));
    assert.deepEqual(
      r.observations,
      rows([
        [X, 'industrial_value_added', 2022, 1, 6, 'yoy_pct', 8.1, '%'],
        // once the page has stated 2022 at the head of a clause, a later period without a year is 2022's
        [X, 'private_investment', 2022, 1, 2, 'level', 8.56, '亿元'],
      ]),
    );
    assert.match(NO_YEAR, /^period has no year and the page gives none .*pass --published/);
    assert.deepEqual(r.flagged, [
      { row: 3, raw: '一季度，全市规模以上工业增加值同比增长5.9%', reason: NO_YEAR },
      { row: 6, raw: '2022年上半年，咸阳市规模以上工业增加值同比增长7.0%', reason: 'place "咸阳市" is not in the gazetteer' },
      { row: 7, raw: '2022年上半年，全国规模以上工业增加值同比增长3.4%', reason: 'place "全国" is not in the gazetteer' },
      { row: 8, raw: '2022年上半年，全市进出口总值基本持平', reason: 'growth is stated as roughly flat (基本持平), not as a figure' },
    ]);
  });

  it('takes the year from the publication date, in the context or in the source settings', async () => {
    const expected = rows([
      [X, 'industrial_value_added', 2024, 1, 3, 'yoy_pct', 5.9, '%'],
      [X, 'industrial_value_added', 2022, 1, 6, 'yoy_pct', 8.1, '%'],
      // 85,600万元 in the vocabulary's unit
      [X, 'private_investment', 2024, 1, 2, 'level', 8.56, '亿元'],
    ]);
    const body = fixture('stats-bureau-q1-undated.txt');
    const fromContext = await parse(body, { published: '2024-04-20' });
    const fromSettings = await parse(body, { settings: { published: '2024-04-20' } });
    assert.deepEqual(fromContext.observations, expected);
    assert.deepEqual(fromSettings.observations, expected);
    assert.deepEqual(
      fromContext.flagged.map((f) => f.row),
      [6, 7, 8],
    );
  });

  it('rejects a publication date that is not YYYY-MM-DD', async () => {
    await assert.rejects(
      parse(fixture('stats-bureau-q1-undated.txt'), { published: '20/04/2024' }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.message, 'source test-release: published "20/04/2024" is not a date YYYY-MM-DD');
        return true;
      },
    );
  });

  it('throws a LayoutError for a page without any statistics sentence', async () => {
    await assert.rejects(
      parse(fixture('drc-no-figures.html'), { published: '2024-03-05', location: 'tests/fixtures/releases/drc-no-figures.html' }),
      (err: unknown) => {
        assert.ok(err instanceof LayoutError);
        assert.equal(
          err.message,
          'tests/fixtures/releases/drc-no-figures.html: layout changed: no statistics sentence with an indicator and a figure ' +
            '(fix: check that the page still has this layout, or choose another adapter)',
        );
        return true;
      },
    );
  });

  it('flags implausible and conflicting figures through the observation checks', async () => {
    const r = await parse(fixture('stats-bureau-implausible.txt'), { published: '2024-08-15' });
    assert.deepEqual(
      r.observations,
      rows([
        [X, 'key_project_investment', 2024, 1, 7, 'level', 356.2, '亿元'],
        // given twice with the same value: loaded once
        [X, 'retail_sales', 2024, 1, 7, 'level', 1456.7, '亿元'],
        [X, 'retail_sales', 2024, 1, 7, 'yoy_pct', 3.2, '%'],
      ]),
    );
    const maxYear = new Date().getFullYear() + 1;
    const conflict = "conflicting yoy_pct figures 4.8 and 5.1 for Xi'an 西安 (610100), industrial_value_added, 2024 months 1-7 on one page";
    assert.deepEqual(r.flagged, [
      { row: 3, raw: '截至7月底，全市120个市级重点项目完成投资356.2亿元，占年度计划的230.5%', reason: 'plan_share_pct 230.5 is outside 0..200' },
      { row: 4, raw: '1-7月，全市民间投资同比增长135.0%', reason: 'yoy_pct 135 is outside -100..100' },
      { row: 7, raw: '1930年，全市地区生产总值增长6.0%', reason: `year 1930 is outside 1949..${maxYear}` },
      { row: 8, raw: '1-13月，全市工业投资同比增长2.0%', reason: 'months 1-13 are not a range within 1..12' },
      { row: 1, raw: '1-7月，全市规模以上工业增加值同比增长4.8%', reason: conflict },
      { row: 2, raw: '1-7月，全市规模以上工业增加值同比增长5.1%', reason: conflict },
    ]);
  });
});

describe('release-prose places and periods', () => {
  it('reads the sentence shapes of the brief', async () => {
    const body = [
      '1-5月，全市规模以上工业增加值同比增长4.2%，比1-4月回落0.3个百分点。',
      '全年，全市地区生产总值9876.54亿元，按可比价格计算，比上年增长5.1%。',
    ].join('\n');
    const r = await parse(body, { published: '2025-06-20' });
    assert.deepEqual(
      r.observations,
      rows([
        [X, 'industrial_value_added', 2025, 1, 5, 'yoy_pct', 4.2, '%'],
        // published in June: 全年 is last year's
        [X, 'gdp', 2024, 1, 12, 'level', 9876.54, '亿元'],
        [X, 'gdp', 2024, 1, 12, 'yoy_pct', 5.1, '%'],
      ]),
    );
  });

  it('looks up a place named at the start of a clause and 全省 through the default place', async () => {
    const body = [
      '上半年，宝鸡市规模以上工业增加值同比增长7.2%。',
      '上半年，全省规模以上工业增加值同比增长5.0%。其中，制造业投资增长8.0%。',
      '上半年，本市民间投资同比下降1.5%。',
      '上半年，西安规上工业增加值同比增长6.0%，快于全省1.0个百分点。',
      '2022年上半年，陕西省进出口总值2345.6亿元。',
    ].join('\n');
    const r = await parse(body, { published: '2024-07-19' });
    assert.deepEqual(
      r.observations,
      rows([
        ['Baoji', 'industrial_value_added', 2024, 1, 6, 'yoy_pct', 7.2, '%'],
        ['Shaanxi', 'industrial_value_added', 2024, 1, 6, 'yoy_pct', 5, '%'],
        // a 其中 sentence stays with the place of the sentence before
        ['Shaanxi', 'manufacturing_investment', 2024, 1, 6, 'yoy_pct', 8, '%'],
        [X, 'private_investment', 2024, 1, 6, 'yoy_pct', -1.5, '%'],
        [X, 'industrial_value_added', 2024, 1, 6, 'yoy_pct', 6, '%'],
        ['Shaanxi', 'imports_exports', 2022, 1, 6, 'level', 2345.6, '亿元'],
      ]),
    );
    assert.deepEqual(r.flagged, []);
  });

  it('flags clauses whose place or period cannot be known', async () => {
    const noDefault = await parse('1-5月，全市工业投资同比增长5.0%。\n1-5月，工业投资同比增长6.0%。', {
      published: '2024-06-18',
      defaultPlace: null,
    });
    assert.deepEqual(noDefault.observations, []);
    assert.deepEqual<FlaggedRow[]>(noDefault.flagged, [
      { row: 1, raw: '1-5月，全市工业投资同比增长5.0%', reason: '"全市" refers to the page\'s place, but the source sets no default place' },
      { row: 2, raw: '1-5月，工业投资同比增长6.0%', reason: NO_PLACE },
    ]);

    const noPeriod = await parse('全市工业投资同比增长5.0%。', { published: '2024-06-18' });
    assert.deepEqual(noPeriod.observations, []);
    assert.deepEqual(noPeriod.flagged, [{ row: 1, raw: '全市工业投资同比增长5.0%', reason: NO_PERIOD }]);
    assert.equal(NO_PERIOD, 'figure has no period: no 1-N月, 季度, 上半年, 全年 or year before it');
    assert.equal(NO_PLACE, 'the clause names no place and the source sets no default place');

    const noProvince = await parse('1-5月，全省工业投资同比增长5.0%。', { published: '2024-06-18', defaultPlace: SHAANXI });
    assert.deepEqual(noProvince.flagged, [
      { row: 1, raw: '1-5月，全省工业投资同比增长5.0%', reason: '"全省" needs the province of the page\'s place, which is not known' },
    ]);
  });

  it('gives a page plainly about another city to that city, and flags one it cannot tell, when the default city was only assumed', async () => {
    const at = (r: Awaited<ReturnType<typeof parse>>) => r.observations.map((o) => [o.geoZh, o.indicator, o.measure, o.value]);
    // The whole gazetteer: these pages name cities the test stub does not know.
    const assumed = { published: '2020-11-18', defaultPlaceAssumed: 'edition-city' as const, lookupPlace: gazetteer };
    // The issuing office names the city (an office of industry and information technology).
    const office = ['工业投资完成情况简报', '来源：苏州市工业和信息化局', '1-10月，全市工业投资完成1278.7亿元，同比增长27.2%。'].join('\n');
    assert.deepEqual(at(await parse(office, assumed)), [
      ['苏州', 'industrial_investment', 'level', 1278.7],
      ['苏州', 'industrial_investment', 'yoy_pct', 27.2],
    ]);
    // Site furniture fills the opening; the one city the page names as its subject comes later.
    const furniture = ['首页 > 新闻中心 > 正文', '经济运行稳中有升', '文章来源：日报', '字体：大 中 小', '发布时间：2020-11-18', '欢迎访问本网', '分享到：',
      '1至10月，全市规模以上工业增加值同比增长2.8%……昨天，市统计局公布了1至10月苏州市经济运行情况。'].join('\n');
    assert.deepEqual(at(await parse(furniture, assumed)), [['苏州', 'industrial_value_added', 'yoy_pct', 2.8]]);
    // 我市 on a page that only compares itself with 宁波市: not the assumed Xi'an, and not 宁波 either.
    const compared = '1-6月，我市固定资产投资同比增长7%，高于宁波市平均增速16.9个百分点。';
    const unknown = await parse(compared, assumed);
    assert.deepEqual(unknown.observations, []);
    assert.match(unknown.flagged[0]!.reason, /^"我市" refers to the page's place, and the page names 宁波 but never the default city, so the figure is not given to it: set the source's city \(extract: --city\)$/);
    // The same page from a source that states its city is that city's.
    assert.deepEqual(at(await parse(compared, { published: '2020-11-18', lookupPlace: gazetteer })), [['西安', 'fixed_asset_investment', 'yoy_pct', 7]]);
  });

  it('shows, unplaced and not loadable, the figures of a page that never names a default no one chose', async () => {
    const unchosen = { published: '2022-11-20', defaultPlaceAssumed: 'unchosen' as const, lookupPlace: gazetteer };
    // extract without --city: no city on the page, and Xi'an was no one's choice.
    const r = await adapter.parse('1-10月，全市工业投资同比增长9.2%，增速居全省第八。', testContext(unchosen));
    assert.deepEqual(r.observations, []);
    assert.equal(r.flagged[0]!.reason, '"全市" refers to the page\'s place, and the page never names the default city, so the figure is not given to it: set the source\'s city (extract: --city)');
    assert.deepEqual([r.flagged[0]!.observation?.geoZh, r.flagged[0]!.observation?.value], [null, 9.2]);
    // A page that names the city, or a subject, has its figures placed.
    assert.deepEqual((await parse('1-10月，西安市全市工业投资同比增长9.2%。', unchosen)).observations.map((o) => o.geoZh), ['西安']);
    const xianyang = await parse('今年以来，咸阳市上下认真贯彻落实。\n1-10月，全市规模以上工业增加值同比下降5.6%。', unchosen);
    assert.deepEqual(xianyang.observations.map((o) => [o.geoZh, o.value]), [['咸阳', -5.6]]);
    // A province's page whose opening names one of its cities: 全市 is that city.
    const dongguan = await parse('根据广东省地区生产总值统一核算结果，上半年东莞市生产总值为4361.28亿元。\n上半年，全市规模以上工业增加值1802.58亿元。', unchosen);
    assert.deepEqual(dongguan.observations.map((o) => [o.geoZh, o.indicator]), [['东莞', 'gdp'], ['东莞', 'industrial_value_added']]);
  });

  it('reads 全市 as the city the sentence has just named', async () => {
    const body = '一季度，眉山市固定资产投资增长10.8%，全市社会消费品零售总额180.6亿元、增长6.2%。';
    const r = await parse(body, { published: '2025-04-29', lookupPlace: gazetteer });
    assert.deepEqual(r.observations.map((o) => [o.geoZh, o.indicator, o.measure, o.value]), [
      ['眉山', 'fixed_asset_investment', 'yoy_pct', 10.8],
      ['眉山', 'retail_sales', 'level', 180.6],
      ['眉山', 'retail_sales', 'yoy_pct', 6.2],
    ]);
  });

  it('takes the year of a release from the words that announce it, never for 去年', async () => {
    const announced = await parse('9月22日，市统计局发布2021年1-8月经济运行情况。\n1-8月，全市规模以上工业增加值同比增长6.5%。');
    assert.deepEqual(announced.observations.map((o) => [o.periodYear, o.monthTo, o.value]), [[2021, 8, 6.5]]);
    // A year in a clause that announces nothing (a policy's end) is no year of the figures.
    const policy = await parse('购置税减免政策延长至2027年年底。\n1-8月，全市规模以上工业增加值同比增长6.5%。');
    assert.deepEqual(policy.observations, []);
    assert.equal(policy.flagged[0]!.reason, NO_YEAR);
    // 去年 on a page announcing 2020's figures may be 2020 (said in 2021) or 2019: no year is given.
    const lastYear = await parse('昨天，市统计局公布了2020年经济运行情况。据初步核算，去年全年，全市地区生产总值12408.7亿元。');
    assert.deepEqual(lastYear.observations, []);
    assert.equal(lastYear.flagged[0]!.reason, NO_YEAR);
  });

  it("reads the growth and the plan share after an increment of the indicator's own level, not after a planned amount's", async () => {
    const own = await parse('1-3月，全市重点建设项目累计完成投资313.64亿元，较去年同期增长153.34亿元，同比增长95.66%，为年度投资计划的30.90%。', { published: '2021-04-10' });
    assert.deepEqual(own.observations.map((o) => [o.measure, o.value]), [['level', 313.64], ['yoy_pct', 95.66], ['plan_share_pct', 30.9]]);
    // After a planned amount its increment and growth are the plan's.
    const plan = await parse('1-2月，全市固定资产投资同比增长5.0%。\n今年，全市重点项目年度计划投资3379.6亿元，较上年增加351.8亿元，增幅11.6%。', { published: '2025-03-03' });
    assert.deepEqual(plan.observations.map((o) => [o.indicator, o.value]), [['fixed_asset_investment', 5]]);
  });

  it('reads places as the subjects of 分别: of the indicator after 分别, else of the one just named', async () => {
    const body = [
      '一季度，全省规模以上工业增加值同比增长8.4%。其中，成都市、德阳市分别增长8.5%、8.2%。',
      '一季度，全省固定资产投资同比增长9.2%，其中，眉山市、资阳市分别增长13.2%、11.8%。',
      '一季度，德阳市、眉山市分别实现社会消费品零售总额248.7亿元、157.9亿元。',
    ].join('\n');
    const r = await parse(body, { published: '2022-04-29', lookupPlace: gazetteer });
    assert.deepEqual(r.observations.map((o) => [o.geoZh, o.indicator, o.value]), [
      ['陕西', 'industrial_value_added', 8.4],
      ['成都', 'industrial_value_added', 8.5],
      ['德阳', 'industrial_value_added', 8.2],
      ['陕西', 'fixed_asset_investment', 9.2],
      ['眉山', 'fixed_asset_investment', 13.2],
      ['资阳', 'fixed_asset_investment', 11.8],
      ['德阳', 'retail_sales', 248.7],
      ['眉山', 'retail_sales', 157.9],
    ]);
  });

  it('gives 今年 no year from a year the text stated, nor one its date rules out', async () => {
    const stated = await parse('2017年，全市规模以上工业增加值同比增长8.0%。\n今年前三季度，全市规模以上工业增加值同比增长9.5%。');
    assert.deepEqual(stated.observations.map((o) => [o.periodYear, o.value]), [[2017, 8]]);
    assert.equal(stated.flagged[0]!.reason, NO_YEAR);
    // Dated March: 今年前三季度 is not this year's.
    const march = await parse('今年前三季度，全市规模以上工业增加值增长6.5%。', { published: '2020-03-28' });
    assert.deepEqual(march.observations, []);
    assert.equal(march.flagged[0]!.reason, NO_YEAR);
  });

  it('keeps a share of another total and a figure before the indicator\'s words away from the indicator', async () => {
    const body = [
      '上半年，全市先进制造业主导产业实现工业增加值1081.8亿元，占规上工业增加值比重达69.1%，同比增长8.7%。',
      '上半年，全市固定资产投资同比下降3.2%，其中，项目投资下降4.8%、房地产开发投资增长25.6%。',
    ].join('\n');
    const r = await parse(body, { published: '2024-07-20' });
    assert.deepEqual(r.observations.map((o) => [o.indicator, o.measure, o.value]), [
      ['leading_industries_value_added', 'level', 1081.8],
      ['leading_industries_value_added', 'yoy_pct', 8.7],
      ['fixed_asset_investment', 'yoy_pct', -3.2],
      ['real_estate_investment', 'yoy_pct', 25.6],
    ]);
    assert.ok(r.flagged.some((f) => f.reason === `${'unknown indicator'}: 项目投资`));
  });

  it('reads the growth after a clause comparing with an older year as that comparison, not as yoy', async () => {
    const older = await parse('1-4月，全市固定资产投资比上年同期增长20.3%，与2019年同期相比，增长20%，两年平均增长9.5%。', { published: '2021-05-20' });
    assert.deepEqual(older.observations.map((o) => [o.indicator, o.value]), [['fixed_asset_investment', 20.3]]);
    // The last year is the yoy baseline.
    const last = await parse('1-4月，全市固定资产投资1234.5亿元，与2020年同期相比，增长20.3%。', { published: '2021-05-20' });
    assert.deepEqual(last.observations.map((o) => [o.indicator, o.measure, o.value]), [
      ['fixed_asset_investment', 'level', 1234.5],
      ['fixed_asset_investment', 'yoy_pct', 20.3],
    ]);
  });

  it('reads key-project progress: a reporter\'s lead is no place, 我省 before 省重点项目, the completed investment after the plan', async () => {
    const lead = await parse('记者日前从省重点办获悉，今年上半年我省重点项目累计完成投资2263亿元，占年度计划的54.5%。', { published: '2021-07-10' });
    assert.deepEqual(lead.observations.map((o) => [o.geoZh, o.indicator, o.measure, o.value]), [
      ['陕西', 'provincial_key_project_investment', 'level', 2263],
      ['陕西', 'provincial_key_project_investment', 'plan_share_pct', 54.5],
    ]);
    const plan = await parse('2020年全市实施重点建设项目71个，总投资337.13亿元，年度计划完成投资56.21亿元，1-6月份累计完成投资35.9亿元，占年度目标的63.88%。', { published: '2020-07-10' });
    assert.deepEqual(plan.observations.map((o) => [o.indicator, o.measure, o.value]), [
      ['key_project_investment', 'level', 35.9],
      ['key_project_investment', 'plan_share_pct', 63.88],
    ]);
    // Projects of industrial investment are not the city's industrial investment.
    const projects = await parse('1-10月，全市工业投资完成1278.7亿元。42个省重点工业投资项目完成投资191.2亿元。', { published: '2020-11-18' });
    assert.deepEqual(projects.observations.map((o) => [o.indicator, o.value]), [['industrial_investment', 1278.7]]);
  });

  it('reads a part named after a place as the part: a district of the city, a zone, one the sentence names after 的是', async () => {
    const body = [
      '从全市创新资源最集中的西安高新区来看，上半年地区生产总值增长9.1%。',
      '西安市鄠邑区上半年地区生产总值增长4.2%。',
      '上半年，全市规模以上工业增加值增长6.0%。',
      '增速居全省第二的是宝鸡市，上半年规模以上工业增加值增长7.3%。',
    ].join('\n');
    const r = await parse(body, { published: '2024-07-20' });
    assert.deepEqual(r.observations.map((o) => [o.geoZh, o.indicator, o.value]), [
      ['西安', 'industrial_value_added', 6],
      ['宝鸡', 'industrial_value_added', 7.3],
    ]);
    assert.deepEqual(r.flagged.map((f) => f.reason), [
      'place "西安高新区" is not in the gazetteer',
      'place "西安市鄠邑区" is a part of 西安, whose figures are not the whole\'s, and not in the gazetteer',
    ]);
  });

  it('reads 该省 as the page\'s province, and 该市 as its city only where the page names one', async () => {
    const province = await parse('记者从陕西省统计局获悉，1-8月份，该省规模以上工业增加值同比增长6.3%。', { published: '2024-09-21' });
    assert.deepEqual(province.observations.map((o) => [o.geoZh, o.value]), [['陕西', 6.3]]);
    const city = await parse('记者从宝鸡市统计局获悉，1-8月份，该市规模以上工业增加值同比增长7.1%。', { published: '2024-09-21' });
    assert.deepEqual(city.observations.map((o) => [o.geoZh, o.value]), [['宝鸡', 7.1]]);
  });

  it('keeps a part of a total away from the total: 扣除…后, 主导产业中…, a kind of trade', async () => {
    const body = [
      '1-5月，全市固定资产投资同比下降6.2%，扣除房地产开发投资后增长3.4%，基础设施投资增长5.0%。',
      '1-5月，全市规模以上工业增加值增长4.8%，主导产业中汽车制造业增长15.5%。',
      '1-5月，全市外贸进出口总额1650.2亿元，其中，以加工贸易方式进出口410.6亿元，民营企业进出口820.3亿元。',
    ].join('\n');
    const r = await parse(body, { published: '2024-06-20' });
    assert.deepEqual(r.observations.map((o) => [o.indicator, o.measure, o.value]), [
      ['fixed_asset_investment', 'yoy_pct', -6.2],
      ['infrastructure_investment', 'yoy_pct', 5],
      ['industrial_value_added', 'yoy_pct', 4.8],
      ['imports_exports', 'level', 1650.2],
    ]);
    assert.ok(r.flagged.some((f) => f.reason === 'unknown indicator: 扣除房地产开发投资'));
    // The total a share is of, industrial fixed-asset investment, and a goal are not the total, FAI or a result.
    const shares = await parse(
      [
        '1-10月份，全市规模以上民营工业企业实现增加值占规模以上工业增加值的比重80.2%，同比增长4.1%。',
        '1-10月份，全市工业固定资产投资同比增长12.0%。',
        '1-10月份，全市重点项目完成投资300.5亿元，按照年度投资计划完成率110%的目标，占年度计划的90.1%。',
      ].join('\n'),
      { published: '2024-11-20' },
    );
    assert.deepEqual(shares.observations.map((o) => [o.indicator, o.measure, o.value]), [
      ['industrial_investment', 'yoy_pct', 12],
      ['key_project_investment', 'level', 300.5],
      ['key_project_investment', 'plan_share_pct', 90.1],
    ]);
    assert.ok(shares.flagged.some((f) => f.reason === 'a target or a forecast, not a result: 110%'));
    // A figure before the words, with no words of its own before it, is shown, not dropped unsaid.
    const before = await parse('1-5月，全市完成12.5亿元工业投资，民间投资增长2.0%。', { published: '2024-06-20' });
    assert.deepEqual(before.observations.map((o) => [o.indicator, o.value]), [['private_investment', 2]]);
    assert.deepEqual(before.flagged.map((f) => f.reason), ['unknown indicator: 12.5亿元 before 工业投资']);
  });

  it('reads the points of a summary between note marks, and 多 of 多个 as no approximation', async () => {
    const r = await parse('1-5月外贸进出口总额2100.4亿元，其中进口700.2亿元增长8.1%，出口1400.2亿元增长3.3% [2] - 5月单月出口增长2.2% [3]', { published: '2024-06-27' });
    assert.deepEqual(r.observations.map((o) => [o.indicator, o.monthFrom, o.measure, o.value]), [
      ['imports_exports', 1, 'level', 2100.4],
      ['imports', 1, 'level', 700.2],
      ['imports', 1, 'yoy_pct', 8.1],
      ['exports', 1, 'level', 1400.2],
      ['exports', 1, 'yoy_pct', 3.3],
      ['exports', 5, 'yoy_pct', 2.2],
    ]);
    const lost = await parse('上半年，全市规模以上工业增加值同比增长8.2%多个行业增势良好。', { published: '2024-07-20' });
    assert.deepEqual(lost.observations.map((o) => o.value), [8.2]);
  });

  it('opens the page\'s period where a clause with no figure ends on one, or a cumulative period comes before any', async () => {
    const glued = await parse('日前，市统计局发布西安上半年经济数据2023年上半年，全市地区生产总值5623.1亿元。\n分产业看，第二产业增加值1820.4亿元。');
    assert.deepEqual(glued.observations.map((o) => [o.indicator, o.periodYear, o.monthTo, o.value]), [
      ['gdp', 2023, 6, 5623.1],
      ['secondary_industry_value_added', 2023, 6, 1820.4],
    ]);
    const inside = await parse('全市上半年经济运行稳中有进，地区生产总值增长5.2%。\n社会消费品零售总额2234.5亿元。', { published: '2024-07-25' });
    assert.deepEqual(inside.observations.map((o) => [o.indicator, o.monthFrom, o.monthTo]), [
      ['gdp', 1, 6],
      ['retail_sales', 1, 6],
    ]);
    // A single month before any cumulative period stays with its sentence.
    const month = await parse('全市5月份规模以上工业增加值增长7.0%。\n社会消费品零售总额2234.5亿元。', { published: '2024-06-25' });
    assert.deepEqual(month.observations.map((o) => [o.indicator, o.monthFrom, o.monthTo]), [['industrial_value_added', 5, 5]]);
    assert.equal(month.flagged.at(-1)!.reason, NO_PERIOD);
  });

  it('does not give a group of places\' total, or a heading\'s figure, to the place', async () => {
    const body = [
      '上半年，全省50个县（市）实现地区生产总值3012.4亿元，同比增长6.1%。',
      '1-5月，全省规上服务业营业收入增长9.0%。',
      '投资稳中有升 民间投资增长4.4%',
      '上半年，全省民间投资增长4.4%，规模以上工业增加值增长5.6%。',
      // A heading's figure stated nowhere under it is read from the heading; one rounded is stated again.
      '上半年全省出口增长3.9%',
      '全省社会消费品零售总额5012亿元',
      '上半年，全省社会消费品零售总额5012.36亿元。',
    ].join('\n');
    const r = await parse(body, { published: '2024-07-25' });
    assert.deepEqual(r.observations.map((o) => [o.geoZh, o.indicator, o.monthTo, o.value]), [
      ['陕西', 'private_investment', 6, 4.4],
      ['陕西', 'industrial_value_added', 6, 5.6],
      ['陕西', 'exports', 6, 3.9],
      ['陕西', 'retail_sales', 6, 5012.36],
    ]);
    assert.equal(r.flagged.filter((f) => /^figure of 50个县/.test(f.reason)).length, 2);
  });

  it('holds a single month for its sentence, and a period before 的 for its figure', async () => {
    const body = [
      '上半年，全市规模以上工业增加值增长6.3%。其中，6月份规模以上工业增加值增长7.9%。',
      '全市固定资产投资增长3.0%，两年平均增长4.1%。',
      '6月份，全市出口120.5亿元，仅次于今年3月份的125.1亿元；进口60.2亿元。',
    ].join('\n');
    const r = await parse(body, { published: '2024-07-25' });
    assert.deepEqual(r.observations.map((o) => [o.indicator, o.monthFrom, o.monthTo, o.value]), [
      ['industrial_value_added', 1, 6, 6.3],
      ['industrial_value_added', 6, 6, 7.9],
      ['fixed_asset_investment', 1, 6, 3],
      ['exports', 6, 6, 120.5],
      ['imports', 6, 6, 60.2],
    ]);
  });

  it('reads 1-3季度 as nine months, growth after an adverb, and gives 全市 of another province\'s page to no city', async () => {
    const quarters = await parse('1-3季度，全市规模以上工业增加值同比增长2.7%。\n前三季度，全市外贸进出口总额81.6亿元，大幅增长32.7%。', { published: '2024-10-25' });
    assert.deepEqual(quarters.observations.map((o) => [o.indicator, o.monthFrom, o.monthTo, o.measure, o.value]), [
      ['industrial_value_added', 1, 9, 'yoy_pct', 2.7],
      ['imports_exports', 1, 9, 'level', 81.6],
      ['imports_exports', 1, 9, 'yoy_pct', 32.7],
    ]);
    const other = await parse('记者从江苏省统计局获悉，前三季度全省规模以上工业增加值增长7.4%。\n前三季度，全市规模以上工业增加值、工业用电量分别增长10.1%、27.6%。', { published: '2024-11-12', lookupPlace: gazetteer });
    assert.deepEqual(other.observations.map((o) => [o.geoZh, o.value]), [['江苏', 7.4]]);
    assert.match(other.flagged.at(-1)!.reason, /^"全市" refers to the page's place/);
  });

  it('reads 去年 as last year, a month a trend goes on from as no period, and 比上年增长 after a part of the year as no figure of that part', async () => {
    const annual = await parse(
      [
        '1月20日，陕西省宝鸡市统计局发布数据，去年全市地区生产总值2700.5亿元，比上年增长5.1%。',
        '分产业看，第二产业增加值1400.2亿元，增长6.0%。',
        '1-11月份，全市规上工业营业收入增长8.0%。',
        '全市固定资产投资比上年增长7.5%，民营规模以上工业增加值增长9.9%。',
      ].join('\n'),
      { published: '2025-01-22', lookupPlace: gazetteer },
    );
    assert.deepEqual(annual.observations.map((o) => [o.geoZh, o.indicator, o.periodYear, o.monthTo, o.value]), [
      ['宝鸡', 'gdp', 2024, 12, 2700.5],
      ['宝鸡', 'gdp', 2024, 12, 5.1],
      ['宝鸡', 'secondary_industry_value_added', 2024, 12, 1400.2],
      ['宝鸡', 'secondary_industry_value_added', 2024, 12, 6],
    ]);
    assert.ok(annual.flagged.some((f) => /^比上年增长 speaks of a whole year, but the period in force \(months 1-11\)/.test(f.reason)));
    const trend = await parse('一季度，全市规模以上工业增加值延续2月份平稳向好趋势，同比增长9.6%。\n1-11月，全市工业投资226.6亿元，较去年全年多增31.5亿元。', {
      published: '2024-12-20',
    });
    assert.deepEqual(trend.observations.map((o) => [o.indicator, o.monthFrom, o.monthTo, o.value]), [
      ['industrial_value_added', 1, 3, 9.6],
      ['industrial_investment', 1, 11, 226.6],
    ]);
  });

  it('reads counts of cities on a list for the province', async () => {
    const r = await parse('全省共有3个城市入围2024年先进制造业百强市，西安排名第18位。', { published: '2024-12-01' });
    assert.deepEqual(r.observations, rows([['Shaanxi', 'top100_cities_count', 2024, 1, 12, 'count', 3, '个']]));
  });
});
