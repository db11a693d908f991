// Loads a listing source: walks the publisher's listing pages (each a conditional request), keeps
// the links it follows in the warehouse, and loads each link not read before (or shown with a new
// date) as a source of its own through loadSource: its own URL and snapshot, the listing's
// provenance, the date beside the link as its publication date. A page that fails fails alone.
import { createHash } from 'node:crypto';
import { blobValue } from '@duckdb/node-api';
import type { SourceConfig } from '../config.ts';
import { ConfigError, SnapshotError } from '../errors.ts';
import { fetchLocation, type Fetched } from '../sources/fetch.ts';
import { ListingSettings, whyNotFollowed } from '../sources/listing.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { loadSource, type LoadDeps, type LoadOutcome } from './load-source.ts';
import { walkListing, type ReadListingPage } from './walk-listing.ts';

/** What became of one page the listing links to. */
export interface PageOutcome {
  url: string;
  title: string;
  /** The date beside the link. */
  date: string | null;
  /** loaded: new rows; unchanged: read again (new date) but the same page; mirror: the same bytes as another page, not loaded again. */
  status: 'loaded' | 'unchanged' | 'mirror' | 'failed';
  counts: LoadOutcome['counts'];
  mirrorOf?: string;
  error?: string;
}

export interface ListingOutcome extends LoadOutcome {
  kind: 'listing';
  /** Each listing page read, and whether it changed since the last run. */
  listingPages: { url: string; fresh: boolean }[];
  /** The links followed on the listing, all pages together. */
  followed: number;
  /** The pages read this run (new links, and links shown with a new date). */
  pages: PageOutcome[];
  /** Links to read that wait for the next run (maxNewPages). */
  waiting: number;
}

interface StoredPage {
  sha256: string;
  content: Uint8Array;
  content_type: string | null;
  etag: string | null;
  last_modified: string | null;
}

