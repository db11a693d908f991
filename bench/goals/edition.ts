// Goal 2, one edition end to end: the floor (bench/floor.mjs: a bare Node script printing the
// same final edition.html files, zh and en, with the same Chromium) against `build --force` in a
// new process (the warehouse holds the shipped data) and `run` on a fresh warehouse (loads the
// four shipped sources, then prints both languages). Interleaved, medians.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { BENCH_DIR, interleaved, medianOf, timed } from '../lib/measure.ts';

export async function editionBench(ctx: BenchContext): Promise<Figure[]> {
  const ws = await ctx.shipped();
  const editions = join(ws.dir, 'out', 'editions');
  // The editions the first run printed: one per language.
  const html = readdirSync(editions)
    .filter((d) => !d.startsWith('.'))
    .sort()
    .map((d) => join(editions, d, 'edition.html'));
  const floorOut = ws.mkdir('floor');
  const runs = ctx.runs;
  ctx.log(`one edition: floor (${html.length} files), build --force, run on a fresh warehouse; ${runs} runs each`);
  const r = await interleaved(
    runs,
    [
      { name: 'floor', run: () => timed(process.execPath, [join(BENCH_DIR, 'floor.mjs'), ctx.chromium, floorOut, ...html], { sampleTree: true }) },
      { name: 'build', run: () => ws.xian(['build', '--force', '-q'], { sampleTree: true }) },
      {
        name: 'run',
        run: (i) => ws.xian(['run', '-q', '--warehouse', ws.path(`fresh-${i}.duckdb`), '--out', ws.path(`fresh-out-${i}`)], { sampleTree: true }),
      },
    ],
    ctx.log,
  );
  const floor = medianOf(r.floor!);
  const mem = (m: ReturnType<typeof medianOf>) => `peak Node ${Math.round(m.nodePeakMb)} MB, Chromium ${Math.round(m.otherPeakMb)} MB (PSS)`;
  const against = (id: string, label: string, m: ReturnType<typeof medianOf>, what: string): Figure => ({
    id,
    goal: 2,
    label,
    value: m.wall,
    unit: 's',
    reference: { label: 'floor', value: floor.wall, unit: 's' },
    ratio: m.wall / floor.wall,
    target: { op: '≤', value: 1.3, of: 'ratio' },
    note: `${what}; CPU ${m.cpu.toFixed(1)} s vs ${floor.cpu.toFixed(1)} s (${(m.cpu / floor.cpu).toFixed(2)}×); ${mem(m)}`,
  });
  return [
    { id: 'edition.floor', goal: 2, label: `floor (zh + en, one browser)`, value: floor.wall, unit: 's', note: `CPU ${floor.cpu.toFixed(1)} s; ${mem(floor)}; median of ${runs}` },
    against('edition.build', 'build --force (new process)', medianOf(r.build!), 'warehouse holds the shipped data'),
    against('edition.run', 'run (fresh warehouse)', medianOf(r.run!), 'loads the 4 shipped sources into a new warehouse, then prints zh + en'),
  ];
}
