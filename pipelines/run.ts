// The pipeline end to end: load every configured source → validate → indicators → edition.
// `build` is the same without the loading; a scheduled load job loads without building.
// An edition is printed only when what it reads changed (or when forced).
import { InterruptedError, NoCityDataError, SourcesFailedError } from './errors.ts';
import type { ConsolaInstance } from 'consola';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import type { Config } from './config.ts';
import type { LoadOutcome } from './load/load-source.ts';
import type { ListingOutcome } from './load/load-listing.ts';
import { Warehouse } from './warehouse/warehouse.ts';
import { recordRun, type Trigger } from './warehouse/run-history.ts';
import type { EditionResult } from './render/edition.ts';
import type { LatestEdition } from './render/edition-data.ts';
import type { Language } from './render/format.ts';
import { SharedBrowser, sweepProfiles } from './render/pdf.ts';
import { editionCity } from './geo/edition-city.ts';
import { NO_WAREHOUSE, warehouseStamp } from './file-stamp.ts';
import { noChangeInputs, recallNoChange, rememberNoChange, type NoChange } from './render/no-change.ts';

export interface RunDeps {
  log: ConsolaInstance;
  now: () => Date;
  /** Checked between steps (each source, the edition, each mail): true stops after the current one. */
  shouldStop?: () => boolean;
}

export type { Trigger };

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
  /** The last new edition, or null when none was built. */
  edition: EditionResult | null;
  /** Every new edition of the run, one per language whose inputs changed. */
  editions: EditionResult[];
  /** The latest edition, when the inputs did not change since it. */
  unchangedSince: { id: number; key: string } | null;
  /** Deliveries queued for the new edition. */
  queued: number;
  /** Why no edition was built, when the inputs did not change or there is nothing to print. */
  noEditionBecause: string | null;
}

/**
 * What comes before any edition is printed (`build`, `run`, `build --all`): out/ brought in line
 * with the warehouse and Chromium profiles of killed processes swept, each said; the models built
 * and their data tests run. Forced, an edition will be printed: Chromium starts meanwhile.
 */
export async function prepareToPrint(wh: Warehouse, cfg: Config, log: ConsolaInstance, browser: SharedBrowser, force: boolean): Promise<void> {
  const { reconcileOutDir } = await import('./render/out-dir.ts');
  const { buildModels, runDataTests } = await import('./indicators/models.ts');
  const tidied = await reconcileOutDir(wh, cfg.outDir);
  for (const t of tidied.tempsRemoved) log.info(`removed ${t}, left by a process that was stopped while printing`);
  for (const o of tidied.orphansRemoved) log.info(`removed ${o}: its edition was never recorded in the warehouse`);
  if (tidied.latestRewritten) log.info('out/latest.* rewritten to name the last edition in the warehouse');
  const profiles = sweepProfiles();
  if (profiles) log.info(`removed ${profiles} Chromium profile folder(s) left by a process that was stopped while printing`);
  if (force) browser.start(cfg.edition.languages.length);
  const models = await buildModels(wh);
  const tests = await runDataTests(wh);
  log.info(`indicators: ${models.length} models built, ${tests} data tests passed`);
}

export function todayIn(timezone: string, now: Date): string {
  return format(new TZDate(now, timezone), 'yyyy-MM-dd');
}

