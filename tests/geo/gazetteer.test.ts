import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allEntries, GAZETTEER_PATH, isProvinceLevel, lookupCity, lookupPlace, lookupProvince } from '../../pipelines/geo/gazetteer.ts';

describe('gazetteer file', () => {
  it('has the documented columns and every province-level and prefecture-level division', () => {
    const [header] = readFileSync(GAZETTEER_PATH, 'utf8').split('\n');
    assert.equal(header, 'code,kind,name_zh,short_zh,name_zh_hant,short_zh_hant,name_en,province_zh,province_en,region');
    const entries = allEntries();
    const count = (kinds: string[]) => entries.filter((e) => kinds.includes(e.kind)).length;
    // The mainland's 31, Taiwan, and Hong Kong and Macao as special administrative regions.
    assert.equal(count(['province', 'municipality', 'autonomous_region']), 32);
    assert.equal(count(['sar']), 2);
    assert.equal(count(['municipality']), 4);
    assert.equal(count(['autonomous_region']), 5);
    // The mainland's 333 and Taiwan's 9 cities.
    assert.equal(count(['city', 'prefecture']), 342);
    assert.ok(!entries.some((e) => /市辖区|直辖/.test(e.nameZh)));
  });

  it('pins official English spellings, Shaanxi apart from Shanxi', () => {
    const en = (zh: string) => lookupPlace(zh)?.name;
    assert.equal(en('西安'), "Xi'an");
    assert.equal(en('呼和浩特'), 'Hohhot');
    assert.equal(en('哈尔滨'), 'Harbin');
    assert.equal(en('乌鲁木齐'), 'Urumqi');
    assert.equal(en('拉萨'), 'Lhasa');
    assert.equal(en('陕西'), 'Shaanxi');
    assert.equal(en('山西'), 'Shanxi');
    assert.equal(en('内蒙古'), 'Inner Mongolia');
    assert.equal(en('西藏'), 'Tibet');
    assert.equal(en('喀什'), 'Kashgar');
    assert.equal(en('日喀则'), 'Shigatse');
    assert.equal(en('成都'), 'Chengdu');
    assert.equal(lookupPlace('太原')?.province, 'Shanxi');
    assert.equal(lookupPlace('宝鸡')?.province, 'Shaanxi');
  });

  it('puts an apostrophe before a syllable starting with a, e or o, by rule not only by override', () => {
    for (const [zh, en] of [['吉安', "Ji'an"], ['泰安', "Tai'an"], ['延安', "Yan'an"], ['淮安', "Huai'an"], ['雅安', "Ya'an"], ['广安', "Guang'an"], ['马鞍山', "Ma'anshan"], ['普洱', "Pu'er"]]) {
      assert.equal(lookupPlace(zh!)?.name, en, zh);
    }
    assert.equal(lookupPlace('西宁')?.name, 'Xining');
  });

  it('has short names, traditional names, kinds and regions', () => {
    const xian = lookupCity('西安')!;
    assert.deepEqual(
      { ...xian },
      { code: '610100', kind: 'city', nameZh: '西安市', shortZh: '西安', nameZhHant: '西安市', shortZhHant: '西安', nameEn: "Xi'an", provinceZh: '陕西', provinceEn: 'Shaanxi', region: 'west' },
    );
    assert.equal(lookupProvince('内蒙古自治区')?.shortZh, '内蒙古');
    assert.equal(lookupCity('恩施土家族苗族自治州')?.shortZh, '恩施');
    assert.equal(lookupCity('恩施土家族苗族自治州')?.kind, 'prefecture');
    assert.equal(lookupCity('长沙')?.nameZhHant, '長沙市');
    assert.deepEqual(
      ['沈阳', '太原', '郑州', '西安', '重庆', '南宁', '呼和浩特', '广州', '北京'].map((n) => lookupCity(n)?.region),
      ['northeast', 'central', 'central', 'west', 'west', 'west', 'west', 'east', 'east'],
    );
  });
});

