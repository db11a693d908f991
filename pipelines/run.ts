// The pipeline end to end: load every configured source → validate → indicators → edition.
// `build` is the same without the loading.
import type { ConsolaInstance } from 'consola';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Config } from './config.ts';
import { buildModels, runDataTests } from './indicators/models.ts';
import { loadSource, type LoadOutcome } from './load/load-source.ts';
import { Warehouse } from './load/warehouse.ts';
import { buildEdition, type EditionResult } from './render/edition.ts';
import { checkSources } from './sources/registry.ts';

export interface RunDeps {
  log: ConsolaInstance;
  now: () => Date;
}

export interface RunOptions {
  /** Load the sources first (run) or only rebuild from the warehouse (build). */
  load: boolean;
  /** YYYY-MM-DD; defaults to today in the config's timezone. */
  editionDate?: string;
  trigger?: 'manual' | 'schedule' | 'catch-up';
}

export interface RunResult {
  runId: number;
  loads: LoadOutcome[];
  edition: EditionResult;
}

export class SourcesFailedError extends Error {
  readonly exitCode = 1;
  constructor(readonly failures: { source: string; error: Error }[]) {
    super(
      `${failures.length} source(s) failed; no edition was built and the data already loaded is unchanged:\n` +
        failures.map((f) => `  ${f.source}: ${f.error.message}`).join('\n'),
    );
    this.name = 'SourcesFailedError';
  }
}

export function todayIn(timezone: string, now: Date): string {
  return format(new TZDate(now, timezone), 'yyyy-MM-dd');
}

export async function runPipeline(cfg: Config, opts: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { log, now } = deps;
  if (opts.load) await checkSources(cfg.sources, cfg.file);
  const wh = await Warehouse.open(cfg.warehouse);
  const [{ id: runId }] = await wh.allFile<{ id: number }>('statements/start_run', {
    command: opts.load ? 'run' : 'build',
    trigger: opts.trigger ?? 'manual',
    started_at: now().toISOString(),
  });
  const counts: Record<string, number> = {};
  const finish = (status: 'ok' | 'failed', error: string | null) =>
    wh.execFile('statements/finish_run', {
      id: runId,
      finished_at: deps.now().toISOString(),
      status,
      counts: JSON.stringify(counts),
      error,
    });
  try {
    const loads: LoadOutcome[] = [];
    if (opts.load) {
      const failures: { source: string; error: Error }[] = [];
      for (const source of cfg.sources.filter((s) => s.enabled)) {
        try {
          const outcome = await loadSource(wh, source, { now, defaultCity: cfg.edition.city, http: cfg.http });
          loads.push(outcome);
          for (const [k, v] of Object.entries(outcome.counts)) counts[k] = (counts[k] ?? 0) + v;
          log.info(`${source.name}: ${outcome.status}${outcome.status === 'loaded' ? ` (${describeCounts(outcome.counts)})` : ''}`);
        } catch (err) {
          failures.push({ source: source.name, error: err as Error });
          log.error(`${source.name}: ${(err as Error).message}`);
        }
      }
      if (failures.length) throw new SourcesFailedError(failures);
    }
    const models = await buildModels(wh);
    const tests = await runDataTests(wh);
    log.info(`indicators: ${models.length} models built, ${tests} data tests passed`);
    const edition = await buildEdition(wh, cfg, { editionDate: opts.editionDate ?? todayIn(cfg.timezone, now()), runId });
    counts.editions = 1;
    await finish('ok', null);
    return { runId, loads, edition };
  } catch (err) {
    await finish('failed', (err as Error).message).catch(() => undefined);
    throw err;
  } finally {
    wh.close();
  }
}

function describeCounts(c: LoadOutcome['counts']): string {
  return Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || 'no rows';
}
