// Goal 1, start: an empty Node start against `xian-report --help` and `xian-report status`
// (on a warehouse holding the shipped data), each a new process, interleaved, medians.
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { interleaved, medianOf, timed } from '../lib/measure.ts';

export async function startBench(ctx: BenchContext): Promise<Figure[]> {
  const ws = await ctx.shipped();
  const runs = Math.max(ctx.runs, ctx.quick ? 3 : 7);
  ctx.log(`start: node -e 0, --help, status; ${runs} runs each`);
  const r = await interleaved(
    runs,
    [
      { name: 'node', run: () => timed(process.execPath, ['-e', '0']) },
      { name: 'help', run: () => ws.xian(['--help']) },
      { name: 'status', run: () => ws.xian(['status']) },
    ],
    ctx.log,
  );
  const node = medianOf(r.node!);
  const figure = (id: string, label: string, runsOf: typeof r.node): Figure => {
    const m = medianOf(runsOf!);
    return {
      id,
      goal: 1,
      label,
      value: m.wall,
      unit: 's',
      reference: { label: 'node -e 0', value: node.wall, unit: 's' },
      ratio: m.wall / node.wall,
      target: { op: '≤', value: 2, of: 'ratio' },
      note: `CPU ${m.cpu.toFixed(2)} s vs ${node.cpu.toFixed(2)} s; median of ${runs}`,
    };
  };
  return [
    { id: 'start.node', goal: 1, label: 'node -e 0', value: node.wall, unit: 's', note: `CPU ${node.cpu.toFixed(2)} s; median of ${runs}` },
    figure('start.help', 'xian-report --help', r.help),
    figure('start.status', 'xian-report status', r.status),
  ];
}
