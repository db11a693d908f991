// The pipeline end to end: load every configured source → validate → indicators → edition.
// `build` is the same without the loading; a scheduled load job loads without building.
// An edition is printed only when what it reads changed (or when forced).
import { InterruptedError, SourcesFailedError } from './errors.ts';
import type { ConsolaInstance } from 'consola';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Config } from './config.ts';
import { buildModels, runDataTests } from './indicators/models.ts';
import { loadSource, type LoadOutcome } from './load/load-source.ts';
import { Warehouse } from './warehouse/warehouse.ts';
import { queueDeliveries } from './deliver/queue.ts';
import { summarize } from './deliver/changes.ts';
import { buildEdition, fingerprintOf, type EditionResult } from './render/edition.ts';
import { readEditionData } from './render/edition-data.ts';
import { checkSources } from './sources/registry.ts';

export interface RunDeps {
  log: ConsolaInstance;
  now: () => Date;
  /** Checked between steps (each source, the edition, each mail): true stops after the current one. */
  shouldStop?: () => boolean;
}

export type Trigger = 'manual' | 'schedule' | 'catch-up';

export interface RunOptions {
  /** Load the sources first (run) or only rebuild from the warehouse (build). */
  load: boolean;
  /** Only these sources (a load job); default every enabled source. */
  sources?: string[];
  /** Build the models, test them and print an edition if its inputs changed (default true). */
  build?: boolean;
  /** Print an edition even if its inputs did not change. */
  force?: boolean;
  /** YYYY-MM-DD; defaults to today in the config's timezone. */
  editionDate?: string;
  trigger?: Trigger;
  /** Recorded in runs.command; defaults to run or build. */
  command?: string;
  /** The configured job this run belongs to. */
  job?: string;
  /** A last step inside the same recorded run (the publish job delivers the mail here). */
  after?: (wh: Warehouse, counts: Record<string, number>) => Promise<void>;
}

export interface RunResult {
  runId: number;
  loads: LoadOutcome[];
  /** The new edition, or null when none was built. */
  edition: EditionResult | null;
  /** The latest edition, when the inputs did not change since it. */
  unchangedSince: { id: number; key: string } | null;
  /** Deliveries queued for the new edition. */
  queued: number;
  /** Why no edition was built, when the inputs did not change or there is nothing to print. */
  noEditionBecause: string | null;
}


export function todayIn(timezone: string, now: Date): string {
  return format(new TZDate(now, timezone), 'yyyy-MM-dd');
}

/**
 * Records one run in the runs table around fn: started, then ok, failed or interrupted with
 * its counts. The caller holds the writer lock, so a run still "running" is a dead one.
 */
export async function recordRun<T>(
  wh: Warehouse,
  meta: { command: string; job?: string; trigger: Trigger },
  deps: Pick<RunDeps, 'now'>,
  fn: (runId: number, counts: Record<string, number>) => Promise<T>,
): Promise<T> {
  await wh.execFile('statements/reconcile_interrupted', { now: deps.now().toISOString() });
  const [{ id: runId }] = await wh.allFile<{ id: number }>('statements/start_run', {
    command: meta.command,
    job: meta.job ?? null,
    trigger: meta.trigger,
    started_at: deps.now().toISOString(),
  });
  const counts: Record<string, number> = {};
  const finish = (status: 'ok' | 'failed' | 'interrupted', error: string | null) =>
    wh.execFile('statements/finish_run', {
      id: runId,
      finished_at: deps.now().toISOString(),
      status,
      counts: JSON.stringify(counts),
      error,
    });
  try {
    const result = await fn(runId, counts);
    await finish('ok', null);
    return result;
  } catch (err) {
    await finish(err instanceof InterruptedError ? 'interrupted' : 'failed', (err as Error).message).catch(() => undefined);
    throw err;
  }
}

