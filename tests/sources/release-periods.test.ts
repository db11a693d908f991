import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeText } from '../../pipelines/sources/release/numbers.ts';
import { findPeriod, parsePeriod, parsePublished, resolveYear } from '../../pipelines/sources/release/periods.ts';

// Periods are read from normalized text, as the adapter does.
const period = (text: string) => parsePeriod(normalizeText(text));

describe('parsePeriod', () => {
  const cases: [string, number | null, number, number][] = [
    ['1-8月', null, 1, 8],
    ['1—7月', null, 1, 7],
    ['1~7月', null, 1, 7],
    ['1～7月', null, 1, 7],
    ['1至11月', null, 1, 11],
    ['1－5月', null, 1, 5],
    ['１－５月', null, 1, 5],
    ['1月-5月', null, 1, 5],
    ['1-5月份', null, 1, 5],
    ['一季度', null, 1, 3],
    ['第一季度', null, 1, 3],
    ['二季度', null, 4, 6],
    ['三季度', null, 7, 9],
    ['四季度', null, 10, 12],
    ['上半年', null, 1, 6],
    ['下半年', null, 7, 12],
    ['前三季度', null, 1, 9],
    ['1-3季度', null, 1, 9],
    ['一至二季度', null, 1, 6],
    ['全年', null, 1, 12],
    ['截至9月底', null, 1, 9],
    ['截至9月末', null, 1, 9],
    ['截止到6月底', null, 1, 6],
    ['9月底', null, 1, 9],
    ['前两个月', null, 1, 2],
    ['5月', null, 5, 5],
    ['5月份', null, 5, 5],
    ['12月份', null, 12, 12],
    ['2022年1-6月', 2022, 1, 6],
    ['2022年上半年', 2022, 1, 6],
    ['2023年全年', 2023, 1, 12],
    ['2023年', 2023, 1, 12],
    ['2023年度', 2023, 1, 12],
    ['2024年一季度', 2024, 1, 3],
    ['截至2024年9月底', 2024, 1, 9],
    ['2021年5月', 2021, 5, 5],
  ];
  for (const [text, year, monthFrom, monthTo] of cases) {
    it(`reads ${text} as ${year ?? 'no year'}, months ${monthFrom}-${monthTo}`, () => {
      assert.deepEqual(period(text), { year, monthFrom, monthTo });
    });
  }

  it('is null for text that is not exactly one period', () => {
    assert.equal(period('规模以上工业增加值'), null);
    assert.equal(period('1-5月，全市'), null);
    assert.equal(period('6月18日'), null);
  });
});

describe('findPeriod', () => {
  it('finds the first period and where it stands', () => {
    assert.deepEqual(findPeriod('据省统计局数据1-5月全省'), {
      spec: { year: null, monthFrom: 1, monthTo: 5 },
      index: 7,
      text: '1-5月',
    });
  });

  it('prefers the longest phrase at the same place', () => {
    assert.equal(findPeriod('2022年上半年西安市')?.text, '2022年上半年');
    assert.equal(findPeriod('前三季度，全市')?.text, '前三季度');
    assert.equal(findPeriod('截至9月底')?.text, '截至9月底');
  });

  it('does not read a day, a year baseline or "since" as a period', () => {
    assert.equal(findPeriod('2024年6月18日发布'), null);
    assert.equal(findPeriod('比2022年增长'), null);
    assert.equal(findPeriod('2023年以来'), null);
    assert.equal(findPeriod('规模以上工业增加值同比增长4.2%'), null);
  });

  it('reads 去年 alone as all of last year, but not 去年同期, 去年以来, 比去年 or 去年底', () => {
    assert.deepEqual(findPeriod('去年全市地区生产总值')?.spec, { year: null, monthFrom: 1, monthTo: 12, relative: -1 });
    assert.deepEqual(findPeriod('去年全年')?.spec, { year: null, monthFrom: 1, monthTo: 12, relative: -1 });
    for (const text of ['比去年增长', '较去年同期', '去年以来', '去年底', '与去年相比']) assert.equal(findPeriod(text), null, text);
  });

  it('does not read the month a trend goes on from as the period', () => {
    assert.equal(findPeriod('全市规模以上工业增加值延续2月份平稳向好趋势'), null);
  });

  it('reads a year inside a list name as that year', () => {
    assert.deepEqual(findPeriod('全省共有3个城市入围2024年先进制造业百强市')?.spec, { year: 2024, monthFrom: 1, monthTo: 12 });
  });
});

describe('resolveYear', () => {
  it('keeps a year the text states', () => {
    assert.equal(resolveYear({ year: 2022, monthFrom: 1, monthTo: 6 }, '2024-06-18'), 2022);
    assert.equal(resolveYear({ year: 2022, monthFrom: 1, monthTo: 6 }, null), 2022);
  });

  it('takes the publication year for a period that has ended by then', () => {
    assert.equal(resolveYear({ year: null, monthFrom: 1, monthTo: 5 }, '2024-06-18'), 2024);
    assert.equal(resolveYear({ year: null, monthFrom: 1, monthTo: 9 }, '2024-09-30'), 2024);
  });

  it('takes the previous year for a period that ends after the publication month', () => {
    assert.equal(resolveYear({ year: null, monthFrom: 1, monthTo: 12 }, '2024-01-26'), 2023);
    assert.equal(resolveYear({ year: null, monthFrom: 12, monthTo: 12 }, '2024-01-26'), 2023);
    assert.equal(resolveYear({ year: null, monthFrom: 10, monthTo: 12 }, '2024-02-10'), 2023);
  });

  it('is null when neither the text nor a valid publication date tells', () => {
    assert.equal(resolveYear({ year: null, monthFrom: 1, monthTo: 3 }, null), null);
    assert.equal(resolveYear({ year: null, monthFrom: 1, monthTo: 3 }, '18/06/2024'), null);
  });
});

describe('parsePublished', () => {
  it('reads YYYY-MM-DD and nothing else', () => {
    assert.deepEqual(parsePublished('2024-06-18'), { year: 2024, month: 6 });
    assert.equal(parsePublished('2024-13-01'), null);
    assert.equal(parsePublished('2024-6-18'), null);
    assert.equal(parsePublished('2024年6月18日'), null);
  });
});