describe('lookupPlace', () => {
  it('accepts simplified or traditional, with or without suffix', () => {
    const xian = { code: '610100', name: "Xi'an", nameZh: '西安', province: 'Shaanxi' };
    for (const n of ['西安', '西安市', ' 西安市 ']) assert.deepEqual(lookupPlace(n), xian, n);
    assert.deepEqual(lookupPlace('長沙市'), { code: '430100', name: 'Changsha', nameZh: '长沙', province: 'Hunan' });
    assert.deepEqual(lookupPlace('長沙'), lookupPlace('长沙'));
    assert.equal(lookupPlace('烏魯木齊市')?.name, 'Urumqi');
    assert.equal(lookupPlace('陝西省')?.name, 'Shaanxi');
  });

  it('accepts English in any case, with or without apostrophe or suffix', () => {
    for (const n of ['xian', "Xi'an", "XI'AN", 'Xi’an', 'Xian City']) assert.equal(lookupPlace(n)?.nameZh, '西安', n);
    assert.equal(lookupPlace('hohhot')?.nameZh, '呼和浩特');
    assert.equal(lookupPlace('Shaanxi Province')?.nameZh, '陕西');
    assert.equal(lookupPlace('Lvliang')?.nameZh, '吕梁');
  });

  it('gives province null for province-level entries, municipalities included', () => {
    assert.deepEqual(lookupPlace('陕西省'), { code: '610000', name: 'Shaanxi', nameZh: '陕西', province: null });
    assert.deepEqual(lookupPlace('北京市'), { code: '110000', name: 'Beijing', nameZh: '北京', province: null });
  });

  it('resolves autonomous prefectures, leagues and 地区 by short name or the 州 form', () => {
    assert.equal(lookupPlace('延边')?.name, 'Yanbian');
    assert.equal(lookupPlace('恩施州')?.name, 'Enshi');
    assert.equal(lookupPlace('兴安盟')?.name, "Xing'an");
    assert.equal(lookupPlace('喀什地区')?.name, 'Kashgar');
  });

  it('returns null for unknown names', () => {
    assert.equal(lookupPlace('某某市'), null);
    assert.equal(lookupPlace('昆山市'), null); // county-level: not in a prefecture-level gazetteer
    assert.equal(lookupPlace(''), null);
    assert.equal(lookupPlace('Atlantis'), null);
  });
});

describe('collisions', () => {
  it('reads a bare 吉林 as the city, 吉林省 as the province', () => {
    assert.equal(lookupCity('吉林')?.kind, 'city');
    assert.equal(lookupCity('吉林市')?.kind, 'city');
    assert.equal(lookupCity('吉林省')?.kind, 'province');
    assert.equal(lookupProvince('吉林')?.kind, 'province');
    assert.equal(lookupCity('Jilin')?.kind, 'city');
  });

  it('reads a bare 海南 as the province, 海南州 as the Qinghai prefecture', () => {
    assert.equal(lookupCity('海南')?.kind, 'province');
    assert.equal(lookupCity('海南州')?.provinceEn, 'Qinghai');
  });

  it('tells English homonyms apart by province, and never guesses without one', () => {
    assert.equal(lookupCity('Suzhou'), null);
    assert.equal(lookupPlace('Suzhou'), null);
    assert.equal(lookupCity('Suzhou', 'Anhui')?.nameZh, '宿州市');
    assert.equal(lookupCity('Suzhou', '安徽省')?.nameZh, '宿州市');
    assert.equal(lookupCity('Yulin', 'Shaanxi')?.nameZh, '榆林市');
    assert.equal(lookupCity('Yulin', 'Guangxi')?.nameZh, '玉林市');
    assert.equal(lookupCity('Fuzhou', 'Jiangxi')?.nameZh, '抚州市');
  });
});

describe('isProvinceLevel', () => {
  it('is true for provinces and autonomous regions, false for municipalities and cities', () => {
    for (const n of ['陕西', '陕西省', 'Shanxi', '内蒙古', '广西壮族自治区', '海南']) assert.equal(isProvinceLevel(n), true, n);
    for (const n of ['北京', '重庆市', '吉林', '西安', '某某市']) assert.equal(isProvinceLevel(n), false, n);
  });
});

describe('Hong Kong, Macao and Taiwan', () => {
  it('resolves them as cities, in either script, with their region as province', () => {
    assert.deepEqual(lookupPlace('香港'), { code: '810000', name: 'Hong Kong', nameZh: '香港', province: null });
    assert.deepEqual(lookupPlace('澳門'), { code: '820000', name: 'Macao', nameZh: '澳门', province: null });
    assert.deepEqual(lookupPlace('臺北'), { code: '710100', name: 'Taipei', nameZh: '台北', province: 'Taiwan' });
    assert.equal(lookupPlace('高雄市')?.name, 'Kaohsiung');
    assert.equal(isProvinceLevel('香港'), false);
    assert.equal(isProvinceLevel('台湾'), true);
    assert.equal(lookupProvince('台湾')?.shortZh, '台湾');
    assert.equal(lookupProvince('香港')?.kind, 'sar');
  });
});