interface DueLink {
  url: string;
  title: string;
  listed_date: string | null;
  state: 'new' | 'changed';
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const NONE = { rankings: 0, observations: 0, firms: 0, quarantined: 0 };

export const isListing = (source: Pick<SourceConfig, 'adapter'>) => source.adapter === 'listing';

export async function loadListing(wh: Warehouse, source: SourceConfig, deps: LoadDeps): Promise<ListingOutcome> {
  if (!/^https?:\/\//.test(source.location)) {
    throw new ConfigError(`source "${source.name}": a listing's location must be an http(s) URL, not ${source.location}`);
  }
  const settings = ListingSettings.parse(source.settings);
  const now = () => deps.now().toISOString();

  // Each listing page: conditional on the stored one; on a 304 the stored bytes are read again,
  // so a change of `follow` in the config takes effect without asking the site.
  const read: ReadListingPage = async (url, number) => {
    const [stored] = await wh.allFile<StoredPage>('queries/listing_page', { listing: source.name, location: url });
    const prior = stored ? { etag: stored.etag, lastModified: stored.last_modified } : null;
    const fetched = await fetchLocation(url, prior, deps.http, deps.httpDeps);
    const kept = fetched.notModified && stored ? { ...fetched, bytes: stored.content, contentType: stored.content_type } : fetched;
    const hash = fetched.notModified && stored ? stored.sha256 : sha256(fetched.bytes);
    await wh.execFile('statements/upsert_listing_page', {
      listing: source.name,
      location: url,
      page_number: number,
      checked_at: now(),
      sha256: hash,
      content: blobValue(kept.bytes),
      content_type: kept.contentType,
      etag: fetched.etag,
      last_modified: fetched.lastModified,
    });
    return { bytes: kept.bytes, contentType: kept.contentType, fresh: hash !== stored?.sha256 };
  };
  const walked = await walkListing(source.location, settings, read);

  let followed = 0;
  for (const page of walked) {
    for (const link of page.links) {
      if (whyNotFollowed(link, settings.follow)) continue;
      followed++;
      await wh.execFile('statements/see_listing_link', {
        listing: source.name,
        url: link.url,
        title: link.title,
        listed_date: link.date,
        seen_at: now(),
        fresh: page.fresh,
      });
    }
  }

  const due = await wh.allFile<DueLink>('queries/listing_due', { listing: source.name });
  const pages: PageOutcome[] = [];
  for (const link of due.slice(0, settings.maxNewPages)) pages.push(await loadLinkedPage(wh, source, settings, link, deps));
  // loadSource records each page under the listing's name with the page's adapter; put the listing's own row back.
  await wh.execFile('statements/upsert_source', { name: source.name, adapter: source.adapter, location: source.location, provenance: source.provenance });

  const counts = { ...NONE };
  for (const p of pages) for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += p.counts[k];
  return {
    kind: 'listing',
    source: source.name,
    status: pages.some((p) => p.status === 'loaded') ? 'loaded' : 'unchanged',
    snapshotId: null,
    counts,
    listingPages: walked.map((p) => ({ url: p.url, fresh: p.fresh })),
    followed,
    pages,
    waiting: Math.max(0, due.length - settings.maxNewPages),
  };
}

/** Reads one linked page: skipped as a mirror when its bytes are already loaded from another URL, else loaded by loadSource. */
async function loadLinkedPage(
  wh: Warehouse,
  listing: SourceConfig,
  settings: ReturnType<typeof ListingSettings.parse>,
  link: DueLink,
  deps: LoadDeps,
): Promise<PageOutcome> {
  const page: SourceConfig = {
    name: listing.name,
    adapter: settings.adapter,
    location: link.url,
    provenance: listing.provenance,
    published: link.listed_date ?? listing.published,
    city: listing.city,
    enabled: true,
    settings: settings.settings,
  };
  const base = { url: link.url, title: link.title, date: link.listed_date, counts: { ...NONE } };
  const mark = (state: string, extra: { snapshot_id?: number | null; mirror_of?: string | null; error?: string | null } = {}) =>
    wh.execFile('statements/mark_listing_link', {
      listing: listing.name,
      url: link.url,
      state,
      tried_at: deps.now().toISOString(),
      snapshot_id: extra.snapshot_id ?? null,
      mirror_of: extra.mirror_of ?? null,
      error: extra.error ?? null,
    });
  try {
    // Read once here (conditionally, as loadSource would), so the bytes can be compared with other pages first.
    const [last] = await wh.allFile<{ etag: string | null; last_modified: string | null }>('statements/last_loaded_snapshot', {
      source: page.name,
      location: page.location,
    });
    const fetched = await fetchLocation(page.location, last ? { etag: last.etag, lastModified: last.last_modified } : null, deps.http, deps.httpDeps);
    if (!fetched.notModified) {
      const [twin] = await wh.allFile<{ location: string }>('queries/snapshot_with_sha', { sha256: sha256(fetched.bytes), location: page.location });
      if (twin) {
        await mark('mirror', { mirror_of: twin.location });
        return { ...base, status: 'mirror', mirrorOf: twin.location };
      }
    }
    const handOver = async (): Promise<Fetched> => fetched;
    const outcome = await loadSource(wh, page, { ...deps, fetchLocation: handOver });
    await mark('loaded', { snapshot_id: outcome.snapshotId });
    return { ...base, status: outcome.status, counts: outcome.counts };
  } catch (err) {
    const error = describeFailure(err as Error);
    await mark('failed', { error });
    return { ...base, status: 'failed', error };
  }
}

/** Why a linked page failed; a page the site no longer has is the listing's dead link, not the config's. */
function describeFailure(err: Error): string {
  if (err instanceof SnapshotError && /^HTTP 4\d\d/.test(err.detail)) {
    return `${err.location}: ${err.detail} (a dead link on the listing: it is tried again when the listing page that shows it changes)`;
  }
  return err.message;
}