export async function runPipeline(cfg: Config, opts: RunOptions, deps: RunDeps): Promise<RunResult> {
  const { log, now } = deps;
  const stopAfter = (step: string) => {
    if (deps.shouldStop?.()) throw new InterruptedError(step);
  };
  // Before opening: an answer remembered from an earlier build holds only if nothing wrote since.
  const stampBeforeOpen = cfg.warehouse === ':memory:' ? null : warehouseStamp(cfg.warehouse);
  // One Chromium for the run's editions, launched only when one is printed. A run that loads into
  // a warehouse not made yet will print a first edition: Chromium launches (and opens a page per
  // language) first of all, while the modules load, the warehouse is made and the sources load.
  const browser = new SharedBrowser(cfg.chromium.executablePath);
  if (opts.load && (opts.build ?? true) && stampBeforeOpen === NO_WAREHOUSE) browser.start(cfg.edition.languages.length);
  let opened: Warehouse | null = null;
  let remember: NoChange | null = null;
  let inputs: ReturnType<typeof noChangeInputs> | null = null;
  let result: RunResult;
  try {
    // The loaders (HTTP, decoding, adapters) are imported only by a run that loads.
    const loading = opts.load ? await import('./load/load-source.ts') : null;
    if (opts.load) await (await import('./sources/registry.ts')).checkSources(cfg.sources, cfg.file);
    // Before anything loads: the city is what 全市 means on a page, and an ambiguous one is a usage error.
    editionCity(cfg.edition.city, 'edition.city');
    // The templates, SQL and config as this run reads them: what a remembered answer stands on.
    inputs = stampBeforeOpen && (opts.build ?? true) ? noChangeInputs(cfg) : null;
    const wh = (opened = await Warehouse.open(cfg.warehouse));
    const meta = { command: opts.command ?? (opts.load ? 'run' : 'build'), job: opts.job, trigger: opts.trigger ?? 'manual' };
    result = await recordRun(wh, meta, deps, async ({ runId, counts, heartbeat }) => {
      const loads: LoadOutcome[] = [];
      if (loading) {
        const { loadSource, failedSnapshotOf } = loading;
        const failures: { source: string; error: Error }[] = [];
        const chosen = cfg.sources.filter((s) => (opts.sources ? opts.sources.includes(s.name) : s.enabled));
        for (const [i, source] of chosen.entries()) {
          const check = { source: source.name, run_id: runId, checked_at: now().toISOString() };
          try {
            const loadDeps = { now, defaultCity: cfg.edition.city, http: cfg.http, files: cfg.files, rankingLists: cfg.rankingLists };
            // Listings need an HTML parser: loaded only when a source is one.
            const listed = source.adapter === 'listing' ? await (await import('./load/load-listing.ts')).loadListing(wh, source, loadDeps) : null;
            const outcome = listed ?? (await loadSource(wh, source, loadDeps));
            loads.push(outcome);
            await wh.execFile('statements/insert_source_check', { ...check, outcome: outcome.status, snapshot_id: outcome.snapshotId, error: null });
            for (const [k, v] of Object.entries(outcome.counts)) counts[k] = (counts[k] ?? 0) + v;
            if (listed) {
              reportListing(log, listed);
              counts.pages_from_listings = (counts.pages_from_listings ?? 0) + listed.pages.length;
            } else {
              const again = outcome.reparsed ? `, snapshot ${outcome.snapshotId} re-parsed without fetching: ${outcome.reparsed.because}` : '';
              log.info(`${source.name}: ${outcome.status}${outcome.status === 'loaded' ? ` (${describeCounts(outcome.counts)}${again})` : ''}`);
            }
          } catch (err) {
            failures.push({ source: source.name, error: err as Error });
            await wh.execFile('statements/insert_source_check', { ...check, outcome: 'failed', snapshot_id: failedSnapshotOf(err), error: (err as Error).message });
            log.error(`${source.name}: ${(err as Error).message}`);
          }
          await heartbeat();
          // A stop after the last step is no interruption: everything asked for was done.
          if (i < chosen.length - 1 || (opts.build ?? true) || opts.after) stopAfter(`loading ${source.name}`);
        }
        counts.sources_loaded = loads.filter((l) => l.status === 'loaded').length;
        counts.sources_unchanged = loads.filter((l) => l.status === 'unchanged').length;
        if (failures.length) throw new SourcesFailedError(failures);
      }
      let edition: EditionResult | null = null;
      let unchangedSince: RunResult['unchangedSince'] = null;
      let queued = 0;
      let noEditionBecause: string | null = null;
      const editions: EditionResult[] = [];
      // Nothing loaded, nothing read changed since a build found no change: the same answer (no-change.ts).
      const recalled =
        inputs && !opts.force && stampBeforeOpen && loads.every((l) => l.status === 'unchanged') ? recallNoChange(cfg, stampBeforeOpen, inputs) : null;
      if (recalled) {
        unchangedSince = recalled.since;
        noEditionBecause = recalled.because;
      } else if (opts.build ?? true) {
        // Imported here: a load job's process prints nothing and needs none of it.
        const { readEditionData, readLatestEditions, latestKey } = await import('./render/edition-data.ts');
        const { commitEdition, discardEdition, fingerprintOf, printEdition } = await import('./render/edition.ts');
        const { queueDeliveries } = await import('./deliver/queue.ts');
        await prepareToPrint(wh, cfg, log, browser, opts.force ?? false);
        const { city, languages, rankingList, peers } = cfg.edition;
        const data = await readEditionData(wh, city, rankingList, peers);
        if (data.sources.length > 0 && data.trajectory.length === 0 && data.growth.length === 0) throw new NoCityDataError(city);
        counts.editions = 0;
        // One edition per language, from the same data; each compared with the last of its language.
        const toPrint: { language: Language; fingerprint: string; latest: LatestEdition | undefined }[] = [];
        const latestOf = await readLatestEditions(wh, [data.cityCode]);
        for (const language of languages) {
          const fingerprint = await fingerprintOf(data, language);
          const latest = latestOf.get(latestKey(data.cityCode, language));
          if (data.sources.length === 0 && !opts.force) {
            // A publish tick before the first load would otherwise mail an empty edition.
            noEditionBecause = 'the warehouse holds no loaded data yet (run `xian-report run` or a load job first)';
            break;
          }
          if (latest && latest.fingerprint === fingerprint && !opts.force) {
            unchangedSince ??= { id: latest.id, key: latest.edition_key };
            noEditionBecause ??= `no change since edition ${latest.id} (${latest.edition_key})`;
            continue;
          }
          stopAfter('the indicators');
          log.info(
            latest
              ? `printing a new edition (${language}): ${opts.force && latest.fingerprint === fingerprint ? 'forced' : `inputs changed since edition ${latest.id}`}`
              : `printing the first edition (${language})`,
          );
          toPrint.push({ language, fingerprint, latest });
        }
        if (toPrint.length) {
          // One Chromium for every language, launched while the HTML is made; the languages
          // print side by side, and commit in order: a failure commits none after it.
          browser.start(toPrint.length);
          const [{ n }] = await wh.allFile<{ n: number }>('statements/next_edition_number');
          const [lastEdition = null] = await wh.allFile<{ id: number; edition_key: string }>('queries/last_edition');
          const editionDate = opts.editionDate ?? todayIn(cfg.timezone, now());
          const printed = await Promise.allSettled(
            toPrint.map((p, i) =>
              printEdition(wh, cfg, { editionDate, runId, language: p.language, data, fingerprint: p.fingerprint, previous: p.latest ?? null, number: n + i, lastEdition, browser }),
            ),
          );
          // Nothing more to print: Chromium shuts down while the editions commit.
          void browser.close();
          for (const [i, p] of printed.entries()) {
            if (p.status === 'rejected') {
              for (const rest of printed.slice(i + 1)) if (rest.status === 'fulfilled') await discardEdition(rest.value);
              throw p.reason;
            }
            // The edition's row, its summary and its deliveries land together: a crash between
            // them would leave an edition that is never mailed (the next run sees no change).
            const ed = await commitEdition(wh, cfg, p.value, {
              editionDate,
              runId,
              withinCommit: async (built) => {
                queued += await queueDeliveries(wh, cfg, { id: built.id, city, language: p.value.language }, now());
              },
            });
            await heartbeat();
            editions.push(ed);
            edition = ed;
            counts.editions += 1;
            counts.deliveries_queued = queued;
          }
        }
        if (editions.length) {
          unchangedSince = null;
          noEditionBecause = null;
        }
      }
      await browser.close();
      if (opts.after) {
        stopAfter('the edition');
        await opts.after(wh, counts);
      }
      if (unchangedSince && noEditionBecause && !editions.length) remember = { because: noEditionBecause, since: unchangedSince };
      return { runId, loads, edition, editions, unchangedSince, queued, noEditionBecause };
    });
  } finally {
    await browser.close();
    opened?.close();
  }
  // Closed: the warehouse's stamp is now the one the next run will find if nothing writes meanwhile.
  if (remember && inputs) rememberNoChange(cfg, remember, inputs);
  return result;
}

