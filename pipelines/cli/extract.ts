// `xian-report extract`: parse one saved page or URL and print what it holds.
import type { Command } from 'commander';
import { Option } from 'commander';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('extract')
    .description('parse one saved page (HTML or plain text) or URL without touching the warehouse; print what it found and what it flagged')
    .argument('<file-or-url>', 'a saved page, or an http(s) URL')
    .addOption(new Option('--kind <kind>', 'the kind of page (default: try both, keep the one that finds most)').choices(['ranking', 'release']))
    .option('--published <YYYY-MM-DD>', "the page's publication date: gives a year to periods that state none")
    .option('--city <name>', 'what 全市 means on the page', "Xi'an")
    .option('--list <id>', 'the ranking list id, for ranking pages', 'ccid-top100-advanced-manufacturing-cities')
    .option('--year <YYYY>', "the ranking list's year, where the page does not say it")
    .option('--json', 'print one JSON document: { observations, rankings, flagged, ... }')
    .action(async (location: string, opts: { kind?: 'ranking' | 'release'; published?: string; city: string; list: string; year?: string; json?: boolean }) => {
      if (opts.published && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) throw new ConfigError(`--published: "${opts.published}" is not a date like 2023-06-15`);
      if (opts.year && !/^\d{4}$/.test(opts.year)) throw new ConfigError(`--year: "${opts.year}" is not a year`);
      const { extract, describe } = await import('../extract.ts');
      const doc = await extract(location, { ...opts, year: opts.year ? Number(opts.year) : undefined });
      if (opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      else process.stdout.write(`${describe(doc)}\n`);
      if (!doc.adapter) process.exitCode = 1;
    });
}
