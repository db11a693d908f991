// What real release pages do, each in a short page of the team's own writing: where the year comes from,
// glosses and traditional characters, numbers that are not figures of the indicator, other places, units,
// the site's furniture, words outside the vocabulary, and every figure keeping its words.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupPlace } from '../../pipelines/geo/places.ts';
import adapter, { NO_YEAR, UNKNOWN_INDICATOR } from '../../pipelines/sources/release-prose.ts';
import type { ParseContext } from '../../pipelines/sources/contract.ts';
import type { ObservationRow, ParseResult } from '../../pipelines/types.ts';

const XIAN = lookupPlace("Xi'an");

const parse = async (body: string, over: Partial<ParseContext> = {}): Promise<ParseResult> =>
  adapter.parse(body, {
    source: 'test',
    location: 'saved/page.txt',
    published: null,
    defaultPlace: XIAN,
    lookupPlace,
    settings: {},
    ...over,
  });

type Short = [geo: string, indicator: string, year: number, from: number, to: number, measure: string, value: number];
const short = (r: ParseResult): Short[] =>
  r.observations.map((o: ObservationRow) => [o.geo, o.indicator, o.periodYear, o.monthFrom, o.monthTo, o.measure, o.value]);
const values = (r: ParseResult): number[] => r.observations.map((o) => o.value);
const reasons = (r: ParseResult): string[] => r.flagged.map((f) => f.reason);

describe('release pages: where the year comes from', () => {
  it('a dateline at the top gives the year to periods that state none, and says so', async () => {
    const page = ['全市经济运行简况', '发布时间：2024-05-20 来源：市统计局', '1-4月，全市规模以上工业增加值同比增长5.3%。'].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [["Xi'an", 'industrial_value_added', 2024, 1, 4, 'yoy_pct', 5.3]]);
    assert.equal(r.observations[0].yearSource, 'dateline');
  });

  it('reads a dateline written in Chinese, with the time after it', async () => {
    const page = ['上半年投资情况', '2023年08月15日 09:10  来源：本市发布', '上半年，全市固定资产投资同比增长3.1%。'].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [["Xi'an", 'fixed_asset_investment', 2023, 1, 6, 'yoy_pct', 3.1]]);
  });

  it('a January dateline speaks of the year before for 全年', async () => {
    const r = await parse(['发布日期：2025-01-20', '全年，全市地区生产总值同比增长4.9%。'].join('\n'));
    assert.deepEqual(short(r), [["Xi'an", 'gdp', 2024, 1, 12, 'yoy_pct', 4.9]]);
  });

  it('a date in the URL serves when the page has none', async () => {
    const body = '一季度，全市民间投资同比下降2.2%。';
    const byPath = await parse(body, { location: 'https://stats.example.org/tjsj/2024/04/18/content_1.html' });
    assert.deepEqual(short(byPath), [["Xi'an", 'private_investment', 2024, 1, 3, 'yoy_pct', -2.2]]);
    assert.equal(byPath.observations[0].yearSource, 'url');
    const byMonth = await parse(body, { location: 'https://stats.example.org/tjsj/202108/t20210815_9.html' });
    assert.equal(byMonth.observations[0].periodYear, 2021);
    // a bare year in the path is too weak: no year
    const weak = await parse(body, { location: 'https://stats.example.org/news/2019/116410.html' });
    assert.deepEqual(weak.observations, []);
    assert.deepEqual(reasons(weak), [NO_YEAR]);
  });

  it('a year in the headline carries to the periods below it', async () => {
    const page = ['2022年1-5月全市经济运行情况', '1-5月，全市规模以上工业增加值同比增长6.1%。'].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [["Xi'an", 'industrial_value_added', 2022, 1, 5, 'yoy_pct', 6.1]]);
    const html = '<html><head><title>2021年前三季度经济运行</title></head><body><p>前三季度，全市工业投资同比增长8.8%。</p></body></html>';
    const fromTitle = await parse(html);
    assert.deepEqual(short(fromTitle), [["Xi'an", 'industrial_investment', 2021, 1, 9, 'yoy_pct', 8.8]]);
    assert.equal(fromTitle.observations[0].yearSource, 'title');
  });

  it('the configured publication date wins over the page', async () => {
    const page = ['发布时间：2024-05-20', '1-4月，全市规模以上工业增加值同比增长5.3%。'].join('\n');
    const r = await parse(page, { published: '2023-05-19' });
    assert.equal(r.observations[0].periodYear, 2023);
    assert.equal(r.observations[0].yearSource, 'published');
  });

  it('with no year anywhere, none is invented: the figure is flagged and carries no year', async () => {
    const r = await parse('10月26日，记者从市统计局获悉，前三季度，全市规模以上工业增加值同比增长6.0%。');
    assert.deepEqual(r.observations, []);
    assert.equal(r.flagged.length, 1);
    assert.equal(r.flagged[0].reason, NO_YEAR);
    assert.equal(r.flagged[0].observation?.periodYear, null);
    assert.equal(r.flagged[0].observation?.value, 6);
  });

  it('去年全年 and 今年 count from the page year; 比2019年同期 is a baseline, not a period', async () => {
    const page = [
      '发布日期：2021-12-20',
      '今年前11月，全市社会消费品零售总额已超过去年全年的7200.5亿元。',
      '1-11月，全市固定资产投资同比增长8.0%，比2019年同期增长12.4%，两年平均增长6.0%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'retail_sales', 2020, 1, 12, 'level', 7200.5],
      ["Xi'an", 'fixed_asset_investment', 2021, 1, 11, 'yoy_pct', 8],
    ]);
  });
});

