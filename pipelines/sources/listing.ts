// Adapter for a publisher's listing page (a "statistical releases" or news column): the links it
// lists, newest first, each with its title and the date printed beside it, and its "next page" link.
// A listing holds links, not figures: the walking and the loading of the pages it links to are
// load/load-listing.ts's job; this file only reads one listing page and says which links to take.
import * as cheerio from 'cheerio';
import { z } from 'zod';
import { emptyParseResult } from '../types.ts';
import type { SourceAdapter } from './contract.ts';

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-01-31');

const isRegex = (p: string) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
};
const REGEX = z.string().min(1).refine(isRegex, 'not a valid regular expression');

/** Which links of a listing to take; every criterion given must hold. */
export const FollowSettings = z
  .object({
    /** Words of which the link's title must hold at least one (e.g. 经济运行, 规模以上工业). */
    words: z.array(z.string().min(1)).min(1).optional(),
    /** A regular expression the link's title must match. */
    title: REGEX.optional(),
    /** A regular expression the link's absolute URL must match. */
    url: REGEX.optional(),
    /** Only links dated on or after this day (links with no date beside them are then left out). */
    since: DATE.optional(),
    /** Only links dated on or before this day. */
    until: DATE.optional(),
  })
  .strict();
export type Follow = z.infer<typeof FollowSettings>;

/** The settings of a listing source. */
export const ListingSettings = z
  .object({
    follow: FollowSettings.default({}),
    /** The adapter that reads each page the listing links to (not `listing`). */
    adapter: z.string().min(1).refine((a) => a !== 'listing', 'a listing cannot link to listings'),
    /** That adapter's settings, checked like any source's. */
    settings: z.record(z.string(), z.unknown()).default({}),
    /** How many listing pages to walk, from the first. */
    pages: z.number().int().min(1).max(50).default(1),
    /**
     * The URL of the listing's later pages, when the page has no "next page" (下一页) link to follow:
     * {page} is the page's number (2 for the second page), {index} counts from 1 at the second page
     * (index_1.html, index_2.html, ... as many government sites do).
     */
    pageUrl: z
      .string()
      .regex(/\{(page|index)\}/, 'must hold {page} or {index}')
      .optional(),
    /** At most this many pages the listing links to are fetched in one run; the rest wait for the next. */
    maxNewPages: z.number().int().min(1).default(10),
  })
  .strict();
export type ListingConfig = z.infer<typeof ListingSettings>;

/** One link on a listing page. */
export interface ListedLink {
  /** Absolute, without its #fragment. */
  url: string;
  /** The link's title attribute (sites put the whole title there when the text is cut short), else its text. */
  title: string;
  /** The date printed beside the link (YYYY-MM-DD), when there is one. */
  date: string | null;
}

export interface ListingPage {
  links: ListedLink[];
  /** The absolute URL of the page's own "next page" link. */
  next: string | null;
}

const NEXT = /^(?:下一页|下页|后页|next(?: page)?|›|»|>)$/i;
// Navigation that is never an entry of the listing.
const NAVIGATION = /^(?:上一页|上页|前页|首页|尾页|末页|下一页|下页|后页|previous|prev|next(?: page)?|first|last|[‹›«»<>]|\d+)$/i;
const DATES = [
  /(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})/,
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/,
];
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The first full date (2024-03-19, 2024/3/19, 2024.03.19, 2024年3月19日) in a text, as YYYY-MM-DD. */
export function dateIn(text: string): string | null {
  for (const re of DATES) {
    const m = text.match(re);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo < 1 || mo > 12 || d < 1 || d > 31) continue;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

const resolveUrl = (href: string, base: string): string | null => {
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
};

/**
 * Reads one listing page: its links (relative ones resolved against `<base href>` or the page's
 * URL) with their titles and dates, and its "next page" link. The date is looked for in the
 * link's row (its li, tr, dd or p, else its parent), outside the link's own text first.
 */
export function readListing(html: string, pageUrl: string): ListingPage {
  const $ = cheerio.load(html);
  const baseHref = $('base[href]').first().attr('href');
  const base = (baseHref && resolveUrl(baseHref, pageUrl)) || pageUrl;
  const links: ListedLink[] = [];
  const seen = new Set<string>();
  let next: string | null = null;
  $('a[href]').each((_, el) => {
    const a = $(el);
    const href = (a.attr('href') ?? '').trim();
    if (!href || href.startsWith('#') || /^(?:javascript|mailto|tel):/i.test(href)) return;
    const url = resolveUrl(href, base);
    if (!url) return;
    const text = squash(a.text());
    if (NEXT.test(text) || NEXT.test(squash(a.attr('title') ?? ''))) {
      next ??= url;
      return;
    }
    if (NAVIGATION.test(text)) return;
    const title = squash(a.attr('title') ?? '') || text;
    if (!title || seen.has(url)) return;
    seen.add(url);
    const row = a.closest('li, tr, dd, p').first();
    const around = row.length ? row : a.parent();
    const beside = squash(around.text()).replace(text, ' ');
    links.push({ url, title, date: dateIn(beside) ?? dateIn(text) });
  });
  return { links, next };
}

/** Why a link is not taken, or null when it is. */
export function whyNotFollowed(link: ListedLink, follow: Follow): string | null {
  const anyRule = follow.words || follow.title || follow.url || follow.since || follow.until;
  if (!anyRule && !link.date) return 'no date beside it (give follow.words, title or url to take undated links)';
  if (follow.words && !follow.words.some((w) => link.title.includes(w))) return `title holds none of ${follow.words.join(', ')}`;
  if (follow.title && !new RegExp(follow.title).test(link.title)) return `title does not match /${follow.title}/`;
  if (follow.url && !new RegExp(follow.url).test(link.url)) return `URL does not match /${follow.url}/`;
  if ((follow.since || follow.until) && !link.date) return 'no date beside it';
  if (follow.since && link.date! < follow.since) return `dated before ${follow.since}`;
  if (follow.until && link.date! > follow.until) return `dated after ${follow.until}`;
  return null;
}

/** The URL of the listing's page `n` (2, 3, ...) from the pageUrl template. */
export function pageUrlOf(template: string, n: number, base: string): string {
  const url = template.replaceAll('{page}', String(n)).replaceAll('{index}', String(n - 1));
  return resolveUrl(url, base) ?? url;
}

const listing: SourceAdapter = {
  kind: 'listing',
  version: 1,
  feeds: [],
  settings: ListingSettings,
  linksTo: (settings) => {
    const s = ListingSettings.parse(settings);
    return { adapter: s.adapter, settings: s.settings };
  },
  // The pages a listing links to hold the figures; the listing page itself gives no rows.
  parse: () => emptyParseResult(),
};

export default listing;
