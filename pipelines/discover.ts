// What a listing would yield, without loading anything: walks its pages (plain GETs, the per-host
// delay as in a load), reads their links and says which the `follow` rules take and why the
// others are left, so a listing source can be written and tried before it goes into the config.
import { stringify } from 'yaml';
import { HTTP_DEFAULTS, type HttpConfig } from './config.ts';
import { walkListing } from './load/walk-listing.ts';
import { fetchLocation } from './sources/fetch.ts';
import { defaultHttpDeps, type HttpDeps } from './sources/http.ts';
import { whyNotFollowed, type Follow, type ListedLink, type ListingConfig } from './sources/listing.ts';

export interface DiscoveredLink extends ListedLink {
  /** Why the follow rules leave it, or null when they take it. */
  notFollowed: string | null;
}

export interface Discovery {
  location: string;
  follow: Follow;
  pageUrl?: string;
  pages: { url: string; number: number; encoding: string; links: DiscoveredLink[]; next: string | null }[];
}

export async function discover(
  location: string,
  settings: Pick<ListingConfig, 'follow' | 'pages' | 'pageUrl'>,
  http: HttpConfig = HTTP_DEFAULTS,
  httpDeps: HttpDeps = defaultHttpDeps,
): Promise<Discovery> {
  const walked = await walkListing(location, settings, async (url) => {
    const f = await fetchLocation(url, null, http, httpDeps);
    return { bytes: f.bytes, contentType: f.contentType, fresh: true };
  });
  return {
    location,
    follow: settings.follow,
    pageUrl: settings.pageUrl,
    pages: walked.map((p) => ({
      url: p.url,
      number: p.number,
      encoding: p.encoding,
      links: p.links.map((l) => ({ ...l, notFollowed: whyNotFollowed(l, settings.follow) })),
      next: p.next,
    })),
  };
}

/** The discovery as text: per page the links taken (date, title, URL), a count or list of the rest, and a config entry. */
export function describeDiscovery(d: Discovery, opts: { all?: boolean; adapter?: string } = {}): string {
  const lines: string[] = [];
  let taken = 0;
  for (const p of d.pages) {
    const followed = p.links.filter((l) => !l.notFollowed);
    const left = p.links.filter((l) => l.notFollowed);
    taken += followed.length;
    lines.push(`page ${p.number}  ${p.url} (${p.encoding}): ${p.links.length} links, ${followed.length} followed`);
    for (const l of followed) lines.push(`  ${l.date ?? 'undated   '}  ${l.title}`, `              ${l.url}`);
    if (left.length && opts.all) {
      lines.push('  not followed:');
      for (const l of left) lines.push(`    ${l.title}  ${l.url}`, `      ${l.notFollowed}`);
    } else if (left.length) lines.push(`  not followed: ${left.length} (--all lists them with the reason)`);
    if (p.next) lines.push(`  next page: ${p.next}`);
  }
  lines.push('', `${taken} link${taken === 1 ? '' : 's'} followed on ${d.pages.length} listing page${d.pages.length === 1 ? '' : 's'}. As a source in the config:`, '');
  const settings: Record<string, unknown> = { adapter: opts.adapter ?? 'release-prose' };
  if (Object.keys(d.follow).length) settings.follow = d.follow;
  if (d.pages.length > 1) settings.pages = d.pages.length;
  if (d.pageUrl) settings.pageUrl = d.pageUrl;
  const entry = [{ name: 'a-listing', adapter: 'listing', location: d.location, provenance: '(who publishes it)', settings }];
  lines.push(
    stringify({ sources: entry }, { flowCollectionPadding: false })
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  return lines.join('\n');
}
