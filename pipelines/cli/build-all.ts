// `xian-report build --all`: every city's edition with one browser. On a terminal a progress
// bar stands on the last line (stderr); otherwise one plain line per city. Ends on the summary
// (built, unchanged, skipped for lack of data, failed with the reason); exit code 1 if any failed.
import type { ConsolaInstance } from 'consola';
import type { Config } from '../config.ts';
import type { CityOutcome } from '../build-all.ts';
import type { Language } from '../render/format.ts';

const describe = (o: CityOutcome) =>
  o.status === 'built'
    ? `built ${o.editions.map((e) => e.key).join(', ')}`
    : o.status === 'unchanged'
      ? 'unchanged since its last edition'
      : `${o.status}: ${o.reason}`;

/** One line redrawn in place: `[#####-----] 37/100  Chengdu built`. */
export function progressBar(stream: NodeJS.WriteStream, width = 30) {
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    draw(done: number, total: number, note: string) {
      const filled = total ? Math.round((done / total) * width) : width;
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  ${note}`;
      stream.write(`\r\x1b[K${line.slice(0, Math.max(40, (stream.columns || 80) - 1))}`);
      shown = true;
    },
    clear,
  };
}

export async function buildAll(
  cfg: Config,
  opts: { force?: boolean; editionDate?: string; pool?: number; languages?: Language[] },
  log: ConsolaInstance,
): Promise<void> {
  // Each edition leaves a few MB of garbage (charts, pages, PDFs) and little that lives on. By
  // default V8 lets the heap grow to about four times what lives before it collects, which put
  // this process over 300 MB (README, "Speed"); growing by a quarter costs no time we could measure.
  (await import('node:v8')).setFlagsFromString('--heap-growing-percent=25');
  const { buildAllCities, summaryLines } = await import('../build-all.ts');
  const { CitiesFailedError } = await import('../errors.ts');
  const { withWriterLock } = await import('./with-writer-lock.ts');
  const tty = process.stderr.isTTY && log.level >= 3;
  const bar = tty ? progressBar(process.stderr) : null;
  const onCity = (o: CityOutcome, done: number, total: number) => {
    if (bar) {
      if (o.status === 'failed') {
        bar.clear();
        log.warn(`${o.city}: ${describe(o)}`);
      }
      bar.draw(done, total, `${o.city} ${o.status}`);
    } else {
      const line = `[${done}/${total}] ${o.city}: ${describe(o)}`;
      if (o.status === 'failed') log.warn(line);
      else log.info(line);
    }
  };
  try {
    const result = await withWriterLock(cfg, 'build --all', log, () => buildAllCities(cfg, opts, { log, now: () => new Date(), onCity }));
    bar?.clear();
    const [head, ...rest] = summaryLines(result);
    log.success(head);
    for (const l of rest) log.info(l);
    if (result.editions.length) log.info(`latest: ${result.editions.at(-1)!.latestPath}`);
  } catch (err) {
    bar?.clear();
    if (err instanceof CitiesFailedError) {
      const [head, ...rest] = summaryLines(err.result);
      log.info(head);
      for (const l of rest) log.info(l);
    }
    throw err;
  }
}
