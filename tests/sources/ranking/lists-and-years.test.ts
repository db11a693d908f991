import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listsNamedIn, rankingList, rankingLists } from '../../../pipelines/sources/ranking/lists.ts';
import { listYearInText, yearBefore } from '../../../pipelines/sources/ranking/years.ts';

describe('ranking lists reference', () => {
  it('ships the lists pages name, with what they rank', () => {
    const ids = rankingLists().map((l) => [l.id, l.unit]);
    for (const expected of [
      ['ccid-top100-advanced-manufacturing-cities', 'city'],
      ['ccid-top100-districts', 'district'],
      ['ccid-top100-counties', 'county'],
      ['caict-industrial-top100-counties', 'county'],
      ['jixia-manufacturing-top100-counties', 'county'],
      ['cass-city-economic-competitiveness', 'city'],
      ['cass-city-sustainable-competitiveness', 'city'],
      ['china-city-gdp-ranking', 'city'],
    ]) {
      assert.ok(ids.some(([id, unit]) => id === expected[0] && unit === expected[1]), expected[0]);
    }
    // The 2018-2020 predecessor's name lands under the city list.
    assert.ok(rankingList('ccid-top100-advanced-manufacturing-cities').aliases.includes('先进制造业城市发展指数'));
  });

  it('adds configured lists and takes an unknown id for a city list with no names', () => {
    const lists = rankingLists([{ id: 'green', unit: 'district', name: '绿色城区榜', aliases: ['綠色城區'] }]);
    assert.deepEqual(lists.at(-1), { id: 'green', unit: 'district', name: '绿色城区榜', aliases: ['绿色城区榜', '绿色城区'] });
    assert.deepEqual(rankingList('nobody-knows'), { id: 'nobody-knows', unit: 'city', name: 'nobody-knows', aliases: [] });
  });

  it('finds the lists a text names, the longest name winning an overlap', () => {
    const found = listsNamedIn('经济竞争力前三与可持续竞争力前三，另有全国制造业百强县', rankingLists());
    assert.deepEqual(found.map((m) => m.list.id), ['cass-city-economic-competitiveness', 'cass-city-sustainable-competitiveness', 'jixia-manufacturing-top100-counties']);
  });
});

describe('ranking years', () => {
  const list = rankingList('ccid-top100-advanced-manufacturing-cities');

  it("takes the list's year only from beside its name or a word for a ranking", () => {
    assert.equal(listYearInText('示例：2022先进制造业十强城市依次为', list)?.year, 2022);
    assert.equal(listYearInText('发布《先进制造业百强市(2021)研究报告》', list)?.year, 2021);
    assert.equal(listYearInText('2020年示例城市排行榜', list)?.year, 2020);
    assert.equal(listYearInText('发布时间：2021-11-20。和2018年相比下降一位。截至2021年末，总量增长。', list), null);
  });

  it("gives a clause the year its words state, 去年 and 今年 counted from the list's year, comparisons left out", () => {
    assert.equal(yearBefore('2022年甲位列', 2024), 2022);
    assert.equal(yearBefore('甲由去年', 2024), 2023);
    assert.equal(yearBefore('去年跻身前十的甲，今年再进两位，排名', 2024), 2024);
    assert.equal(yearBefore('甲较2021年上升1位，', 2022), null);
    assert.equal(yearBefore('2021年以来，甲', 2022), null);
  });
});
