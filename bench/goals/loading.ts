// Goal 4, loading: an N-row observations CSV (default 1,000,000) through the project's own
// import path (a configured table-csv source, loaded by `xian-report job` in a new process on
// a fresh warehouse) against DuckDB's own read_csv of the same file into the same table
// (bench/read-csv-floor.mjs, a new process on a fresh warehouse with the same migrations).
// Both are also timed on a one-row file, to show how much of each is start-up.
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { BENCH_DIR, maxOf, median, timed, type Timed } from '../lib/measure.ts';
import { writeObservationsCsv } from '../lib/synthetic.ts';
import { Workspace } from '../lib/workspace.ts';

async function countRows(warehouse: string): Promise<number> {
  const instance = await DuckDBInstance.create(warehouse, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll('select count(*) as n from observations')).getRowObjectsJS();
    return Number(rows[0]!.n);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export async function loadingBench(ctx: BenchContext): Promise<Figure[]> {
  const ws = Workspace.create(ctx.root, 'loading');
  ctx.cleanup.push(() => ws.remove());
  const big = ws.path('observations-big.csv');
  const tiny = ws.path('observations-tiny.csv');
  ctx.log(`loading: writing ${ctx.rows.toLocaleString('en')} rows of observations CSV`);
  await writeObservationsCsv(ctx.root, big, ctx.rows);
  await writeObservationsCsv(ctx.root, tiny, 1);
  const source = (name: string, location: string) => ({
    name,
    adapter: 'table-csv',
    location,
    provenance: 'Synthetic observations (bench/lib/synthetic.ts)',
    settings: { table: 'observations' },
  });
  ws.writeConfig({
    ...ws.shippedConfig(),
    sources: [source('big', big), source('tiny', tiny)],
    files: { maxBytes: 2_000_000_000 },
    schedule: {
      catchUp: 'skip',
      jobs: [
        { name: 'load-big', cron: '0 0 1 1 *', do: 'load', sources: ['big'] },
        { name: 'load-tiny', cron: '0 0 1 1 *', do: 'load', sources: ['tiny'] },
      ],
    },
  });
  const runs = ctx.quick ? 1 : Math.min(ctx.runs, 3);
  const project: Timed[] = [];
  const floor: Timed[] = [];
  const projectTiny: Timed[] = [];
  const floorTiny: Timed[] = [];
  const floorInside: number[] = [];
  let loaded = NaN;
  for (let i = 0; i < runs; i++) {
    const p = await ws.xian(['job', 'load-big', '-q', '--warehouse', ws.path(`project-${i}.duckdb`)]);
    project.push(p);
    if (i === 0) loaded = await countRows(ws.path(`project-${i}.duckdb`));
    const f = await timed(process.execPath, [join(BENCH_DIR, 'read-csv-floor.mjs'), ctx.root, ws.path(`floor-${i}.duckdb`), big]);
    floor.push(f);
    floorInside.push((JSON.parse(f.stdout.trim().split('\n').at(-1)!) as { loadS: number }).loadS);
    projectTiny.push(await ws.xian(['job', 'load-tiny', '-q', '--warehouse', ws.path(`project-tiny-${i}.duckdb`)]));
    floorTiny.push(await timed(process.execPath, [join(BENCH_DIR, 'read-csv-floor.mjs'), ctx.root, ws.path(`floor-tiny-${i}.duckdb`), tiny]));
    ctx.log(`loading #${i + 1}: project ${p.wall.toFixed(2)} s, read_csv ${f.wall.toFixed(2)} s`);
  }
  const wall = (ts: Timed[]) => median(ts.map((t) => t.wall));
  const [p, f, pt, ft] = [wall(project), wall(floor), wall(projectTiny), wall(floorTiny)];
  const rows = ctx.rows.toLocaleString('en');
  return [
    {
      id: 'loading.ratio',
      goal: 4,
      label: `import ${rows} rows (CSV)`,
      value: p,
      unit: 's',
      reference: { label: 'read_csv', value: f, unit: 's' },
      ratio: p / f,
      target: { op: '≤', value: 1.2, of: 'ratio' },
      note:
        `new processes, fresh warehouses; ${Number.isNaN(loaded) ? '?' : loaded.toLocaleString('en')} rows loaded by the project; ` +
        `a 1-row file takes ${pt.toFixed(2)} s vs ${ft.toFixed(2)} s, so beyond start-up ${(p - pt).toFixed(2)} s vs ${(f - ft).toFixed(2)} s (${((p - pt) / (f - ft)).toFixed(2)}×); ` +
        `read_csv's insert alone ${median(floorInside).toFixed(2)} s; peak Node ${Math.round(maxOf(project.map((t) => t.nodePeakMb)))} MB; median of ${runs}`,
    },
  ];
}
