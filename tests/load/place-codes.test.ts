// Places keyed by their division code, into a real DuckDB file: cities that share an English name
// (苏州 and 宿州 are both Suzhou, 台州 and 泰州 both Taizhou, 福州 and 抚州 both Fuzhou) load as
// two places each, with no conflict; an English name alone that two cities share is quarantined with
// both candidates named; the edition's queries select its city by code; and migration 052 gives the
// rows of a warehouse loaded before codes their codes, losing none.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SourceConfig } from '../../pipelines/config.ts';
import { buildModels, runDataTests } from '../../pipelines/indicators/models.ts';
import { loadSource, type LoadDeps } from '../../pipelines/load/load-source.ts';
import { readEditionData } from '../../pipelines/render/edition-data.ts';
import rankingProse from '../../pipelines/sources/ranking-prose.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

let dir: string;
const deps: LoadDeps = { now: () => new Date('2026-11-28T02:00:00Z'), defaultCity: "Xi'an" };

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xian-report-codes-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function fileSource(name: string, body: string, extra: Partial<SourceConfig> = {}): SourceConfig {
  const location = join(dir, `${name}.${extra.adapter === 'release-prose' ? 'txt' : 'csv'}`);
  writeFileSync(location, body);
  return { name, adapter: 'table-csv', location, provenance: 'test', enabled: true, settings: { table: 'rankings' }, ...extra };
}

// A list in the team's own words: two Suzhous and two Taizhous in one year, English names with
// their provinces in another, and one English name with nothing to tell its two cities apart.
const LIST = [
  'list,year,rank,city,province,score',
  'l,2023,1,苏州,,90',
  'l,2023,2,宿州,,80',
  'l,2023,3,台州,,70',
  'l,2023,4,泰州,,60',
  'l,2023,5,西安,,50',
  'l,2022,1,Suzhou,Jiangsu,88',
  'l,2022,2,Suzhou,安徽,79',
  'l,2022,3,Taizhou,Zhejiang,69',
  'l,2022,4,Yulin,,59',
  'l,2022,5,Xian,,49',
  '',
].join('\n');

describe('a ranking list with cities that share an English name', () => {
  let wh: Warehouse;
  before(async () => {
    wh = await Warehouse.open(join(dir, 'list.duckdb'));
    await loadSource(wh, fileSource('list', LIST), deps);
    await buildModels(wh);
  });
  after(() => wh.close());

  test('loads 苏州 and 宿州, 台州 and 泰州 as rows of their own, each with its code, and no conflict', async () => {
    const rows = await wh.all<{ year: number; rank: number; city: string; city_zh: string; city_code: string }>(
      'select year, rank, city, city_zh, city_code from stg_rankings order by year desc, rank',
    );
    assert.deepEqual(
      rows.map((r) => [r.year, r.rank, r.city, r.city_zh, r.city_code]),
      [
        [2023, 1, 'Suzhou', '苏州', '320500'],
        [2023, 2, 'Suzhou', '宿州', '341300'],
        [2023, 3, 'Taizhou', '台州', '331000'],
        [2023, 4, 'Taizhou', '泰州', '321200'],
        [2023, 5, "Xi'an", '西安', '610100'],
        [2022, 1, 'Suzhou', '苏州', '320500'],
        [2022, 2, 'Suzhou', '宿州', '341300'],
        [2022, 3, 'Taizhou', '台州', '331000'],
        [2022, 5, "Xi'an", '西安', '610100'],
      ],
    );
    // The data tests (one rank per city, list and year among them) pass on codes.
    assert.ok((await runDataTests(wh)) > 0);
  });

  test('quarantines an English name alone that two cities share, naming both with their Chinese names and codes', async () => {
    const quarantined = await wh.all<{ row_number: number; reason: string }>('select row_number, reason from quarantine order by row_number');
    assert.deepEqual(quarantined, [
      {
        row_number: 10,
        reason: 'Yulin is ambiguous: 玉林 (Yulin, Guangxi, 450900) or 榆林 (Yulin, Shaanxi, 610800); write the Chinese name or the division code',
      },
    ]);
    assert.doesNotMatch(quarantined.map((q) => q.reason).join('\n'), /conflict|appears 2 times/);
  });

  test('a sentence naming 苏州 and 宿州 in one list ranks both, and does not read them as one city given two ranks', async () => {
    const body = '2023年城市榜单\n前四名依次为苏州、宿州、泰州和台州。\n';
    const r = await rankingProse.parse(body, { source: 's', location: 'inline.txt', published: null, defaultPlace: null, lookupPlace: () => null, settings: { list: 'x' } });
    assert.deepEqual(r.flagged, []);
    assert.deepEqual(r.rankings.map((x) => [x.rank, x.cityZh, x.cityCode]), [
      [1, '苏州', '320500'],
      [2, '宿州', '341300'],
      [3, '泰州', '321200'],
      [4, '台州', '331000'],
    ]);
  });

  test("the edition's queries select its city by code: 宿州's trajectory is not 苏州's", async () => {
    const suzhouAnhui = await readEditionData(wh, '宿州', 'l');
    assert.equal(suzhouAnhui.cityCode, '341300');
    assert.equal(suzhouAnhui.city, 'Suzhou');
    assert.equal(suzhouAnhui.cityZh, '宿州');
    assert.deepEqual(suzhouAnhui.trajectory.map((t) => [t.year, t.rank]), [[2022, 2], [2023, 2]]);
    const suzhouJiangsu = await readEditionData(wh, '320500', 'l');
    assert.deepEqual(suzhouJiangsu.trajectory.map((t) => [t.year, t.rank]), [[2022, 1], [2023, 1]]);
    // The default city, named in English as before, is unchanged.
    const xian = await readEditionData(wh, "Xi'an", 'l');
    assert.deepEqual(xian.trajectory.map((t) => [t.year, t.rank]), [[2022, 5], [2023, 5]]);
  });
});

