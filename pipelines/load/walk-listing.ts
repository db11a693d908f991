// Walks a listing from its first page: each page read (by the caller's reader, so a load can ask
// conditionally and discover can ask plainly), its links read, then on to the page's own "next
// page" link or the configured pageUrl, up to `pages` pages, never the same page twice.
import { decodeBody, type Encoding } from '../sources/decode.ts';
import { pageUrlOf, readListing, type ListedLink, type ListingConfig } from '../sources/listing.ts';

/** One listing page as read. */
export interface WalkedPage {
  url: string;
  /** 1 for the listing's location. */
  number: number;
  encoding: Encoding;
  /** False when the page is the one read last time (a 304, or the same bytes). */
  fresh: boolean;
  links: ListedLink[];
  /** The next page to read, when the walk goes on. */
  next: string | null;
}

/** Reads the bytes of one listing page. */
export type ReadListingPage = (url: string, number: number) => Promise<{ bytes: Uint8Array; contentType: string | null; fresh: boolean }>;

export async function walkListing(location: string, settings: Pick<ListingConfig, 'pages' | 'pageUrl'>, read: ReadListingPage): Promise<WalkedPage[]> {
  const pages: WalkedPage[] = [];
  const visited = new Set<string>();
  let url: string | null = location;
  for (let n = 1; url && n <= settings.pages && !visited.has(url); n++) {
    visited.add(url);
    const { bytes, contentType, fresh } = await read(url, n);
    const { text, encoding } = decodeBody(bytes, contentType);
    const { links, next } = readListing(text, url);
    const following: string | null = n < settings.pages ? (settings.pageUrl ? pageUrlOf(settings.pageUrl, n + 1, location) : next) : null;
    pages.push({ url, number: n, encoding, fresh, links, next: following });
    url = following;
  }
  return pages;
}
