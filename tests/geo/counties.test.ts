import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { allCounties, COUNTIES_PATH, lookupCounty } from '../../pipelines/geo/counties.ts';

const one = (name: string, hints = {}) => {
  const m = lookupCounty(name, hints);
  return m && 'entry' in m ? m.entry : null;
};

describe('county gazetteer', () => {
  it('has the documented columns and the county level of every province', () => {
    const [header] = readFileSync(COUNTIES_PATH, 'utf8').split('\n');
    assert.equal(header, 'code,kind,name_zh,short_zh,name_zh_hant,name_en,prefecture_zh,prefecture_en,province_zh,province_en');
    const kinds = new Set(allCounties().map((c) => c.kind));
    assert.deepEqual([...kinds].sort(), ['banner', 'city', 'county', 'district']);
    assert.ok(allCounties().length > 2800);
  });

  it('resolves county-level cities by full and short name, with prefecture and province', () => {
    const jiangyin = one('江阴');
    assert.deepEqual(
      jiangyin && { code: jiangyin.code, nameZh: jiangyin.nameZh, nameEn: jiangyin.nameEn, prefectureZh: jiangyin.prefectureZh, provinceZh: jiangyin.provinceZh },
      { code: '320281', nameZh: '江阴市', nameEn: 'Jiangyin (Wuxi)', prefectureZh: '无锡', provinceZh: '江苏' },
    );
    assert.equal(one('昆山市')?.prefectureZh, '苏州');
    assert.equal(one('崑山')?.nameZh, '昆山市');
    assert.equal(one('长丰县')?.kind, 'county');
    assert.equal(one('长丰')?.nameZh, '长丰县');
    // Directly under the province: the province stands in for the prefecture.
    assert.equal(one('仙桃市')?.prefectureZh, '湖北');
    assert.equal(one('准格尔旗')?.kind, 'banner');
  });

  it('keeps a district its suffix and calls a shared name ambiguous unless a hint tells which', () => {
    assert.equal(lookupCounty('南山'), null);
    const shared = lookupCounty('南山区');
    assert.ok(shared && 'ambiguous' in shared);
    assert.deepEqual(shared.ambiguous.map((e) => e.prefectureZh).sort(), ['深圳', '鹤岗']);
    assert.equal(one('南山区', { prefectures: ['深圳', '广州'] })?.code, '440305');
    assert.equal(one('南山区', { province: '黑龙江' })?.code, '230404');
    assert.equal(one('福田区')?.prefectureZh, '深圳');
  });
});

describe('county gazetteer: former names', () => {
  it('resolves a name printed before the county became a district or a city to the unit it is now', () => {
    assert.equal(one('即墨市')?.nameZh, '即墨区');
    assert.equal(one('即墨')?.code, '370215');
    assert.equal(one('邹平县')?.nameZh, '邹平市');
    assert.equal(one('长乐市')?.prefectureZh, '福州');
  });
});