describe('release pages: how the words are written', () => {
  it('drops pinyin glosses and reads traditional characters on every path', async () => {
    const page = [
      '發布時間：2020-07-28',
      '上半年，全市規(guī)模以上工業(yè)增加值同比增長(zhǎng)3.2%。',
      '全市地區(qū)生產(chǎn)總值（zhí）4321.5億元。',
      '上半年，全市重點項目完成投資612.3億元，佔年計劃的52.4%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'industrial_value_added', 2020, 1, 6, 'yoy_pct', 3.2],
      ["Xi'an", 'gdp', 2020, 1, 6, 'level', 4321.5],
      ["Xi'an", 'key_project_investment', 2020, 1, 6, 'level', 612.3],
      ["Xi'an", 'key_project_investment', 2020, 1, 6, 'plan_share_pct', 52.4],
    ]);
  });

  it('reads full-width digits and every way of writing a month range', async () => {
    const page = [
      '发布时间：2024-11-20',
      '１—７月，全市工业投资同比增长１２．５％。',
      '1~2月，全市民间投资同比增长2.0%。',
      '1至10月，全市制造业投资同比增长9.0%。',
      '1-2月份，全市基础设施投资同比下降1.5%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'industrial_investment', 2024, 1, 7, 'yoy_pct', 12.5],
      ["Xi'an", 'private_investment', 2024, 1, 2, 'yoy_pct', 2],
      ["Xi'an", 'manufacturing_investment', 2024, 1, 10, 'yoy_pct', 9],
      ["Xi'an", 'infrastructure_investment', 2024, 1, 2, 'yoy_pct', -1.5],
    ]);
  });

  it('normalises 万亿, 亿元, 万元 and 元 to the indicator unit, keeping it', async () => {
    const page = [
      '发布时间：2024-10-20',
      '前三季度，全市社会消费品零售总额1.05万亿元。',
      '前三季度，全市民间投资完成856000万元。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(
      r.observations.map((o) => [o.indicator, o.value, o.unit]),
      [
        ['retail_sales', 10500, '亿元'],
        ['private_investment', 85.6, '亿元'],
      ],
    );
  });
});

describe('release pages: numbers that are not figures of the indicator', () => {
  it('skips point differences, also those written with %', async () => {
    const page = [
      '发布时间：2024-06-18',
      '1-5月，全市规模以上工业增加值同比增长7.7%，比1-4月加快0.8个百分点，高于全国4.4个百分点。',
      '1-5月，全市固定资产投资同比下降3.0%，降幅较1-4月收窄4.1%；能源工业增加值同比增长6.0%，较1-4月加快2.6%。',
      '1-5月，全市工业投资增速回落2.0%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(values(r), [7.7, -3, 6]);
  });

  it('never loads a two-year comparison or average as growth or as a figure of 2019', async () => {
    const page = [
      '发布时间：2021-03-18',
      '1-2月，全市规模以上工业增加值同比增长30.5%，比2019年1-2月份增长15.2%，两年平均增长7.3%。',
      '1-2月，全市民间投资同比增长22.0%，两年平均增长4.0%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'industrial_value_added', 2021, 1, 2, 'yoy_pct', 30.5],
      ["Xi'an", 'private_investment', 2021, 1, 2, 'yoy_pct', 22],
    ]);
  });

  it('skips thresholds, flags approximations, and never reads a per-head value as the total', async () => {
    const page = [
      '发布时间：2024-07-20',
      '上半年，全市亿元以上项目完成投资同比增长5.0%，总投资10亿元以上的重点项目进展顺利。',
      '上半年，全市地区生产总值突破7000亿元，同比增长5.5%。',
      '全年，全市人均地区生产总值92000元。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [["Xi'an", 'gdp', 2024, 1, 6, 'yoy_pct', 5.5]]);
    assert.ok(reasons(r).includes('figure is approximate (突破7000亿元); not loaded'));
  });

  it('never loads a count of projects, a contribution rate, a share, a plan or an increment as the indicator', async () => {
    const page = [
      '发布时间：2024-07-20',
      '上半年，全市215个市级重点项目完成投资680.2亿元，达到年度计划的55.1%，开工率达到81.0%。',
      '今年，全市安排重点项目300个，较上年增加20个，增幅7.1%；总投资9800亿元，年度计划投资2600亿元。',
      '上半年，全市高技术制造业增加值同比增长14.0%，占规模以上工业的比重为22.5%，对全市工业增长的贡献率达41.0%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'key_project_investment', 2024, 1, 6, 'level', 680.2],
      ["Xi'an", 'key_project_investment', 2024, 1, 6, 'plan_share_pct', 55.1],
      ["Xi'an", 'high_tech_manufacturing_value_added', 2024, 1, 6, 'yoy_pct', 14],
    ]);
  });

  it('pairs 分别 lists with their subjects, sharing a head noun written once', async () => {
    const page = [
      '发布时间：2024-08-15',
      '1-7月，全市战略性新兴产业、高新技术产业、高技术制造业增加值分别同比增长9.1%、8.2%、11.3%。',
      '1-7月，全市制造业投资和民间投资分别增长6.5%和-1.2%。',
      '1-7月，全市汽车及装备制造业、电子信息业增加值分别增长20.1%、7.7%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(
      r.observations.map((o) => [o.indicator, o.value]),
      [
        ['strategic_emerging_industries_value_added', 9.1],
        ['high_new_tech_industries_value_added', 8.2],
        ['high_tech_manufacturing_value_added', 11.3],
        ['manufacturing_investment', 6.5],
        ['private_investment', -1.2],
      ],
    );
    // 汽车及装备制造业 is one industry, not equipment manufacturing as a whole: flagged with its words
    assert.ok(reasons(r).some((x) => x.startsWith(`${UNKNOWN_INDICATOR}: 汽车及装备制造业增加值`)));
  });
});

