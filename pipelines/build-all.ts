// `build --all`: the edition of every city the warehouse has data for, printed with one
// Chromium and a small pool of pages. A city is any place of the gazetteer that a ranking row
// or an observation names (warehouse/queries/cities_with_data.sql); one with nothing the
// edition shows is skipped. Each edition is built as `build --city` builds it (same HTML, same
// check of its inputs' fingerprint, same commit: the warehouse row first, then out/), and one
// that fails does not stop the others. The warehouse is used by one step at a time; the pages
// print side by side. Numbers are taken as prints start and committed in their order, so
// out/latest.* always names the last committed edition; a print that fails leaves its number unused.
import type { Config } from './config.ts';
import { queueDeliveries } from './deliver/queue.ts';
import { CitiesFailedError, InterruptedError } from './errors.ts';
import { editionCity } from './geo/edition-city.ts';
import { lookupCode, type GazetteerEntry } from './geo/gazetteer.ts';
import { latestKey, readCommonEditionData, readEditionDataOf, readLatestEditions, type EditionData, type LatestEdition } from './render/edition-data.ts';
import { commitEdition, discardEdition, fingerprintOf, printEdition, type EditionResult, type PrintedEdition } from './render/edition.ts';
import type { Language } from './render/format.ts';
import { SharedBrowser } from './render/pdf.ts';
import { prepareToPrint, todayIn, type RunDeps } from './run.ts';
import { recordRun } from './warehouse/run-history.ts';
import { Warehouse } from './warehouse/warehouse.ts';

export interface BuildAllOptions {
  /** Print even the editions whose inputs did not change. */
  force?: boolean;
  /** YYYY-MM-DD; defaults to today in the config's timezone. */
  editionDate?: string;
  /** How many editions print at once (pages open in the one Chromium); default 2. */
  pool?: number;
  /** Only these languages; default edition.languages. */
  languages?: Language[];
}

/** An edition as the run reports it: without its summary and pages (kept for every city to the end, they would add up). */
export type BuiltEdition = Omit<EditionResult, 'summary' | 'pages'>;

export interface CityOutcome {
  /** The city's English name (a label) and its division code (the key). */
  city: string;
  code: string;
  /** built: every edition printed (or unchanged); unchanged: nothing to print; skipped: no data the edition shows; failed: an edition failed. */
  status: 'built' | 'unchanged' | 'skipped' | 'failed';
  editions: BuiltEdition[];
  /** Why it was skipped or failed (for a failure: the language and the error). */
  reason?: string;
}

export interface BuildAllResult {
  runId: number;
  cities: CityOutcome[];
  editions: BuiltEdition[];
  /** How many editions were printed once (their contents page's numbers held) and how many twice. */
  printedOnce: number;
  printedTwice: number;
  seconds: number;
  /** This process's peak resident memory, in MB (Chromium's processes not counted). */
  nodePeakMb: number;
}

export interface BuildAllDeps extends RunDeps {
  /** Told of each city as it ends (for a progress bar), with how many have ended and how many there are. */
  onCity?: (outcome: CityOutcome, done: number, total: number) => void;
  /** Called before each edition is printed; what it throws fails that edition (tests inject a failure here). */
  beforePrint?: (city: string, language: Language) => void | Promise<void>;
}

/** A city `build --all` prints: its division code (the key) and its English name (the label). */
export interface CityToBuild {
  code: string;
  name: string;
}

/** The gazetteer's cities among the places the warehouse has rows for, the configured city first. */
export async function citiesWithData(wh: Warehouse, first: string): Promise<CityToBuild[]> {
  const firstCode = editionCity(first, 'edition.city').code;
  const codes = (await wh.allFile<{ code: string }>('queries/cities_with_data')).map((r) => r.code);
  const cities = codes
    .map((code) => lookupCode(code))
    .filter((e): e is GazetteerEntry => e != null && !PROVINCIAL.has(e.kind))
    .map((e) => ({ code: e.code, name: e.nameEn }));
  return cities.sort((a, b) => (a.code === firstCode ? -1 : b.code === firstCode ? 1 : a.name.localeCompare(b.name) || a.code.localeCompare(b.code)));
}