export async function runPipeline(cfg: Config, opts: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { log, now } = deps;
  const stopAfter = (step: string) => {
    if (deps.shouldStop?.()) throw new InterruptedError(step);
  };
  if (opts.load) await checkSources(cfg.sources, cfg.file);
  const wh = await Warehouse.open(cfg.warehouse);
  const meta = { command: opts.command ?? (opts.load ? 'run' : 'build'), job: opts.job, trigger: opts.trigger ?? 'manual' };
  try {
    return await recordRun(wh, meta, deps, async (runId, counts) => {
      const loads: LoadOutcome[] = [];
      if (opts.load) {
        const failures: { source: string; error: Error }[] = [];
        const chosen = cfg.sources.filter((s) => (opts.sources ? opts.sources.includes(s.name) : s.enabled));
        for (const source of chosen) {
          const check = { source: source.name, run_id: runId, checked_at: now().toISOString() };
          try {
            const outcome = await loadSource(wh, source, { now, defaultCity: cfg.edition.city, http: cfg.http, rankingLists: cfg.rankingLists });
            loads.push(outcome);
            await wh.execFile('statements/insert_source_check', { ...check, outcome: outcome.status, snapshot_id: outcome.snapshotId, error: null });
            for (const [k, v] of Object.entries(outcome.counts)) counts[k] = (counts[k] ?? 0) + v;
            log.info(`${source.name}: ${outcome.status}${outcome.status === 'loaded' ? ` (${describeCounts(outcome.counts)})` : ''}`);
          } catch (err) {
            failures.push({ source: source.name, error: err as Error });
            await wh.execFile('statements/insert_source_check', { ...check, outcome: 'failed', snapshot_id: null, error: (err as Error).message });
            log.error(`${source.name}: ${(err as Error).message}`);
          }
          stopAfter(`loading ${source.name}`);
        }
        counts.sources_loaded = loads.filter((l) => l.status === 'loaded').length;
        counts.sources_unchanged = loads.filter((l) => l.status === 'unchanged').length;
        if (failures.length) throw new SourcesFailedError(failures);
      }
      let edition: EditionResult | null = null;
      let unchangedSince: RunResult['unchangedSince'] = null;
      let queued = 0;
      let noEditionBecause: string | null = null;
      if (opts.build ?? true) {
        const models = await buildModels(wh);
        const tests = await runDataTests(wh);
        log.info(`indicators: ${models.length} models built, ${tests} data tests passed`);
        const { city, language, rankingList } = cfg.edition;
        const data = await readEditionData(wh, city, rankingList);
        const fingerprint = await fingerprintOf(data, language);
        const [latest] = await wh.allFile<{ id: number; edition_key: string; fingerprint: string }>('queries/latest_edition', { city, language });
        if (data.sources.length === 0 && !opts.force) {
          // A publish tick before the first load would otherwise mail an empty edition.
          noEditionBecause = 'the warehouse holds no loaded data yet (run `xian-report run` or a load job first)';
          counts.editions = 0;
        } else if (latest && latest.fingerprint === fingerprint && !opts.force) {
          unchangedSince = { id: latest.id, key: latest.edition_key };
          noEditionBecause = `no change since edition ${latest.id} (${latest.edition_key})`;
          counts.editions = 0;
        } else {
          stopAfter('the indicators');
          log.info(latest ? `printing a new edition: ${opts.force && latest.fingerprint === fingerprint ? 'forced' : `inputs changed since edition ${latest.id}`}` : 'printing the first edition');
          // The edition's row, its summary and its deliveries land together: a crash between
          // them would leave an edition that is never mailed (the next run sees no change).
          const built = await wh.transaction(async () => {
            const ed = await buildEdition(wh, cfg, { editionDate: opts.editionDate ?? todayIn(cfg.timezone, now()), runId, data, fingerprint });
            await wh.execFile('statements/set_edition_summary', { id: ed.id, summary: JSON.stringify(summarize(data)) });
            return { ed, queued: await queueDeliveries(wh, cfg, { id: ed.id, city, language }, now()) };
          });
          edition = built.ed;
          queued = built.queued;
          counts.editions = 1;
          counts.deliveries_queued = queued;
        }
      }
      if (opts.after) {
        stopAfter('the edition');
        await opts.after(wh, counts);
      }
      return { runId, loads, edition, unchangedSince, queued, noEditionBecause };
    });
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
