// `xian-report discover`: what a listing would yield, without loading anything (for writing a listing source).
import type { Command } from 'commander';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

interface DiscoverOptions {
  source?: string;
  follow?: string;
  title?: string;
  url?: string;
  since?: string;
  until?: string;
  pages?: string;
  pageUrl?: string;
  adapter?: string;
  all?: boolean;
  json?: boolean;
}

export function register(program: Command, _ctx: CliContext): void {
  program
    .command('discover')
    .description(
      "walk a publisher's listing page (and its next pages) and list the links a listing source would follow, with the date beside each; " +
        'loads nothing and writes nothing (one plain GET per listing page)',
    )
    .argument('[listing-url]', "the listing page's http(s) URL (default: the location of --source)")
    .option('--source <name>', 'start from a configured listing source: its location, follow, pages and pageUrl (the options below override them)')
    .option('--follow <words>', "words of which a link's title must hold one, comma-separated (follow.words)")
    .option('--title <regex>', "a regular expression the link's title must match (follow.title)")
    .option('--url <regex>', "a regular expression the link's absolute URL must match (follow.url)")
    .option('--since <YYYY-MM-DD>', 'only links dated on or after this day (follow.since)')
    .option('--until <YYYY-MM-DD>', 'only links dated on or before this day (follow.until)')
    .option('--pages <n>', 'how many listing pages to walk, following each page\'s "next page" (下一页) link (default 1)')
    .option('--page-url <template>', 'the URL of the later pages instead: {page} is 2 for the second page, {index} is 1 for it (pageUrl)')
    .option('--adapter <kind>', 'the adapter named in the printed config entry', 'release-prose')
    .option('--all', 'also list the links not followed, each with the reason')
    .option('--json', 'print one JSON document: { location, follow, pages: [{ url, number, encoding, links: [{ url, title, date, notFollowed }], next }] }')
    .action(async (location: string | undefined, opts: DiscoverOptions, cmd: Command) => {
      const { existsSync } = await import('node:fs');
      const { loadConfig } = await import('../config.ts');
      const { FollowSettings, ListingSettings } = await import('../sources/listing.ts');
      const { discover, describeDiscovery } = await import('../discover.ts');
      // The config gives the http limits and --source; discover also works where there is none yet.
      const file = cmd.optsWithGlobals<{ config: string }>().config;
      const cfg = existsSync(file) || opts.source ? loadConfig(file) : null;
      let base: { location?: string; follow?: object; pages?: number; pageUrl?: string } = {};
      if (opts.source) {
        const s = cfg!.sources.find((x) => x.name === opts.source);
        if (!s) throw new ConfigError(`--source: no source named "${opts.source}" in ${file}`);
        if (s.adapter !== 'listing') throw new ConfigError(`--source: "${opts.source}" is a ${s.adapter} source, not a listing`);
        const parsed = ListingSettings.parse(s.settings);
        base = { location: s.location, follow: parsed.follow, pages: parsed.pages, pageUrl: parsed.pageUrl };
      }
      const url = location ?? base.location;
      if (!url) throw new ConfigError('discover: give a listing URL or --source NAME');
      if (!/^https?:\/\//.test(url)) throw new ConfigError(`discover: "${url}" is not an http(s) URL`);
      const follow = FollowSettings.safeParse({
        ...base.follow,
        ...(opts.follow ? { words: opts.follow.split(/[,，]/).map((w) => w.trim()).filter(Boolean) } : {}),
        ...(opts.title ? { title: opts.title } : {}),
        ...(opts.url ? { url: opts.url } : {}),
        ...(opts.since ? { since: opts.since } : {}),
        ...(opts.until ? { until: opts.until } : {}),
      });
      if (!follow.success) {
        const issue = follow.error.issues[0]!;
        throw new ConfigError(`discover: --${String(issue.path[0] === 'words' ? 'follow' : issue.path[0])}: ${issue.message}`);
      }
      const pages = opts.pages ? Number(opts.pages) : (base.pages ?? 1);
      if (!Number.isInteger(pages) || pages < 1 || pages > 50) throw new ConfigError(`--pages: "${opts.pages}" is not a number from 1 to 50`);
      const pageUrl = opts.pageUrl ?? base.pageUrl;
      if (pageUrl && !/\{(page|index)\}/.test(pageUrl)) throw new ConfigError('--page-url: must hold {page} or {index}');
      const found = await discover(url, { follow: follow.data, pages, pageUrl }, cfg?.http);
      process.stdout.write(opts.json ? `${JSON.stringify(found, null, 2)}\n` : `${describeDiscovery(found, { all: opts.all, adapter: opts.adapter })}\n`);
    });
}