const PROVINCIAL = new Set(['province', 'autonomous_region']);

/**
 * How many cities' data is read at once. The models are views over every city: read city by
 * city, each query computed them again for each city. A batch bounds what is held in memory.
 */
const BATCH = 25;

/** Runs one task at a time, in the order asked: the warehouse is one connection. */
function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export async function buildAllCities(cfg: Config, opts: BuildAllOptions, deps: BuildAllDeps): Promise<BuildAllResult> {
  const { log, now } = deps;
  const started = performance.now();
  const languages = opts.languages ?? cfg.edition.languages;
  const poolSize = Math.max(1, opts.pool ?? 2);
  const wh = await Warehouse.open(cfg.warehouse);
  const browser = new SharedBrowser(cfg.chromium.executablePath);
  try {
    return await recordRun(wh, { command: 'build --all', trigger: 'manual' }, deps, async ({ runId, counts, heartbeat }) => {
      await prepareToPrint(wh, cfg, log, browser, opts.force ?? false);
      const cities = await citiesWithData(wh, cfg.edition.city);
      log.info(`${cities.length} cities with data; printing with ${poolSize} page${poolSize === 1 ? '' : 's'} at once`);

      const editionDate = opts.editionDate ?? todayIn(cfg.timezone, now());
      const common = await readCommonEditionData(wh, cfg.edition.rankingList);
      const db = serializer();
      const [{ n: firstNumber }] = await wh.allFile<{ n: number }>('statements/next_edition_number');
      let nextNumber = firstNumber;
      let lastEdition = (await wh.allFile<{ id: number; edition_key: string }>('queries/last_edition'))[0] ?? null;
      // Each number's commit waits for the one before it (committed, or failed and left unused).
      const settled = new Map<number, Promise<void>>();
      // Another city's verified pages, per language: the guess for a city printed for the first time.
      const hints = new Map<Language, Record<string, number>>();
      // The batches read and not yet taken by every city in them.
      const batches = new Map<number, { data: Map<string, EditionData>; latest: Map<string, LatestEdition>; left: number }>();
      const batchOf = async (index: number) => {
        const b = Math.floor(index / BATCH);
        let batch = batches.get(b);
        if (!batch) {
          const codes = cities.slice(b * BATCH, (b + 1) * BATCH).map((c) => c.code);
          const data = await readEditionDataOf(wh, codes, cfg.edition.rankingList, cfg.edition.peers, common);
          batch = { data, latest: await readLatestEditions(wh, codes), left: codes.length };
          batches.set(b, batch);
        }
        if (--batch.left === 0) batches.delete(b);
        return batch;
      };
      const outcomes: CityOutcome[] = [];
      let queued = 0;
      let printedOnce = 0;
      let printedTwice = 0;

      const buildCity = async ({ code, name: city }: CityToBuild, index: number): Promise<CityOutcome> => {
        const ccfg: Config = { ...cfg, edition: { ...cfg.edition, city: code } };
        const prepared = await db(async () => {
          const batch = await batchOf(index);
          const data = batch.data.get(code)!;
          if (data.trajectory.length === 0 && data.growth.length === 0) return null;
          const todo = [];
          for (const language of languages) {
            const fingerprint = await fingerprintOf(data, language);
            const latest = batch.latest.get(latestKey(code, language));
            if (latest && latest.fingerprint === fingerprint && !opts.force) continue;
            todo.push({ language, fingerprint, latest: latest ?? null });
          }
          return { data, todo };
        });
        if (!prepared) return { city, code, status: 'skipped', editions: [], reason: 'no rank on the list and no statistics' };
        if (prepared.todo.length === 0) return { city, code, status: 'unchanged', editions: [] };
        browser.start();
        const editions: BuiltEdition[] = [];
        const failures: string[] = [];
        for (const { language, fingerprint, latest } of prepared.todo) {
          const number = nextNumber++;
          let done!: () => void;
          settled.set(number, new Promise<void>((r) => (done = r)));
          let printed: PrintedEdition | null = null;
          try {
            await deps.beforePrint?.(city, language);
            printed = await printEdition(wh, ccfg, {
              editionDate,
              runId,
              language,
              data: prepared.data,
              fingerprint,
              previous: latest,
              number,
              lastEdition,
              browser,
              pagesHint: hints.get(language),
            });
            hints.set(language, printed.pages);
            if (printed.prints === 1) printedOnce++;
            else printedTwice++;
            await settled.get(number - 1);
            const p = printed;
            const ed = await db(() =>
              commitEdition(wh, ccfg, p, {
                editionDate,
                runId,
                withinCommit: async (built) => {
                  queued += await queueDeliveries(wh, cfg, { id: built.id, city: code, language }, now());
                },
              }),
            );
            lastEdition = { id: ed.id, edition_key: ed.key };
            const { summary: _summary, pages: _pages, ...built } = ed;
            editions.push(built);
          } catch (err) {
            if (printed) await discardEdition(printed);
            failures.push(`${language}: ${(err as Error).message}`);
          } finally {
            done();
            settled.delete(number - 1);
          }
        }
        if (failures.length) return { city, code, status: 'failed', editions, reason: failures.join('; ') };
        return { city, code, status: 'built', editions };
      };

      // The pool: each worker takes the next city until none are left (or a stop is asked).
      let next = 0;
      let stopped = false;
      const worker = async () => {
        while (next < cities.length) {
          if (deps.shouldStop?.()) {
            stopped = true;
            return;
          }
          const index = next++;
          const city = cities[index]!;
          const outcome = await buildCity(city, index).catch((err: Error): CityOutcome => ({ city: city.name, code: city.code, status: 'failed', editions: [], reason: err.message }));
          outcomes.push(outcome);
          deps.onCity?.(outcome, outcomes.length, cities.length);
          await db(heartbeat);
        }
      };
      await Promise.all(Array.from({ length: Math.min(poolSize, cities.length) }, worker));

      const order = new Map(cities.map((c, i) => [c.code, i]));
      outcomes.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
      const editions = outcomes.flatMap((o) => o.editions).sort((a, b) => a.id - b.id);
      const of = (status: CityOutcome['status']) => outcomes.filter((o) => o.status === status).length;
      Object.assign(counts, {
        cities: cities.length,
        cities_built: of('built'),
        cities_unchanged: of('unchanged'),
        cities_skipped: of('skipped'),
        cities_failed: of('failed'),
        editions: editions.length,
        deliveries_queued: queued,
      });
      const result: BuildAllResult = { runId, cities: outcomes, editions, printedOnce, printedTwice, seconds: (performance.now() - started) / 1000, nodePeakMb: Math.round(process.resourceUsage().maxRSS / 1024) };
      if (stopped) throw new InterruptedError(`${outcomes.length} of ${cities.length} cities`);
      if (of('failed')) throw new CitiesFailedError(result);
      return result;
    });
  } finally {
    await browser.close();
    wh.close();
  }
}

/** The summary `build --all` ends on: counts, then each city skipped or failed with the reason. */
export function summaryLines(r: BuildAllResult): string[] {
  const of = (status: CityOutcome['status']) => r.cities.filter((c) => c.status === status);
  const perEdition = r.editions.length ? `, ${(r.seconds / r.editions.length).toFixed(2)} s per edition` : '';
  const lines = [
    `${of('built').length} built, ${of('unchanged').length} unchanged, ${of('skipped').length} skipped for lack of data, ${of('failed').length} failed ` +
      `(${r.cities.length} cities, ${r.editions.length} editions in ${r.seconds.toFixed(1)} s${perEdition}; ` +
      `contents pages: ${r.printedOnce} printed once, ${r.printedTwice} twice; Node's peak memory ${r.nodePeakMb} MB)`,
  ];
  for (const c of of('skipped')) lines.push(`  skipped  ${c.city}: ${c.reason}`);
  for (const c of of('failed')) lines.push(`  failed   ${c.city}: ${c.reason}`);
  return lines;
}
