// Goal 6, how cost grows: 1×, 10× and 100× the history (years of ranking lists, months of
// releases, cities: bench/lib/synthetic.ts historyAt), each in a fresh warehouse. Load time:
// `xian-report job` loading the three synthetic sources; edition time: `build --force` (zh + en)
// on what was loaded. Each a new process. The target compares 100× with 10×: ten times the
// history may cost under ten times the edition time (sub-linear) and at most ten times the
// load time (linear).
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { median } from '../lib/measure.ts';
import { historyAt, writeHistory } from '../lib/synthetic.ts';
import { Workspace } from '../lib/workspace.ts';

const SCALES = [1, 10, 100] as const;

export async function growthBench(ctx: BenchContext): Promise<Figure[]> {
  const load: Record<number, number> = {};
  const edition: Record<number, number> = {};
  const rows: Record<number, number> = {};
  const runs = ctx.quick ? 1 : Math.min(ctx.runs, 3);
  for (const scale of SCALES) {
    const ws = Workspace.create(ctx.root, `growth-${scale}`);
    ctx.cleanup.push(() => ws.remove());
    const shape = historyAt(scale);
    const written = writeHistory(ctx.root, ws.mkdir('data', 'synthetic'), shape);
    rows[scale] = written.rows.rankings + written.rows.observations + written.rows.firms;
    const shipped = ws.shippedConfig();
    ws.writeConfig({
      ...shipped,
      sources: written.sources,
      rankingLists: [...((shipped.rankingLists as unknown[]) ?? []), ...written.rankingLists],
      schedule: { catchUp: 'skip', jobs: [{ name: 'load-all', cron: '0 0 1 1 *', do: 'load' }] },
    });
    const loads: number[] = [];
    for (let i = 0; i < runs; i++) {
      const warehouse = ws.path(`warehouse-${i}.duckdb`);
      loads.push((await ws.xian(['job', 'load-all', '-q', '--warehouse', warehouse])).wall);
    }
    load[scale] = median(loads);
    const builds: number[] = [];
    for (let i = 0; i < runs; i++) builds.push((await ws.xian(['build', '--force', '-q', '--warehouse', ws.path('warehouse-0.duckdb')])).wall);
    edition[scale] = median(builds);
    ctx.log(`history ${scale}× (${rows[scale]} rows: ${shape.lists} list(s) × ${shape.listYears} years, ${shape.cities} cities × ${shape.months} months): load ${load[scale]!.toFixed(2)} s, edition ${edition[scale]!.toFixed(2)} s`);
  }
  const points = (t: Record<number, number>) => SCALES.map((s) => `${s}× ${t[s]!.toFixed(2)} s`).join(', ');
  const shapes = `rows ${SCALES.map((s) => `${s}× ${rows[s]}`).join(', ')}`;
  const figures: Figure[] = [];
  for (const [kind, t, op, what] of [
    ['edition', edition, '<', 'build --force, zh + en'],
    ['load', load, '≤', 'job loading 3 synthetic sources, fresh warehouse'],
  ] as const) {
    for (const s of SCALES) figures.push({ id: `growth.${kind}.${s}`, goal: 6, label: `${kind} time, ${s}× history`, value: t[s]!, unit: 's' });
    figures.push({
      id: `growth.${kind}`,
      goal: 6,
      label: `${kind} time, 10× → 100× history`,
      value: t[100]! / t[10]!,
      unit: '×',
      target: { op, value: 10, of: 'value' },
      note: `${what}; ${points(t)}; 100×/1× ${(t[100]! / t[1]!).toFixed(2)}×; ${shapes}; median of ${runs}`,
    });
  }
  return figures;
}
