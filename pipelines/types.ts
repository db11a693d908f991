// The rows that every source adapter produces and every loader consumes.

/** How an observation measures its indicator. */
export const MEASURES = [
  'level', // an amount (100 million yuan, count of projects, ...)
  'yoy_pct', // year-on-year change, in percent
  'plan_share_pct', // share of the annual plan reached, in percent
  'count', // a count of things (cities on a list, projects)
  'peer_rank', // the place among a named group of peers (comparison_group)
  'rank_over_years', // the place of this period among the same period of other years (comparison_group)
] as const;
export type Measure = (typeof MEASURES)[number];

/** One figure read from a page: "Xi'an, industrial value added, 2022 months 1-6, yoy %, 11". */
export interface ObservationRow {
  /** The place's key: its division code ("610100"), or a region's id ("west"). */
  geoCode: string;
  /** Canonical English name of the place (gazetteer), e.g. "Xi'an", or a region such as "western China": a label. */
  geo: string;
  geoZh: string | null;
  /** Id from the indicator vocabulary (data/reference/indicators.csv). */
  indicator: string;
  periodYear: number;
  /** First and last month covered: 1..6 for 上半年, 1..9 for 前三季度 or 截至9月底, 1..12 for 全年. */
  monthFrom: number;
  monthTo: number;
  measure: Measure;
  value: number;
  unit: string;
  /** For peer_rank / rank_over_years: who or what the place is compared with. */
  comparisonGroup: string | null;
  /** Where the year came from: the figure's own clause, the page's dateline, title or URL, the configured date, or a table column. */
  yearSource?: YearSource | null;
  /** The words the figure was read from, and where they stand in the snapshot's text (a character offset). */
  quote?: string | null;
  offset?: number | null;
}

export const YEAR_SOURCES = ['text', 'dateline', 'title', 'url', 'published', 'column', 'settings'] as const;
export type YearSource = (typeof YEAR_SOURCES)[number];

/** One line of a ranking list. */
export interface RankingRow {
  /** Id of the list, e.g. "ccid-top100-advanced-manufacturing-cities". */
  list: string;
  year: number;
  rank: number;
  /** The place's key: its division code, "610100" for Xi'an (six digits for counties and districts too). */
  cityCode: string;
  /** Canonical English name from the gazetteer, e.g. "Xi'an": a label. */
  city: string;
  cityZh: string;
  province: string | null;
  score: number | null;
  /** Where the list's year came from (the page, the configured year). */
  yearSource?: YearSource | null;
  /** The words the row was read from, and where they stand in the snapshot's text (a character offset). */
  quote?: string | null;
  offset?: number | null;
  /** The rank is shared with another place (并列). */
  tied?: boolean;
}

/** A firm named by the analysis: a cluster's leading firm, or a peer city's giant. */
export interface FirmRow {
  /** The city's division code: the key. */
  cityCode: string;
  city: string;
  cityZh: string;
  role: 'cluster_leader' | 'peer_giant';
  cluster: string | null;
  clusterZh: string | null;
  firm: string;
  firmZh: string | null;
}

/** A row that was read but not loaded, with why. */
export interface FlaggedRow {
  /** 1-based line or row number in the snapshot where known. */
  row: number | null;
  /** The row as read. */
  raw: string;
  reason: string;
  /** A figure that was read but cannot be loaded as it stands (no year): shown by extract, never loaded. */
  observation?: Omit<ObservationRow, 'periodYear'> & { periodYear: number | null };
}

/** What parsing one snapshot gives. */
export interface ParseResult {
  observations: ObservationRow[];
  rankings: RankingRow[];
  firms: FirmRow[];
  flagged: FlaggedRow[];
}

export const emptyParseResult = (): ParseResult => ({ observations: [], rankings: [], firms: [], flagged: [] });
