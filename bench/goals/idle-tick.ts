// Goal 5, the idle tick: a scheduled load job where every source answers 304 (each source on
// its own local HTTP server, 127.0.0.1 on its own port, as sources on different sites are), and
// the publish job that finds nothing changed. Each runs as the scheduler runs it
// (`xian-report job <name> --trigger schedule`, a new process). Chromium is replaced by a
// wrapper that notes every launch, so "no Chromium started" is checked, not assumed.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { serve, startPageServer, type PageServer } from '../../tests/helpers/page-server.ts';
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { maxOf, median, type Timed } from '../lib/measure.ts';
import { Workspace } from '../lib/workspace.ts';

export async function idleTickBench(ctx: BenchContext): Promise<Figure[]> {
  const ws = Workspace.create(ctx.root, 'idle');
  ctx.cleanup.push(() => ws.remove());
  const shipped = ws.shippedConfig();
  const servers: PageServer[] = [];
  let notModified = 0;
  try {
    const sources = [];
    for (const s of shipped.sources as { name: string; location: string }[]) {
      const server = await startPageServer();
      servers.push(server);
      const path = `/${basename(s.location)}`;
      const etag = `"${s.name}-1"`;
      const answer = serve(readFileSync(ws.path(s.location)), 'text/csv; charset=utf-8', { etag });
      server.route(path, (req, res, nth) => {
        if (req.headers['if-none-match'] === etag) notModified++;
        answer(req, res, nth);
      });
      sources.push({ ...s, location: server.url(path) });
    }
    ws.writeConfig({
      ...shipped,
      sources,
      http: { retries: 0 },
      schedule: {
        catchUp: 'skip',
        jobs: [
          { name: 'load-all', cron: '0 6 * * *', do: 'load' },
          { name: 'publish', cron: '0 8 * * *', do: 'publish' },
        ],
      },
    });
    // A Chromium that leaves a mark each time it is started.
    const marks = ws.path('chromium-launches');
    const wrapper = ws.path('chromium-wrapper.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho "$$" >> '${marks}'\nexec '${ctx.chromium}' "$@"\n`);
    chmodSync(wrapper, 0o755);
    const env = { PUPPETEER_EXECUTABLE_PATH: wrapper };
    const job = (name: string): Promise<Timed> => ws.xian(['job', name, '--trigger', 'schedule'], { env });

    ctx.log('idle tick: a first load (200 with ETags) and a first publish (prints the editions)');
    await job('load-all');
    await job('publish');
    const runs = Math.max(ctx.runs, ctx.quick ? 3 : 5);
    const loads: Timed[] = [];
    const publishes: Timed[] = [];
    const launched = { load: 0, publish: 0 };
    const launches = () => (existsSync(marks) ? readFileSync(marks, 'utf8').trim().split('\n').filter(Boolean).length : 0);
    rmSync(marks, { force: true });
    let answered304 = 0;
    for (let i = 0; i < runs; i++) {
      const before304 = notModified;
      const l = await job('load-all');
      answered304 += notModified - before304;
      loads.push(l);
      launched.load += launches();
      rmSync(marks, { force: true });
      const p = await job('publish');
      publishes.push(p);
      launched.publish += launches();
      rmSync(marks, { force: true });
      ctx.log(`idle tick #${i + 1}: load ${l.wall.toFixed(2)} s, publish ${p.wall.toFixed(2)} s`);
    }
    const unchanged = loads.every((l) => /unchanged/.test(l.stdout + l.stderr));
    const noEdition = publishes.every((p) => /no new edition|no change/.test(p.stdout + p.stderr));
    const fig = (id: string, label: string, ts: Timed[], chromium: number, note: string, problems: string[]): Figure => ({
      id,
      goal: 5,
      label,
      value: median(ts.map((t) => t.wall)),
      unit: 's',
      target: { op: '≤', value: 0.5, of: 'value' },
      note: `${note}; Chromium started ${chromium} times; CPU ${median(ts.map((t) => t.cpu)).toFixed(2)} s; peak Node ${Math.round(maxOf(ts.map((t) => t.nodePeakMb)))} MB; median of ${ts.length}`,
      violations: [...problems, ...(chromium ? [`Chromium started ${chromium} times`] : [])],
    });
    const n = sources.length;
    return [
      fig('idle.load', `idle load tick (${n} sources, 304)`, loads, launched.load, `${answered304} of ${runs * n} requests answered 304`, [
        ...(unchanged ? [] : ['a source was not reported unchanged']),
        ...(answered304 === runs * n ? [] : [`only ${answered304} of ${runs * n} requests were conditional hits`]),
      ]),
      fig('idle.publish', 'idle publish tick (no change)', publishes, launched.publish, 'no new edition', noEdition ? [] : ['the publish job did not report "no new edition"']),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