describe('release pages: places', () => {
  it("gives the province, the nation and a district their own geo or leaves them out, never the city's", async () => {
    const page = [
      '发布时间：2024-07-25',
      '上半年，全市规模以上工业增加值同比增长6.2%，全省同比增长5.0%，全国同比增长6.0%。',
      '上半年，雁塔区规模以上工业增加值同比增长9.9%。',
      '其中，全区工业投资同比增长3.3%。',
      '上半年，高新区GDP增速达8.0%，经开区位居第二，GDP增速7.5%。',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [
      ["Xi'an", 'industrial_value_added', 2024, 1, 6, 'yoy_pct', 6.2],
      ['Shaanxi', 'industrial_value_added', 2024, 1, 6, 'yoy_pct', 5],
    ]);
    assert.ok(reasons(r).includes('place "全国" is not in the gazetteer'));
    assert.ok(reasons(r).includes('place "雁塔区" is not in the gazetteer'));
    assert.ok(reasons(r).includes('place "经开区" is not in the gazetteer'));
  });

  it('a page issued by another city speaks of that city, whatever the configured one', async () => {
    const page = ['郑州市统计局发布上半年经济运行情况', '发布时间：2023-07-20', '上半年，全市规上工业增加值同比增长7.9%。'].join('\n');
    const r = await parse(page);
    assert.deepEqual(short(r), [['Zhengzhou', 'industrial_value_added', 2023, 1, 6, 'yoy_pct', 7.9]]);
    // a province's release: its figures are the province's, 全市 stays the configured city
    const province = await parse(['陕西省统计局发布一季度数据', '发布时间：2024-04-20', '一季度，全省规模以上工业增加值同比增长3.0%。'].join('\n'));
    assert.deepEqual(short(province), [['Shaanxi', 'industrial_value_added', 2024, 1, 3, 'yoy_pct', 3]]);
  });
});

describe('release pages: the article and its words', () => {
  it('stops at the site furniture: related headlines, footers with other dates and figures', async () => {
    const page = [
      '发布时间：2020-04-14',
      '一季度，全市重点项目完成投资501.2亿元，占年计划的20.4%。',
      '责任编辑：某某',
      '热点资讯',
      '2025-06-16某市上半年社会消费品零售总额增加5000亿元',
      '2025-06-12全市规模以上工业增加值同比增长9.9%',
    ].join('\n');
    const r = await parse(page);
    assert.deepEqual(values(r), [501.2, 20.4]);
  });

  it('flags a figure next to an indicator phrase outside the vocabulary, with its words', async () => {
    const r = await parse(['发布时间：2024-05-20', '1-4月，全市原煤产量同比增长10.5%，规模以上工业增加值同比增长5.0%。'].join('\n'));
    assert.deepEqual(values(r), [5]);
    assert.ok(reasons(r).includes(`${UNKNOWN_INDICATOR}: 原煤产量`));
  });

  it('keeps the sentence each figure was read from and where it stands in the page', async () => {
    const page = ['发布时间：2024-05-20', '1-4月，全市规模以上工业增加值同比增长5.3%。1-4月，全市民间投资同比增长1.1%。'].join('\n');
    const r = await parse(page);
    const [first, second] = r.observations;
    assert.equal(first.quote, '1-4月，全市规模以上工业增加值同比增长5.3%');
    assert.equal(second.quote, '1-4月，全市民间投资同比增长1.1%');
    assert.equal(page.slice(first.offset!, first.offset! + 4), '1-4月');
    assert.equal(page.slice(second.offset!, second.offset! + 4), '1-4月');
    assert.ok(second.offset! > first.offset!);
  });
});
