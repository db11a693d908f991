// Parses one saved page (or URL) with the adapters of its kind, without touching the
// warehouse: how a user checks a new source before adding it to the config.
import { readFile } from 'node:fs/promises';
import type { RankingListConfig } from './config.ts';
import { ConfigError, SnapshotError } from './errors.ts';
import { lookupPlace, userPlace } from './geo/places.ts';
import { decodeBody } from './sources/decode.ts';
import { fetchLocation } from './sources/fetch.ts';
import { indicatorById } from './sources/indicators.ts';
import { loadAdapter } from './sources/registry.ts';
import type { FlaggedRow, ParseResult } from './types.ts';

export const KINDS = {
  ranking: ['ranking-html-table', 'ranking-text-table', 'ranking-prose'],
  release: ['release-prose'],
} as const;
export type Kind = keyof typeof KINDS;

export interface ExtractOptions {
  kind?: Kind;
  published?: string;
  /** What "全市" means on the page. */
  city: string;
  /** True when no one gave the city (--city): it then stands only for a page that names it. */
  cityAssumed?: boolean;
  /** The ranking list's id and year, where the page does not say. */
  list: string;
  year?: number;
  /** The config's own ranking lists, beside data/reference/ranking-lists.csv. */
  rankingLists?: readonly RankingListConfig[];
}

/** The JSON document `extract --json` prints: every field spelled out. */
export interface ExtractDocument {
  location: string;
  adapter: string | null;
  encoding: string;
  observations: {
    geo: string;
    geoZh: string | null;
    indicator: { id: string; nameEn: string | null; nameZh: string | null };
    /** year is null when the page gives none: such a figure is shown here, flagged, and never loaded. */
    period: { year: number | null; monthFrom: number; monthTo: number };
    measure: string;
    value: number;
    unit: string;
    comparisonGroup: string | null;
    yearSource: string | null;
    quote: string | null;
    offset: number | null;
    /** False for a figure read but not loadable as it stands; `problem` says why. */
    loadable: boolean;
    problem: string | null;
  }[];
  /** Each row names one city, in its own fields only; the words it was read from are in rankingWords, at its offset. */
  rankings: {
    list: string; year: number; rank: number; city: string; cityZh: string; province: string | null; score: number | null;
    yearSource: string | null; offset: number | null; tied: boolean;
  }[];
  /**
   * The words the rankings were read from (a table's line, or a sentence naming several cities),
   * each once, in the page's order, with the ranks read from them. Apart from the rows: a row that
   * carried a sentence naming 合肥 would read as 合肥's to anyone matching rows by name.
   */
  rankingWords: { offset: number | null; quote: string; ranks: number[] }[];
  flagged: FlaggedRow[];
  /** Adapters tried that found nothing, and why. */
  tried: { adapter: string; error: string }[];
}

// Rows that load count first: an adapter that only flags a page's words must not beat one that reads its table.
const better = (a: ParseResult, b: ParseResult): boolean => {
  const rows = (r: ParseResult) => r.observations.length + r.rankings.length;
  return rows(a) !== rows(b) ? rows(a) > rows(b) : a.flagged.length > b.flagged.length;
};

