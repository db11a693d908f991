// The xian-report command line: maps subcommands to their modules and errors to exit codes
// (0 done, 1 failed, 2 bad usage or config).
import { Command, CommanderError, Option } from 'commander';
import type { ConsolaInstance } from 'consola';
import type { Config } from '../config.ts';
import { DEFAULT_CONFIG_FILE } from '../config-file.ts';
import { ConfigError, exitCodeOf } from '../errors.ts';
import * as discoverCommand from './discover.ts';
import * as editionsCommand from './editions.ts';
import * as extractCommand from './extract.ts';
import * as jobCommand from './job.ts';
import * as quarantineCommand from './quarantine.ts';
import * as reparseCommand from './reparse.ts';
import * as scheduleCommand from './schedule.ts';
import * as sendCommand from './send.ts';
import * as statusCommand from './status.ts';

const program = new Command('xian-report')
  .description("Keeps the analysis of Xi'an's advanced manufacturing current: load sources into DuckDB, validate, recompute the indicators, print a PDF edition.")
  .version('0.1.0')
  .option('-c, --config <file>', 'the config file', DEFAULT_CONFIG_FILE)
  .option('-q, --quiet', 'print only warnings and errors')
  .showHelpAfterError()
  .exitOverride();

// The logger (consola) and the config (yaml, zod; or the copy config-cache.ts kept) are loaded when a command is about to
// run (or an error is to be told), not for --help or --version: those start on commander alone.
let logger: ConsolaInstance | undefined;
let readConfig: (() => Config) | undefined;
async function loadLogger(): Promise<void> {
  // The time is shown at the right of a terminal only; elsewhere consola would format it for nothing.
  const level = process.argv.includes('-q') || process.argv.includes('--quiet') ? 1 : 3;
  logger ??= (await import('consola')).createConsola({ level, formatOptions: { date: !!process.stdout.isTTY } });
}
program.hook('preAction', async (_program, action) => {
  if (!SELDOM_LOGS.has(action.name())) await loadLogger();
  readConfig ??= await (await import('../config-cache.ts')).configReader(action.optsWithGlobals<{ config: string }>().config);
});

/**
 * Commands that log only in passing (status: "waiting for the warehouse"): consola is loaded by
 * their first log call, not before they run; loading it is a tenth of status's time.
 */
const SELDOM_LOGS = new Set(['status']);

/**
 * The logger the commands are given: consola's. Loaded before a command's action runs, or, for
 * SELDOM_LOGS, by the first call of one of its methods, which then logs once it is loaded.
 */
export const log = new Proxy({} as ConsolaInstance, {
  get: (_target, key) => {
    if (logger) return Reflect.get(logger, key);
    return (...args: unknown[]) => void loadLogger().then(() => (Reflect.get(logger!, key) as (...a: unknown[]) => void).apply(logger, args));
  },
});

/** The config with the command-line overrides applied (in a command's action). */
export function configFrom(cmd: Command): Config {
  const opts = cmd.optsWithGlobals<{ config: string; warehouse?: string; out?: string }>();
  if (!readConfig) throw new Error('configFrom: called before the preAction hook loaded the config reader');
  const cfg = readConfig();
  return {
    ...cfg,
    warehouse: opts.warehouse ?? cfg.warehouse,
    outDir: opts.out ?? cfg.outDir,
  };
}

const editionDate = new Option('--edition-date <YYYY-MM-DD>', 'the date printed on the edition (default: today in the configured timezone)').argParser(
  (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new ConfigError(`--edition-date: "${v}" is not a date like 2026-11-28`);
    return v;
  },
);

for (const [name, load, description] of [
  ['run', true, 'load every configured source, validate, recompute the indicators and print a new edition'],
  ['build', false, 'print a new edition from what the warehouse holds, without loading'],
] as const) {
  const command = program.command(name);
  // build --all: every city with data, one browser (pipelines/build-all.ts).
  if (name === 'build')
    command
      .option('--all', 'print the edition of every city the warehouse has data for (one browser, a pool of pages)')
      .addOption(
        new Option('--pool <n>', 'with --all: how many editions print at once').default(2).argParser((v) => {
          if (!/^[1-9]\d*$/.test(v)) throw new ConfigError(`--pool: "${v}" is not a whole number ≥ 1`);
          return Number(v);
        }),
      );
  command
    .description(description)
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--out <dir>', 'where editions are written (overrides the config)')
    .addOption(editionDate)
    .option('--force', 'print a new edition even if its inputs did not change')
    .option('--city <name>', "print the edition of this city: its Chinese name, English name or division code (成都, Chengdu, 510100); an English name two cities share (Suzhou) needs the Chinese name or the code; default edition.city")
    .action(async (opts: { editionDate?: string; force?: boolean; city?: string; all?: boolean; pool?: number }, cmd: Command) => {
      if (opts.all) {
        if (opts.city) throw new ConfigError('--all and --city: give one or the other');
        const { buildAll } = await import('./build-all.ts');
        return buildAll(configFrom(cmd), { force: opts.force, editionDate: opts.editionDate, pool: opts.pool }, log);
      }
      const { runPipeline } = await import('../run.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const base = configFrom(cmd);
      const cfg = opts.city ? { ...base, edition: { ...base.edition, city: await cityNamed(opts.city) } } : base;
      const result = await withWriterLock(cfg, name, log, () =>
        runPipeline(cfg, { load, editionDate: opts.editionDate, force: opts.force }, { log, now: () => new Date() }),
      );
      if (!result.edition) {
        log.success(`${result.noEditionBecause}; use --force to print anyway`);
        return;
      }
      for (const ed of result.editions) log.success(`edition ${ed.key}: ${ed.pdfPath}`);
      log.info(`latest: ${result.edition.latestPath}`);
      if (result.queued) log.info(`${result.queued} deliveries queued: the scheduler's publish job or \`xian-report send\` sends them`);
    });
}

// Commands in their own modules: each registers itself and imports its work lazily.
for (const command of [extractCommand, discoverCommand, scheduleCommand, jobCommand, statusCommand, editionsCommand, quarantineCommand, reparseCommand, sendCommand]) command.register(program, { log, configFrom });

/**
 * The city --city names, as edition.city: its English name when no other city has it, else its code.
 * A name the gazetteer does not know, or an English name two cities share, is a usage error.
 */
async function cityNamed(name: string): Promise<string> {
  const { editionCity } = await import('../geo/edition-city.ts');
  const { matchCity } = await import('../geo/gazetteer.ts');
  const entry = editionCity(name, '--city');
  const byEnglish = matchCity(entry.nameEn);
  return byEnglish && 'entry' in byEnglish && byEnglish.entry === entry ? entry.nameEn : entry.code;
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    await loadLogger();
    log.error((err as Error).message);
    if (process.env.XIAN_REPORT_DEBUG) console.error(err);
    process.exitCode = exitCodeOf(err);
  }
}

await main();
// A half-done Chromium launch that was given up on can keep Node alive forever: end here.
const { hasStrayHandles } = await import('../stray-handles.ts');
if (hasStrayHandles()) process.exit();
