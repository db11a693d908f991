import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutComparison, extractFigures, splitClauses, splitSentences, type FigureOptions } from '../../pipelines/sources/release/clauses.ts';
import { chineseNumeral } from '../../pipelines/sources/chinese-numeral.ts';
import { convertMoney, normalizeText, parseCount } from '../../pipelines/sources/release/numbers.ts';
import { placeOfClause } from '../../pipelines/sources/release/places.ts';
import { BAOJI, SHAANXI, XIAN, testContext } from '../helpers/context.ts';

describe('numbers', () => {
  it('normalizes full-width digits, thousands separators, range dashes and spaces', () => {
    assert.equal(normalizeText('增长１５．２％'), '增长15.2%');
    assert.equal(normalizeText('完成投资1,234,567.8亿元, 同比增长 2.6 %'), '完成投资1234567.8亿元，同比增长2.6%');
    assert.equal(normalizeText('1—7月、1～7月、1－5月'), '1-7月、1-7月、1-5月');
    assert.equal(normalizeText('固定资产投资(不含农户)'), '固定资产投资（不含农户）');
    assert.equal(normalizeText('\u3000\u3000全市 GDP'), '全市GDP');
  });

  it('reads Chinese numerals', () => {
    assert.equal(chineseNumeral('三'), 3);
    assert.equal(chineseNumeral('两'), 2);
    assert.equal(chineseNumeral('十二'), 12);
    assert.equal(chineseNumeral('二十'), 20);
    assert.equal(chineseNumeral('一百零五'), 105);
    assert.equal(chineseNumeral('四百一十二'), 412);
    assert.equal(chineseNumeral('一万二千'), 12000);
    assert.equal(chineseNumeral('多'), null);
    // digits without a unit, one by one, as ranks are sometimes written
    assert.equal(chineseNumeral('三〇'), 30);
    assert.equal(chineseNumeral('一〇五'), 105);
    assert.equal(parseCount('412'), 412);
    assert.equal(parseCount('十五'), 15);
  });

  it('converts money between units without binary noise', () => {
    assert.equal(convertMoney(85600, '万元', '亿元'), 8.56);
    assert.equal(convertMoney(5600, '万元', '亿元'), 0.56);
    assert.equal(convertMoney(1.2, '万亿元', '亿元'), 12000);
    assert.equal(convertMoney(3, '个', '亿元'), null);
  });
});

describe('sentences and clauses', () => {
  it('splits sentences at 。！？ and clauses at ，：； (an indicator goes on across a ；)', () => {
    assert.deepEqual(splitSentences('甲，乙。丙；丁！'), ['甲，乙', '丙；丁']);
    assert.deepEqual(splitClauses('分领域看：工业投资增长5%，快于全国；丙'), ['分领域看', '工业投资增长5%', '快于全国', '丙']);
  });

  it('cuts a clause at a comparison with another period or place', () => {
    assert.equal(cutComparison('比1-4月回落0.3个百分点'), '');
    assert.equal(cutComparison('高于全省1.2个百分点'), '');
    assert.equal(cutComparison('快于全国2.0个百分点'), '');
    assert.equal(cutComparison('比上月提高0.5个百分点'), '');
    assert.equal(cutComparison('环比增长1.2%'), '');
    assert.equal(cutComparison('与1-4月持平'), '');
    assert.equal(cutComparison('全市工业投资增长5.0%高于全省1.1个百分点'), '全市工业投资增长5.0%');
  });

  it('keeps yoy baselines and words that only contain 比', () => {
    for (const clause of ['同比增长4.2%', '比上年增长5.1%', '较上年同期下降2.0%', '与上年同期持平', '按可比价格计算', '占比提高', '保持较快增长']) {
      assert.equal(cutComparison(clause), clause);
    }
  });
});

