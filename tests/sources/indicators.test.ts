import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allIndicators, indicatorById, matchIndicator } from '../../pipelines/sources/indicators.ts';

const REQUIRED = [
  'industrial_value_added',
  'gdp',
  'secondary_industry_value_added',
  'high_tech_manufacturing_value_added',
  'equipment_manufacturing_value_added',
  'strategic_emerging_industries_value_added',
  'high_new_tech_industries_value_added',
  'leading_industries_value_added',
  'leading_industries_output',
  'energy_industry_value_added',
  'non_energy_industry_value_added',
  'high_tech_manufacturing_output',
  'strategic_emerging_industries_output',
  'fixed_asset_investment',
  'industrial_investment',
  'manufacturing_investment',
  'private_investment',
  'infrastructure_investment',
  'high_tech_industry_investment',
  'high_tech_manufacturing_investment',
  'real_estate_investment',
  'imports_exports',
  'exports',
  'imports',
  'retail_sales',
  'key_project_investment',
  'provincial_key_project_investment',
  'advanced_manufacturing_project_investment',
  'top100_cities_count',
];

describe('indicator vocabulary', () => {
  it('has every indicator the release adapter needs, with snake_case ids', () => {
    const ids = allIndicators().map((i) => i.id);
    assert.deepEqual(ids, REQUIRED);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
  });

  it('gives names, units and aliases by id', () => {
    assert.deepEqual(indicatorById('industrial_value_added'), {
      id: 'industrial_value_added',
      nameEn: 'value added of industry above designated size',
      nameZh: '规模以上工业增加值',
      unit: '亿元',
      aliases: ['规模以上工业增加值', '规上工业增加值', '规模以上工业企业增加值', '规模以上工业企业实现增加值', '规模以上工业实现增加值', '规模以上工业企业…增加值', '规上工业企业…增加值', '规模以上企业…工业增加值'],
    });
    assert.equal(indicatorById('key_project_investment')?.unit, '亿元');
    assert.equal(indicatorById('top100_cities_count')?.unit, '个');
    assert.ok(indicatorById('fixed_asset_investment')?.aliases.includes('固定资产投资（不含农户）'));
    assert.ok(indicatorById('gdp')?.aliases.includes('GDP'));
  });

  it('is null for an unknown id', () => {
    assert.equal(indicatorById('steel_output'), null);
  });
});

describe('matchIndicator', () => {
  const cases: [string, string, string, number][] = [
    ['全市规模以上工业增加值同比增长4.2%', 'industrial_value_added', '规模以上工业增加值', 2],
    ['规上工业增加值同比增长9.3%', 'industrial_value_added', '规上工业增加值', 0],
    ['规模以上工业企业累计实现增加值949.98亿元', 'industrial_value_added', '规模以上工业企业累计实现增加值', 0],
    ['规模以上企业完成工业增加值1386.24亿元', 'industrial_value_added', '规模以上企业完成工业增加值', 0],
    ['全市地区生产总值9876.54亿元', 'gdp', '地区生产总值', 2],
    ['全市GDP增长5.1%', 'gdp', 'GDP', 2],
    ['全市固定资产投资（不含农户）同比下降3.1%', 'fixed_asset_investment', '固定资产投资（不含农户）', 2],
    ['工业投资同比增长12.5%', 'industrial_investment', '工业投资', 0],
    ['其中制造业投资增长15.2%', 'manufacturing_investment', '制造业投资', 2],
    ['高技术制造业投资增长21.0%', 'high_tech_manufacturing_investment', '高技术制造业投资', 0],
    ['高技术产业投资增长18.4%', 'high_tech_industry_investment', '高技术产业投资', 0],
    ['民间投资与上年同期持平', 'private_investment', '民间投资', 0],
    ['基础设施投资下降8.4%', 'infrastructure_investment', '基础设施投资', 0],
    ['房地产开发投资同比下降15.3%', 'real_estate_investment', '房地产开发投资', 0],
    ['全市外贸进出口总值1503.2亿元', 'imports_exports', '外贸进出口', 2],
    ['进出口总值与上年持平', 'imports_exports', '进出口总值', 0],
    ['出口963.4亿元', 'exports', '出口', 0],
    ['进口539.8亿元', 'imports', '进口', 0],
    ['全市社会消费品零售总额2081.37亿元', 'retail_sales', '社会消费品零售总额', 2],
    ['全市412个市级重点项目完成投资1234.5亿元', 'key_project_investment', '重点项目完成投资', 8],
    ['156个先进制造业和研发平台项目完成投资512.6亿元', 'advanced_manufacturing_project_investment', '先进制造业和研发平台项目', 4],
    ['先进制造业重点项目完成投资', 'advanced_manufacturing_project_investment', '先进制造业重点项目', 0],
    ['16个省列重点项目完成投资28.8亿元', 'provincial_key_project_investment', '省列重点项目完成投资', 3],
    // not the city's list, whose 重点项目完成投资 it holds
    ['其中61个省重点项目完成投资274.5亿元', 'provincial_key_project_investment', '省重点项目完成投资', 5],
    ['先进制造业主导产业实现工业增加值1081.8亿元', 'leading_industries_value_added', '主导产业', 5],
    // Xi'an's key-project list names its advanced-manufacturing group 先进制造业能级提升工程
    ['先进制造业能级提升工程动能强劲', 'advanced_manufacturing_project_investment', '先进制造业能级提升工程', 0],
    ['全省共有3个城市入围先进制造业百强市', 'top100_cities_count', '百强市', 15],
  ];
  for (const [text, id, alias, index] of cases) {
    it(`reads ${text} as ${id}`, () => {
      const m = matchIndicator(text);
      assert.equal(m?.indicator.id, id);
      assert.equal(m?.alias, alias);
      assert.equal(m?.index, index);
    });
  }

  it('reads a grouping with a verb before its head noun as that head noun', () => {
    // 完成 between the grouping and 投资: the grouping's investment, not its value added.
    assert.equal(matchIndicator('高技术制造业完成投资448.8亿元')?.indicator.id, 'high_tech_manufacturing_investment');
    assert.equal(matchIndicator('高技术制造业增长16.2%')?.indicator.id, 'high_tech_manufacturing_value_added');
  });

  it('does not read a narrower thing as the whole: an industry of manufacturing, a class of goods, export deliveries', () => {
    assert.equal(matchIndicator('其中航空航天器及设备制造业投资增长353%'), null);
    assert.equal(matchIndicator('电子及通信设备制造业投资增长97.3%'), null);
    assert.equal(matchIndicator('机电产品出口增长8.1%'), null);
    assert.equal(matchIndicator('规模以上工业出口交货值增长21.2%'), null);
    // A place, a scope or a count in front is no narrower thing.
    const isPlace = (name: string) => name === '宁波';
    assert.equal(matchIndicator('宁波制造业投资增长6.1%', isPlace)?.indicator.id, 'manufacturing_investment');
    assert.equal(matchIndicator('其中制造业投资增长6.1%')?.indicator.id, 'manufacturing_investment');
    assert.equal(matchIndicator('特别是制造业投资增长6.1%')?.indicator.id, 'manufacturing_investment');
    assert.equal(matchIndicator('全市出口963.4亿元')?.indicator.id, 'exports');
  });

  it('is null for a clause without an indicator', () => {
    assert.equal(matchIndicator('制造业增加值增长5.6%'), null);
    assert.equal(matchIndicator('限额以上单位商品零售额增长1.9%'), null);
  });
});