describe('releases of two cities that share an English name', () => {
  test('福州 and 抚州 each load to their own place, on one page or on two', async () => {
    const wh = await Warehouse.open(join(dir, 'releases.duckdb'));
    try {
      const release = (name: string, city: string, pct: string) =>
        fileSource(name, `${city}统计局\n2023年，全市规模以上工业增加值比上年增长${pct}%。\n`, {
          adapter: 'release-prose',
          settings: {},
          city,
          published: '2024-01-20',
        });
      await loadSource(wh, release('fuzhou-fujian', '福州', '5.1'), deps);
      await loadSource(wh, release('fuzhou-jiangxi', '抚州', '7.3'), deps);
      // One table naming both: the same indicator and period, two places, no conflict.
      const table = [
        'geo,indicator,period_year,month_from,month_to,measure,value,unit',
        '福州,gdp,2023,1,12,yoy_pct,5.9,%',
        '抚州,gdp,2023,1,12,yoy_pct,4.2,%',
        'Fuzhou,gdp,2022,1,12,yoy_pct,4.4,%',
        '',
      ].join('\n');
      await loadSource(wh, fileSource('both', table, { settings: { table: 'observations' } }), deps);
      await buildModels(wh);
      const rows = await wh.all<{ geo: string; geo_zh: string; geo_code: string; indicator: string; value: number }>(
        'select geo, geo_zh, geo_code, indicator, value from stg_observations order by indicator, geo_code',
      );
      assert.deepEqual(
        rows.map((r) => [r.indicator, r.geo, r.geo_zh, r.geo_code, r.value]),
        [
          ['gdp', 'Fuzhou', '福州', '350100', 5.9],
          ['gdp', 'Fuzhou', '抚州', '361000', 4.2],
          ['industrial_value_added', 'Fuzhou', '福州', '350100', 5.1],
          ['industrial_value_added', 'Fuzhou', '抚州', '361000', 7.3],
        ],
      );
      const reasons = (await wh.all<{ reason: string }>('select reason from quarantine')).map((q) => q.reason);
      assert.deepEqual(reasons, [
        'Fuzhou is ambiguous: 福州 (Fuzhou, Fujian, 350100) or 抚州 (Fuzhou, Jiangxi, 361000); write the Chinese name or the division code',
      ]);
      const growth = await readEditionData(wh, '抚州', 'l');
      assert.deepEqual(growth.growth.map((g) => [g.indicator, g.geo_code, g.yoy_pct]), [
        ['gdp', '361000', 4.2],
        ['industrial_value_added', '361000', 7.3],
      ]);
    } finally {
      wh.close();
    }
  });
});