describe('extractFigures', () => {
  const opts: FigureOptions = { countIndicator: false, periodYear: 2024 };
  const figures = (clause: string, o: Partial<FigureOptions> = {}) =>
    extractFigures(clause, { ...opts, ...o }).figures.map((f) => [f.measure, f.value, f.unit]);

  it('reads growth verbs with their sign', () => {
    assert.deepEqual(figures('同比增长4.2%'), [['yoy_pct', 4.2, '%']]);
    assert.deepEqual(figures('同比上升1.0%'), [['yoy_pct', 1, '%']]);
    assert.deepEqual(figures('比上年提高2.5%'), [['yoy_pct', 2.5, '%']]);
    assert.deepEqual(figures('同比下降3.1%'), [['yoy_pct', -3.1, '%']]);
    assert.deepEqual(figures('减少0.6%'), [['yoy_pct', -0.6, '%']]);
    assert.deepEqual(figures('同比回落5.3%'), [['yoy_pct', -5.3, '%']]);
    assert.deepEqual(figures('增长-3.5%'), [['yoy_pct', -3.5, '%']]);
    assert.deepEqual(figures('增速为6.1%'), [['yoy_pct', 6.1, '%']]);
    assert.deepEqual(figures('与上年同期持平'), [['yoy_pct', 0, '%']]);
    // one-character verbs right after 同比, and a rate that 达到了
    assert.deepEqual(figures('进出口总额同比增8.9%'), [['yoy_pct', 8.9, '%']]);
    assert.deepEqual(figures('出口同比降3.1%'), [['yoy_pct', -3.1, '%']]);
    assert.deepEqual(figures('增幅达到了9.2%'), [['yoy_pct', 9.2, '%']]);
    assert.deepEqual(figures('增值税增8.9%'), [], 'a bare 增 after other words is no growth verb');
  });

  it('reads levels and plan shares; counts only of a count indicator', () => {
    assert.deepEqual(figures('全市地区生产总值9876.54亿元'), [['level', 9876.54, '亿元']]);
    assert.deepEqual(figures('完成85600万元'), [['level', 85600, '万元']]);
    assert.deepEqual(figures('占年度计划的81.7%'), [['plan_share_pct', 81.7, '%']]);
    // 412个 counts projects: not the projects' investment, and not loaded
    assert.deepEqual(figures('全市412个市级重点项目完成投资1234.5亿元'), [['level', 1234.5, '亿元']]);
    assert.equal(extractFigures('全市412个市级重点项目完成投资1234.5亿元', opts).others, 1);
    assert.deepEqual(figures('全省共有三个城市入围百强市', { countIndicator: true }), [['count', 3, '个']]);
  });

  it('skips percentage points, multiples, increments, other shares and counts of other things', () => {
    assert.deepEqual(figures('增速提高0.5个百分点'), []);
    assert.deepEqual(figures('是上年的1.5倍'), []);
    assert.deepEqual(figures('比上年增加56.7亿元'), []);
    assert.deepEqual(figures('占全市投资的比重为30.2%'), []);
    assert.deepEqual(figures('围绕34个产业链重点项目完成投资'), []);
  });

  it('takes 比2022年 as a yoy baseline in 2023 only', () => {
    assert.deepEqual(figures('比2022年增长5.0%', { periodYear: 2023 }), [['yoy_pct', 5, '%']]);
    assert.deepEqual(figures('比2019年增长20.0%', { periodYear: 2023 }), []);
    assert.deepEqual(figures('比2022年增长5.0%', { periodYear: null }), []);
  });

  it('reports figures that are there but cannot be loaded', () => {
    const problems = (clause: string) => extractFigures(clause, opts).problems;
    assert.deepEqual(problems('全市民间投资同比增长'), ['growth is stated without a figure']);
    assert.deepEqual(problems('同比增长%'), ['growth is stated without a figure']);
    assert.deepEqual(problems('全市重点项目完成投资亿元'), ['amount is stated without a figure']);
    assert.deepEqual(problems('全市重点项目完成投资突破1000亿元'), ['figure is approximate (突破1000亿元); not loaded']);
    assert.deepEqual(problems('全市进出口总值基本持平'), ['growth is stated as roughly flat (基本持平), not as a figure']);
    assert.deepEqual(problems('工业投资和制造业投资分别增长5.0%和6.0%'), [
      'clause gives several figures with 分别 that could not be paired with their subjects',
    ]);
    assert.deepEqual(problems('亿元以上项目完成投资12.5亿元'), []);
  });
});

describe('placeOfClause', () => {
  const ctx = testContext();
  it('reads 全市 / 本市 / 我市 as the page place and 全省 as its province', () => {
    assert.deepEqual(placeOfClause('全市', ctx), { place: XIAN });
    assert.deepEqual(placeOfClause('本市', ctx), { place: XIAN });
    assert.deepEqual(placeOfClause('其中我市', ctx), { place: XIAN });
    assert.deepEqual(placeOfClause('全省', ctx), { place: SHAANXI });
  });

  it('looks up a place named at the start, with or without 市', () => {
    assert.deepEqual(placeOfClause('西安市', ctx), { place: XIAN });
    assert.deepEqual(placeOfClause('宝鸡市', ctx), { place: BAOJI });
    assert.deepEqual(placeOfClause('西安', ctx), { place: XIAN });
    assert.deepEqual(placeOfClause('陕西省', ctx), { place: SHAANXI });
  });

  it('reports a place it cannot resolve and is null when none is named', () => {
    assert.deepEqual(placeOfClause('咸阳市', ctx), { problem: 'place "咸阳市" is not in the gazetteer' });
    assert.deepEqual(placeOfClause('西安高新区', ctx), { problem: 'place "西安高新区" is not in the gazetteer' });
    assert.deepEqual(placeOfClause('全国', ctx), { problem: 'place "全国" is not in the gazetteer' });
    assert.equal(placeOfClause('412个市级', ctx), null);
    assert.equal(placeOfClause('', ctx), null);
  });

  it('reports 全市 / 全省 when the source has no default place or its province is unknown', () => {
    const bare = testContext({ defaultPlace: null });
    assert.deepEqual(placeOfClause('全市', bare), { problem: '"全市" refers to the page\'s place, but the source sets no default place' });
    assert.deepEqual(placeOfClause('全省', bare), { problem: '"全省" needs the province of the page\'s place, which is not known' });
    const provinceless = testContext({ defaultPlace: SHAANXI });
    assert.deepEqual(placeOfClause('全省', provinceless), { problem: '"全省" needs the province of the page\'s place, which is not known' });
  });
});
