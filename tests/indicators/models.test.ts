// The indicator models on a real (in-memory) DuckDB, fed through the real loader.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SourceConfig } from '../../pipelines/config.ts';
import { DataTestError } from '../../pipelines/errors.ts';
import { buildModels, modelOrder, runDataTests } from '../../pipelines/indicators/models.ts';
import { loadSource } from '../../pipelines/load/load-source.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

const LIST = 'ccid-top100-advanced-manufacturing-cities';
const deps = { now: () => new Date('2026-11-28T00:00:00Z'), defaultCity: "Xi'an" };

describe('indicator models', () => {
  let dir: string;
  let wh: Warehouse;
  const source = (name: string, table: string, csv: string): SourceConfig => {
    const location = join(dir, `${name}.csv`);
    writeFileSync(location, csv);
    return { name, adapter: 'table-csv', location, provenance: 'test', enabled: true, settings: { table } };
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xian-models-'));
    wh = await Warehouse.open(join(dir, 'w.duckdb'));
  });
  after(() => {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('models are ordered after the models they read', () => {
    const order = modelOrder(new Map([['b', 'select * from a'], ['a', 'select 1'], ['c', 'select * from b join a using (x)']]));
    assert.deepEqual(order, ['a', 'b', 'c']);
    assert.throws(() => modelOrder(new Map([['a', 'select * from b'], ['b', 'select * from a']])), /cycle: a → b → a/);
  });

  test('rank trajectory: every year, gaps as null, change against the previous list and the first year', async () => {
    await loadSource(
      wh,
      source('ranks', 'rankings', `list,year,rank,city,province,score\n${LIST},2018,20,西安,陕西,\n${LIST},2020,16,西安,陕西,\n${LIST},2022,12,西安,陕西,\n`),
      deps,
    );
    await buildModels(wh);
    const rows = await wh.all('select year, rank, previous_rank, change_vs_previous, base_rank, change_vs_base from rank_trajectory order by year');
    assert.deepEqual(rows, [
      { year: 2018, rank: 20, previous_rank: null, change_vs_previous: null, base_rank: 20, change_vs_base: null },
      { year: 2019, rank: null, previous_rank: 20, change_vs_previous: null, base_rank: 20, change_vs_base: null },
      { year: 2020, rank: 16, previous_rank: 20, change_vs_previous: 4, base_rank: 20, change_vs_base: 4 },
      { year: 2021, rank: null, previous_rank: 16, change_vs_previous: null, base_rank: 20, change_vs_base: null },
      { year: 2022, rank: 12, previous_rank: 16, change_vs_previous: 4, base_rank: 20, change_vs_base: 8 },
    ]);
  });

  test('plan pace: share of plan against share of year elapsed', async () => {
    await loadSource(
      wh,
      source(
        'plan',
        'observations',
        'geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group\n' +
          '西安,advanced_manufacturing_project_investment,2022,1,9,plan_share_pct,93.62,%,\n' +
          '西安,key_project_investment,2023,1,6,plan_share_pct,41.5,%,\n',
      ),
      deps,
    );
    await buildModels(wh);
    const rows = await wh.all('select indicator, year_elapsed_pct, ahead_of_pace_pct from plan_pace order by indicator');
    assert.deepEqual(rows, [
      { indicator: 'advanced_manufacturing_project_investment', year_elapsed_pct: 75, ahead_of_pace_pct: 18.62 },
      { indicator: 'key_project_investment', year_elapsed_pct: 50, ahead_of_pace_pct: -8.5 },
    ]);
    await runDataTests(wh);
  });

  test('the loader quarantines an implausible figure; a data test still catches one that got in', async () => {
    const outcome = await loadSource(
      wh,
      source('bad', 'observations', 'geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group\n西安,gdp,2023,1,12,yoy_pct,250,%,\n'),
      deps,
    );
    assert.equal(outcome.counts.quarantined, 1);
    const [q] = await wh.all<{ row_number: number; reason: string }>('select row_number, reason from quarantine');
    assert.equal(q!.row_number, 2);
    assert.match(q!.reason, /250/);
    await runDataTests(wh);
    // Rows that bypass the loader's checks are still stopped before an edition.
    await wh.exec(
      "insert into observations (geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id) values ('Xi''an', '西安', 'gdp', 2023, 1, 12, 'yoy_pct', 250, '%', null, $id)",
      { id: outcome.snapshotId! },
    );
    await assert.rejects(runDataTests(wh), (err: unknown) => {
      assert.ok(err instanceof DataTestError);
      assert.deepEqual(err.failures.map((f) => f.test), ['observations_value_ranges']);
      assert.match(err.message, /"value":250/);
      return true;
    });
  });
});