describe('migration 052 on a warehouse loaded before codes', () => {
  test('backfills the code of every row whose names name one place, and loses none', async () => {
    const path = join(dir, 'old.duckdb');
    // A warehouse as 051 left it: every migration but 052, and no code columns.
    let wh = await Warehouse.open(path);
    for (const [table, column] of [['observations', 'geo_code'], ['rankings', 'city_code'], ['firms', 'city_code'], ['editions', 'city_code']]) {
      await wh.exec(`alter table ${table} drop column ${column}`);
    }
    await wh.exec("delete from schema_migrations where name = '052_place_codes.sql'");
    await wh.exec(`
      insert into observations (geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, snapshot_id) values
        ('Xi''an', '西安', 'gdp', 2023, 1, 12, 'yoy_pct', 5.2, '%', 1),
        ('Suzhou', '宿州', 'gdp', 2023, 1, 12, 'yoy_pct', 6.1, '%', 1),
        ('Suzhou', null, 'gdp', 2022, 1, 12, 'yoy_pct', 6.0, '%', 1),
        ('western China', '西部', 'top100_cities_count', 2023, 1, 12, 'count', 12, 'cities', 1),
        ('Shaanxi', '陕西', 'gdp', 2023, 1, 12, 'yoy_pct', 4.3, '%', 1);
      insert into rankings (list, year, rank, city, city_zh, province, score, snapshot_id) values
        ('l', 2023, 1, 'Suzhou', '苏州', 'Jiangsu', 90, 1),
        ('l', 2023, 2, 'Suzhou', '宿州', 'Anhui', 80, 1),
        ('l', 2023, 3, 'Taizhou', '泰州', 'Jiangsu', 70, 1),
        ('l', 2023, 4, 'Jilin', '吉林', 'Jilin', 60, 1),
        ('c', 2023, 1, 'Jiangyin (Wuxi)', '江阴市', 'Jiangsu', null, 1);
      insert into firms (city, city_zh, role, cluster, cluster_zh, firm, firm_zh, snapshot_id) values
        ('Yichun', '伊春', 'peer_giant', null, null, 'A Forest Firm', null, 1);
      insert into editions (id, edition_key, city, language, edition_date, data_cutoff, fingerprint, pdf_path, html_path, pdf_bytes, created_at) values
        (1, '2026-01-05-xian-en-0001', 'Xi''an', 'en', '2026-01-05', 'x', 'f', 'p', 'h', 1, now());
    `);
    wh.close();

    wh = await Warehouse.open(path);
    try {
      const observations = await wh.all<{ geo: string; geo_zh: string | null; geo_code: string | null }>(
        'select geo, geo_zh, geo_code from observations order by period_year desc, value',
      );
      assert.deepEqual(observations.map((o) => [o.geo, o.geo_zh, o.geo_code]), [
        ['Shaanxi', '陕西', '610000'],
        ["Xi'an", '西安', '610100'],
        ['Suzhou', '宿州', '341300'],
        ['western China', '西部', 'west'],
        // An English name alone that two cities share: kept, without a code (a reparse reads it again).
        ['Suzhou', null, null],
      ]);
      const rankings = await wh.all<{ city_zh: string; city_code: string | null }>('select city_zh, city_code from rankings order by list desc, rank');
      assert.deepEqual(rankings.map((r) => [r.city_zh, r.city_code]), [
        ['苏州', '320500'],
        ['宿州', '341300'],
        ['泰州', '321200'],
        ['吉林', '220200'],
        ['江阴市', '320281'],
      ]);
      assert.deepEqual(await wh.all('select city_code from firms'), [{ city_code: '230700' }]);
      assert.deepEqual(await wh.all('select city_code from editions'), [{ city_code: '610100' }]);
      // Nothing lost, and the models build on the migrated tables.
      const counts = await wh.all('select (select count(*) from observations)::int as o, (select count(*) from rankings)::int as r, (select count(*) from firms)::int as f');
      assert.deepEqual(counts, [{ o: 5, r: 5, f: 1 }]);
      assert.ok((await buildModels(wh)).length > 0);
    } finally {
      wh.close();
    }
  });
});
