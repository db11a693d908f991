// `xian-report extract`: parse one saved page or URL and print what it holds.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

/**
 * The config, when there is one: extract needs none, but reads a page as a source of that config
 * would (its own ranking lists, its edition's city). A config named with --config must be there;
 * the default one is used only when present, and one that cannot be read is only warned about.
 */
function configIfAny(cmd: Command, ctx: CliContext): Config | null {
  const { config } = cmd.optsWithGlobals<{ config: string }>();
  const named = cmd.parent?.getOptionValueSource('config') === 'cli';
  if (!named && !existsSync(config)) return null;
  try {
    return ctx.configFrom(cmd);
  } catch (err) {
    if (named || !(err instanceof ConfigError)) throw err;
    ctx.log.warn(`${err.message}; extract goes on without it (its rankingLists and edition city are not used)`);
    return null;
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('extract')
    .description('parse one saved page (HTML or plain text) or URL without touching the warehouse; print what it found and what it flagged')
    .argument('<file-or-url>', 'a saved page, or an http(s) URL')
    .addOption(new Option('--kind <kind>', 'the kind of page (default: try both, keep the one that finds most)').choices(['ranking', 'release']))
    .option('--published <YYYY-MM-DD>', "the page's publication date: gives a year to periods that state none")
    .option('--city <name>', "what 全市 means on the page (default: the config's edition.city, else Xi'an)")
    .option('--list <id>', 'the ranking list id, for ranking pages', 'ccid-top100-advanced-manufacturing-cities')
    .option('--year <YYYY>', "the ranking list's year, where the page does not say it")
    .option('--json', 'print one JSON document: { observations, rankings, flagged, ... }')
    .action(async (location: string, opts: { kind?: 'ranking' | 'release'; published?: string; city?: string; list: string; year?: string; json?: boolean }, cmd: Command) => {
      if (opts.published && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) throw new ConfigError(`--published: "${opts.published}" is not a date like 2023-06-15`);
      if (opts.year && !/^\d{4}$/.test(opts.year)) throw new ConfigError(`--year: "${opts.year}" is not a year`);
      const cfg = configIfAny(cmd, ctx);
      const { extract, describe } = await import('../extract.ts');
      const doc = await extract(location, {
        ...opts,
        city: opts.city ?? cfg?.edition.city ?? "Xi'an",
        cityAssumed: opts.city == null,
        year: opts.year ? Number(opts.year) : undefined,
        rankingLists: cfg?.rankingLists ?? [],
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      else process.stdout.write(`${describe(doc)}\n`);
      if (!doc.adapter) process.exitCode = 1;
    });
}