function describeCounts(c: LoadOutcome['counts']): string {
  return Object.entries(c)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || 'no rows';
}

/** Prints what a listing yielded: each page read and what was read from it, or "nothing new". */
function reportListing(log: ConsolaInstance, o: ListingOutcome): void {
  const walked = `${o.listingPages.length} listing page${o.listingPages.length === 1 ? '' : 's'}`;
  const changed = o.listingPages.filter((p) => p.fresh).length;
  if (o.pages.length === 0) {
    log.info(`${o.source}: nothing new (${walked}${changed ? `, ${changed} changed` : ' unchanged'}, ${o.followed} links followed, all read before)`);
    return;
  }
  log.info(`${o.source}: ${o.pages.length} page${o.pages.length === 1 ? '' : 's'} to read from ${walked}${o.waiting ? `, ${o.waiting} more wait for the next run (maxNewPages)` : ''}`);
  for (const p of o.pages) {
    const head = `  ${p.date ?? 'undated'}  ${p.title}  ${p.url}`;
    if (p.status === 'failed') log.warn(`${head}\n    failed: ${p.error}`);
    else if (p.status === 'mirror') log.info(`${head}\n    same page as ${p.mirrorOf}: not loaded again`);
    else log.info(`${head}\n    ${p.status === 'loaded' ? `loaded: ${describeCounts(p.counts)}` : 'unchanged since it was last read'}`);
  }
}
