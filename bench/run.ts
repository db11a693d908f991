// `npm run bench`: every figure of issue 11 in one run, each with its ratio and target.
// Every command measured is a new process of the checkout's own CLI (bin/xian-report.js) on a
// scratch copy of its config and data; nothing reaches the network but 127.0.0.1.
//
//   npm run bench                            the whole table (about 15 minutes on a quiet 2-core machine)
//   npm run bench -- --quick                 fewer runs, 20 cities (a few minutes)
//   npm run bench -- --only start,idle       some parts: start, edition, cities, loading, idle, growth
//   npm run bench -- --markdown              also the README table (before from bench/before.json)
//   npm run bench -- --save results.json     the figures as JSON (bench/before.json is such a file)
//   npm run bench -- --root ../wt-before     measure another checkout with this bench
//   npm run bench -- --rows 20000            rows of the loading bench (default 1,000,000)
//   npm run bench -- --cities 100 --runs 5   cities of the every-city bench, runs per measured command
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeContext, type BenchContext } from './lib/context.ts';
import { line, markdown, passes, type Figure } from './lib/figures.ts';
import { BENCH_DIR } from './lib/measure.ts';
import { startBench } from './goals/start.ts';
import { editionBench } from './goals/edition.ts';
import { everyCityBench } from './goals/every-city.ts';
import { loadingBench } from './goals/loading.ts';
import { idleTickBench } from './goals/idle-tick.ts';
import { growthBench } from './goals/growth.ts';

const PARTS: Record<string, { title: string; run: (ctx: BenchContext) => Promise<Figure[]> }> = {
  start: { title: '1. Start', run: startBench },
  edition: { title: '2. One edition, end to end', run: editionBench },
  cities: { title: '3. Every city', run: everyCityBench },
  loading: { title: '4. Loading', run: loadingBench },
  idle: { title: '5. An idle tick', run: idleTickBench },
  growth: { title: '6. How cost grows', run: growthBench },
};

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    rows: { type: 'string' },
    cities: { type: 'string' },
    root: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    save: { type: 'string' },
    before: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(readFileSync(import.meta.filename, 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const only = values.only ? values.only.split(',').map((s) => s.trim()) : Object.keys(PARTS);
for (const name of only) {
  if (!PARTS[name]) {
    console.error(`--only: "${name}" is not a part; the parts are ${Object.keys(PARTS).join(', ')}`);
    process.exit(2);
  }
}
const quick = values.quick!;
const root = resolve(values.root ?? join(BENCH_DIR, '..'));
const ctx = makeContext({
  root,
  quick,
  runs: Number(values.runs ?? (quick ? 2 : 5)),
  rows: Number(values.rows ?? 1_000_000),
  cities: Number(values.cities ?? (quick ? 20 : 100)),
  log: (msg) => process.stderr.write(`  · ${msg}\n`),
});

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`;
console.log(`xian-report bench: ${root}${quick ? ' (quick)' : ''}\n${machine}\n`);
const figures: Figure[] = [];
let failed = false;
try {
  for (const name of only) {
    const part = PARTS[name]!;
    console.log(part.title);
    try {
      const got = await part.run(ctx);
      for (const f of got) console.log(`  ${line(f)}`);
      figures.push(...got);
    } catch (err) {
      failed = true;
      console.log(`  failed: ${(err as Error).message}`);
    }
    console.log('');
  }
} finally {
  for (const c of ctx.cleanup) c();
}

const judged = figures.map(passes).filter((p) => p != null);
console.log(`${judged.filter(Boolean).length} of ${judged.length} targets met${failed ? '; a part failed (see above)' : ''}`);
if (values.save) writeFileSync(values.save, `${JSON.stringify({ root, machine, quick, at: new Date().toISOString(), figures }, null, 2)}\n`);
if (values.markdown) {
  const beforeFile = values.before ?? join(BENCH_DIR, 'before.json');
  const before = existsSync(beforeFile) ? (JSON.parse(readFileSync(beforeFile, 'utf8')) as { figures: Figure[] }).figures : [];
  console.log(`\n${markdown(figures, before)}`);
}
if (failed) process.exitCode = 1;