export async function extract(location: string, opts: ExtractOptions): Promise<ExtractDocument> {
  const fetched = /^https?:\/\//.test(location)
    ? await fetchLocation(location, null)
    : { bytes: await readFile(location), contentType: null };
  const { text, encoding } = decodeBody(fetched.bytes, fetched.contentType);
  const kinds = opts.kind ? [...KINDS[opts.kind]] : [...KINDS.release, ...KINDS.ranking];
  const tried: ExtractDocument['tried'] = [];
  let best: { adapter: string; result: ParseResult } | null = null;
  for (const kind of kinds) {
    const adapter = await loadAdapter(kind);
    try {
      const result = await adapter.parse(text, {
        source: 'extract',
        location,
        published: opts.published ?? null,
        defaultPlace: userPlace(opts.city),
        defaultPlaceAssumed: opts.cityAssumed ? 'unchosen' : undefined,
        lookupPlace,
        rankingLists: opts.rankingLists ?? [],
        settings: { list: opts.list, ...(opts.year ? { year: opts.year } : {}), ...(opts.published ? { published: opts.published } : {}) },
        raw: fetched.bytes,
      });
      if (!best || better(result, best.result)) best = { adapter: kind, result };
    } catch (err) {
      // A page an adapter cannot read (or settings it refuses) means: try the next kind.
      if (!(err instanceof SnapshotError || err instanceof ConfigError)) throw err;
      tried.push({ adapter: kind, error: err.message });
    }
  }
  const result = best?.result;
  return {
    location,
    adapter: best?.adapter ?? null,
    encoding,
    observations: [
      ...(result?.observations ?? []).map((o) => ({ o, problem: null as string | null })),
      ...(result?.flagged ?? []).flatMap((f) => (f.observation ? [{ o: f.observation, problem: f.reason }] : [])),
    ].map(({ o, problem }) => {
      const ind = indicatorById(o.indicator);
      return {
        geo: o.geo,
        geoZh: o.geoZh,
        indicator: { id: o.indicator, nameEn: ind?.nameEn ?? null, nameZh: ind?.nameZh ?? null },
        period: { year: o.periodYear, monthFrom: o.monthFrom, monthTo: o.monthTo },
        measure: o.measure,
        value: o.value,
        unit: o.unit,
        comparisonGroup: o.comparisonGroup,
        yearSource: o.yearSource ?? null,
        quote: o.quote ?? null,
        offset: o.offset ?? null,
        loadable: problem == null,
        problem,
      };
    }),
    rankings: (result?.rankings ?? []).map(({ quote: _words, ...r }) => ({
      ...r,
      yearSource: r.yearSource ?? null,
      offset: r.offset ?? null,
      tied: r.tied ?? false,
    })),
    rankingWords: wordsOfRankings(result?.rankings ?? []),
    flagged: result?.flagged ?? [],
    tried,
  };
}

/** The distinct words of the rows (same offset, same words), in order of first use, with their ranks. */
function wordsOfRankings(rows: ParseResult['rankings']): ExtractDocument['rankingWords'] {
  const byKey = new Map<string, ExtractDocument['rankingWords'][number]>();
  for (const r of rows) {
    if (r.quote == null) continue;
    const key = `${r.offset ?? ''}\u0000${r.quote}`;
    const entry = byKey.get(key) ?? { offset: r.offset ?? null, quote: r.quote, ranks: [] };
    if (!entry.ranks.includes(r.rank)) entry.ranks.push(r.rank);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** The document as lines for a person. */
export function describe(doc: ExtractDocument): string {
  const lines: string[] = [];
  if (!doc.adapter) {
    lines.push(`${doc.location}: nothing found`);
    for (const t of doc.tried) lines.push(`  ${t.adapter}: ${t.error}`);
    return lines.join('\n');
  }
  lines.push(`${doc.location} (${doc.encoding}), read as ${doc.adapter}:`);
  if (doc.rankings.length) {
    lines.push(`rankings (${doc.rankings.length}):`);
    for (const r of doc.rankings) {
      lines.push(`  ${r.list} ${r.year}  #${r.rank}${r.tied ? ' (tied)' : ''}  ${r.city} ${r.cityZh}${r.province ? `, ${r.province}` : ''}${r.score != null ? `  score ${r.score}` : ''}`);
    }
    // Scores are what the order of ranks is checked against: without them, that check did not run.
    if (doc.rankings.every((r) => r.score == null)) lines.push('  (no scores on the page: the order of ranks was not checked against scores)');
  }
  if (doc.observations.length) {
    lines.push(`observations (${doc.observations.length}):`);
    for (const o of doc.observations) {
      const months = o.period.monthFrom === o.period.monthTo ? `${o.period.monthTo}` : `${o.period.monthFrom}-${o.period.monthTo}`;
      lines.push(
        `  ${o.geo}  ${o.indicator.nameZh ?? o.indicator.id} (${o.indicator.nameEn ?? o.indicator.id})  ${o.period.year ?? 'year?'} months ${months}  ${o.measure} = ${o.value} ${o.unit}` +
          (o.loadable ? '' : `  (not loadable: ${o.problem})`),
      );
    }
  }
  lines.push(doc.flagged.length ? `flagged (${doc.flagged.length}):` : 'flagged: none');
  for (const f of doc.flagged) lines.push(`  ${f.row != null ? `line ${f.row}: ` : ''}${f.reason}\n      ${f.raw}`);
  return lines.join('\n');
}
