// The one contract every source adapter fulfils: it knows one kind of page and turns its body into rows.
// Fetching (HTTP or file) is shared and lives beside it; an adapter only parses.
import type { z } from 'zod';
import type { RankingListConfig } from '../config.ts';
import type { ParseResult } from '../types.ts';

/** A place a sentence or a list can be about, as the gazetteer names it. */
export interface Place {
  /** The key: the six-digit division code (GB/T 2260, "610100"), or an NBS region's id ("west"). */
  code: string;
  name: string; // canonical English, e.g. "Xi'an"
  nameZh: string; // simplified Chinese, e.g. "西安"
  province: string | null;
}

/** What an adapter knows about the snapshot it parses. */
export interface ParseContext {
  /** Name of the source in the config. */
  source: string;
  /** URL or file path of the snapshot, for error messages. */
  location: string;
  /** Publication date of the page (YYYY-MM-DD) when known: gives the year to periods that state none. */
  published: string | null;
  /** The place that "全市" / "本市" refers to on this page. */
  defaultPlace: Place | null;
  /**
   * When no one said the page is defaultPlace's: 'edition-city' for a source with no city (the
   * edition's city stands in: a page that never names it and names places of another province is
   * not given to it), 'unchosen' for extract without --city (a default no one chose: it stands only
   * on a page that names it).
   */
  defaultPlaceAssumed?: 'edition-city' | 'unchosen';
  /** Resolves a place name (any script, with or without 市/省) to the gazetteer's entry. */
  lookupPlace: (name: string) => Place | null;
  /** Per-source settings from the config (list id, year, column map, ...). */
  settings: Record<string, unknown>;
  /** Ranking lists the config adds to data/reference/ranking-lists.csv (the ranking adapters read them). */
  rankingLists?: readonly RankingListConfig[];
  /** The snapshot's bytes before decoding, for binary formats such as XLSX. */
  raw?: Uint8Array;
}

/** One kind of page. */
export interface SourceAdapter {
  /** The name used in the config's `adapter` field. */
  kind: string;
  /**
   * The version of the parser, a whole number from 1. Bump it with any change that can make
   * the same bytes give other rows, other quarantined rows or another error (a new pattern,
   * a fixed misreading, a new check); leave it for changes that cannot (a refactor, a
   * comment, a faster path). Each parse stores the version it used: `run` re-parses an
   * unchanged page whose adapter's version is not the one that parsed it, `xian-report
   * reparse` re-parses every stored page, and a new version counts as a change of the
   * edition's inputs (its fingerprint).
   */
  version: number;
  /** The tables its rows go to. */
  feeds: ReadonlyArray<'rankings' | 'observations' | 'firms'>;
  /** The settings it accepts: checked for every configured source at start, before anything loads. */
  settings: z.ZodType;
  /**
   * For an adapter whose pages only link to the data (a listing): the adapter and settings of the
   * pages it links to, so they are checked at start like any source's.
   */
  linksTo?: (settings: unknown) => { adapter: string; settings: Record<string, unknown> };
  /**
   * Parse one snapshot. Rows that are read but implausible go to `flagged` with a reason;
   * a body that does not have the expected layout throws LayoutError / SnapshotError.
   */
  parse(body: string, ctx: ParseContext): ParseResult | Promise<ParseResult>;
}
