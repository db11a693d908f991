// kill -9 of a process loading a large observations CSV (the bulk path) at moments marked by
// events, never times: its staging file appearing, the staging file gone (DuckDB staging and
// inserting), the warehouse file growing (the INSERT writing). After each kill the warehouse
// opens and holds the rows of before or of after, never a mix, with the quarantine of the same
// snapshot; the next load completes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeObservationsCsv } from '../../../bench/generate-observations-csv.ts';
import { loadSource } from '../../../pipelines/load/load-source.ts';
import { Warehouse } from '../../../pipelines/warehouse/warehouse.ts';
import { tally } from '../../helpers/fault-ledger.ts';
import { bigCsvDeps, bigCsvSource } from '../../helpers/load-csv-child.ts';
import { ROOT } from '../../helpers/workspace.ts';

const BIG_ROWS = 200_000;
const SMALL = 'geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\nAtlantis,gdp,2023,1,12,yoy_pct,3,%,\n';
let dir: string;
let big: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xian-kill-bulk-'));
  big = join(dir, 'big.csv');
  await writeObservationsCsv(big, { rows: BIG_ROWS, badEvery: 10_000 });
});
after(() => rmSync(dir, { recursive: true, force: true }));

type Point = 'staging file written' | 'staging file gone' | 'warehouse file growing';
const POINTS: Point[] = ['staging file written', 'staging file gone', 'warehouse file growing'];

/** Loads the big file in a child process and kills it when the point is reached. */
async function loadAndKill(warehouse: string, csv: string, scratch: string, point: Point): Promise<boolean> {
  const staging = () => readdirSync(scratch).some((d) => d.startsWith('xian-report-csv-') && existsSync(join(scratch, d, 'snapshot.csv')));
  const size = () => (existsSync(warehouse) ? statSync(warehouse).size : 0);
  const startSize = size();
  let seenStaging = false;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'helpers', 'load-csv-child.ts'), warehouse, csv], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: scratch },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const now = staging();
    seenStaging ||= now;
    const reached =
      (point === 'staging file written' && now) ||
      (point === 'staging file gone' && seenStaging && !now) ||
      (point === 'warehouse file growing' && seenStaging && !now && size() > startSize);
    if (reached) {
      child.kill('SIGKILL');
      break;
    }
    // Files have no events of their own to wait on: polled, with a short pause.
    await new Promise((r) => setTimeout(r, 10));
  }
  const res = await exited;
  if (res.signal !== 'SIGKILL') assert.equal(res.code, 0, output);
  return res.signal === 'SIGKILL';
}

test('kill -9 during a large CSV load: the warehouse opens with the rows of before or of after', { timeout: 20 * 60_000 }, async (t) => {
  const warehouse = join(dir, 'w.duckdb');
  const csv = join(dir, 'source.csv');
  const scratch = join(dir, 'tmp');
  mkdirSync(scratch);
  let faults = 0;
  let rowsLost = 0;
  const problems: string[] = [];
  for (const point of POINTS) {
    // Before: the small version of the file is loaded.
    writeFileSync(csv, SMALL);
    const wh0 = await Warehouse.open(warehouse);
    await loadSource(wh0, bigCsvSource(csv), bigCsvDeps);
    wh0.close();

    writeFileSync(csv, readFileSync(big));
    const killed = await loadAndKill(warehouse, csv, scratch, point);
    if (killed) faults++;
    t.diagnostic(`${point}: ${killed ? 'killed' : 'ran to its end'}`);

    const wh = await Warehouse.open(warehouse);
    try {
      const [{ n, q }] = await wh.all<{ n: number; q: number }>(
        'select (select count(*) from observations)::int as n, (select count(*) from quarantine)::int as q',
      );
      const [{ snapshot }] = await wh.all<{ snapshot: number }>('select max(snapshot_id)::int as snapshot from observations');
      const [{ loaded }] = await wh.all<{ loaded: number }>("select max(id)::int as loaded from snapshots where status = 'loaded'");
      const before = n === 1 && q === 1;
      const afterLoad = n === BIG_ROWS - BIG_ROWS / 10_000 && q === BIG_ROWS / 10_000;
      if (!before && !afterLoad) {
        rowsLost++;
        problems.push(`${point}: ${n} observations and ${q} quarantined, neither before nor after`);
      }
      if (snapshot !== loaded) problems.push(`${point}: the rows are of snapshot ${snapshot}, the last loaded snapshot is ${loaded}`);
      // The next load completes.
      const next = await loadSource(wh, bigCsvSource(csv), bigCsvDeps);
      const [{ n: m }] = await wh.all<{ n: number }>('select count(*)::int as n from observations');
      if (m !== BIG_ROWS - BIG_ROWS / 10_000) problems.push(`${point}: the next load left ${m} rows (${next.status})`);
    } finally {
      wh.close();
    }
    const left = readdirSync(scratch).filter((d) => d.startsWith('xian-report-csv-'));
    for (const d of left) rmSync(join(scratch, d), { recursive: true, force: true }); // a killed process cannot tidy its own
  }
  tally({ suite: 'kill -9 of a large CSV load', trials: POINTS.length, faults, rowsLost });
  assert.deepEqual(problems, []);
  assert.ok(faults >= 2, `only ${faults} of ${POINTS.length} loads were killed before their end`);
});
