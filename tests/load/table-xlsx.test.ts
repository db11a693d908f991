// An XLSX file loaded through the real loader into a real DuckDB file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { loadSource } from '../../pipelines/load/load-source.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

test('an XLSX sheet of investment progress loads as observations, with renamed columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xian-xlsx-'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['本表为示例']);
  const sheet = wb.addWorksheet('进度');
  sheet.addRow(['地区', '指标', '年', '起', '止', '口径', '数值', '单位']);
  sheet.addRow(['西安市', 'advanced_manufacturing_project_investment', 2023, 1, 6, 'plan_share_pct', 58.4, '%']);
  sheet.addRow(['西安市', 'advanced_manufacturing_project_investment', 2023, 1, 6, 'plan_share_pct', { formula: '150+150', result: 300 }, '%']);
  const file = join(dir, 'progress.xlsx');
  await wb.xlsx.writeFile(file);
  const wh = await Warehouse.open(join(dir, 'w.duckdb'));
  try {
    const outcome = await loadSource(
      wh,
      {
        name: 'xlsx',
        adapter: 'table-xlsx',
        location: file,
        provenance: 'test',
        enabled: true,
        settings: {
          table: 'observations',
          sheet: '进度',
          columns: { geo: '地区', indicator: '指标', period_year: '年', month_from: '起', month_to: '止', measure: '口径', value: '数值', unit: '单位' },
        },
      },
      { now: () => new Date('2026-11-28T00:00:00Z'), defaultCity: "Xi'an" },
    );
    assert.deepEqual(outcome.counts, { rankings: 0, observations: 1, firms: 0, quarantined: 1 });
    const rows = await wh.all('select geo, period_year, month_to, measure, value from observations');
    assert.deepEqual(rows, [{ geo: "Xi'an", period_year: 2023, month_to: 6, measure: 'plan_share_pct', value: 58.4 }]);
    const [q] = await wh.all<{ reason: string }>('select reason from quarantine');
    assert.match(q!.reason, /300/);
  } finally {
    wh.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
