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
  assert.deepEqual(out.rankings, [{ list: 'l', year: 2022, rank: 12, city: "Xi'an", cityZh: '西安', province: 'Shaanxi', score: null }]);
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
  await assert.rejects(
    async () => adapter.parse('list,year,rank,city\nl,2022,12,Atlantis\n', ctx({ table: 'rankings' })),
    /row 2: column "city": "Atlantis" is not in the gazetteer/,
  );
});

test('bad settings are a config error naming the source', async () => {
  await assert.rejects(async () => adapter.parse('a\n', ctx({ table: 'nope' })), /source "s": settings\.table/);
});
