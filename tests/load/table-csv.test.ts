import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SnapshotError } from '../../pipelines/errors.ts';
import { lookupPlace } from '../../pipelines/geo/places.ts';
import type { ParseContext } from '../../pipelines/sources/contract.ts';
import adapter from '../../pipelines/sources/table-csv.ts';

const ctx = (settings: Record<string, unknown>): ParseContext => ({
  source: 's',
  location: '/data/x.csv',
  published: null,
  defaultPlace: null,
  lookupPlace,
  settings,
});

test('rankings with renamed columns and a BOM', async () => {
  const out = await adapter.parse('\uFEFF榜单,年份,名次,城市\nl,2022,12,西安市\n', ctx({ table: 'rankings', columns: { list: '榜单', year: '年份', rank: '名次', city: '城市' } }));
  assert.deepEqual(out.rankings, [
    { list: 'l', year: 2022, rank: 12, cityCode: '610100', city: "Xi'an", cityZh: '西安', province: 'Shaanxi', score: null, quote: 'l,2022,12,西安市', offset: 12, yearSource: 'column' },
  ]);
});

test('each row keeps its words and where they stand in the file, so an edition can cite it', async () => {
  const body = 'geo,indicator,period_year,month_from,month_to,measure,value,unit\n西安,gdp,2023,1,12,yoy_pct,5.1,%\n\n"西安",gdp,2024,1,12,yoy_pct,5.3,%\n';
  const out = await adapter.parse(body, ctx({ table: 'observations' }));
  assert.deepEqual(out.observations.map((o) => [o.quote, o.offset, o.yearSource]), [
    ['西安,gdp,2023,1,12,yoy_pct,5.1,%', 65, 'column'],
    ['"西安",gdp,2024,1,12,yoy_pct,5.3,%', 97, 'column'],
  ]);
  for (const o of out.observations) assert.equal(body.slice(o.offset!, o.offset! + o.quote!.length), o.quote);
});

test('a missing column names the column and the fix', async () => {
  await assert.rejects(async () => adapter.parse('list,year,city\nl,2022,西安\n', ctx({ table: 'rankings' })), (err: unknown) => {
    assert.ok(err instanceof SnapshotError);
    assert.equal(err.message, '/data/x.csv, row 1: no column "rank" in the header (fix: add it, or map the field with settings.columns.rank)');
    return true;
  });
});

test('a bad cell names the row and the column', async () => {
  await assert.rejects(
    async () => adapter.parse('geo,indicator,period_year,month_from,month_to,measure,value,unit\n西安,gdp,2023,1,12,yoy_pct,5.1,%\n西安,gdp,2023,1,12,growth,5.1,%\n', ctx({ table: 'observations' })),
    /x\.csv, row 3: column "measure": "growth" is not one of level, yoy_pct/,
  );
});

test('implausible rows are flagged with their row and reason, the rest load', async () => {
  const out = await adapter.parse(
    'list,year,rank,city\nl,2022,12,Atlantis\nl,2022,3,成都\nl,2022,3,重慶\nl,2022,5,西安\n',
    ctx({ table: 'rankings' }),
  );
  assert.deepEqual(out.rankings.map((r) => r.city), ["Xi'an"]);
  assert.deepEqual(
    out.flagged.map((f) => [f.row, f.reason.split(';')[0]]),
    [
      [2, 'not in the gazetteer: Atlantis'],
      [3, out.flagged[1]!.reason.split(';')[0]],
      [4, out.flagged[2]!.reason.split(';')[0]],
    ],
  );
  assert.match(out.flagged[1]!.reason, /rank 3/);
  const obs = await adapter.parse(
    'geo,indicator,period_year,month_from,month_to,measure,value,unit\n西安,gdp,2023,1,12,yoy_pct,250,%\n西安,gdp,2023,1,12,level,12010.76,亿元\n',
    ctx({ table: 'observations' }),
  );
  assert.equal(obs.observations.length, 1);
  assert.equal(obs.flagged.length, 1);
  assert.equal(obs.flagged[0]!.row, 2);
  assert.match(obs.flagged[0]!.reason, /250/);
});

test('bad settings are a config error naming the source', async () => {
  await assert.rejects(async () => adapter.parse('a\n', ctx({ table: 'nope' })), /source "s": settings\.table/);
});
