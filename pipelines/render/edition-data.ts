// Reads what an edition shows from the indicator models, and only from them. The edition's city and
// its peers are selected by their division codes; their names are labels.
import { listValue } from '@duckdb/node-api';
import { editionCity } from '../geo/edition-city.ts';
import { lookupCode, matchCity } from '../geo/gazetteer.ts';
import { readSummaries } from '../warehouse/edition-summaries.ts';
import type { Params, Warehouse } from '../warehouse/warehouse.ts';

export interface TrajectoryRow {
  year: number;
  rank: number | null;
  published: boolean;
  previous_year: number | null;
  previous_rank: number | null;
  change_vs_previous: number | null;
  base_year: number;
  base_rank: number;
  change_vs_base: number | null;
}

export interface GrowthRow {
  geo_code: string | null;
  geo: string;
  geo_zh: string | null;
  indicator: string;
  period_year: number;
  month_from: number;
  month_to: number;
  yoy_pct: number | null;
  level: number | null;
  level_unit: string | null;
  item_count: number | null;
  item_unit: string | null;
  plan_share_pct: number | null;
  peer_rank: number | null;
  peer_group: string | null;
  rank_over_years: number | null;
  years_group: string | null;
}

export interface PlanPaceRow {
  indicator: string;
  period_year: number;
  month_from: number;
  month_to: number;
  plan_share_pct: number;
  year_elapsed_pct: number;
  ahead_of_pace_pct: number;
}

export interface PresenceRow {
  region: string;
  region_zh: string | null;
  list: string;
  year: number;
  cities: number;
}

export interface FirmRow {
  city_code: string | null;
  city: string;
  city_zh: string;
  role: 'cluster_leader' | 'peer_giant';
  cluster: string | null;
  cluster_zh: string | null;
  firm: string;
  firm_zh: string | null;
}

export interface SourceRow {
  snapshot_id: number;
  source: string;
  location: string;
  fetched_at: Date;
  sha256: string;
  published: Date | null;
  provenance: string | null;
  /** The adapter and version that parsed the snapshot (null before a parse). */
  adapter: string | null;
  adapter_version: number | null;
}

/** One observation the edition can state, with the words it was read from. */
export interface FigureRow {
  geo_code: string | null;
  geo: string;
  indicator: string;
  period_year: number;
  month_from: number;
  month_to: number;
  measure: string;
  value: number;
  unit: string;
  comparison_group: string | null;
  snapshot_id: number;
  quote: string | null;
  quote_offset: number | null;
}

/** One row of a ranking list, with its words. */
export interface RankingRow {
  list: string;
  year: number;
  rank: number;
  city_code: string | null;
  city: string;
  city_zh: string;
  province: string | null;
  score: number | null;
  snapshot_id: number;
  quote: string | null;
  quote_offset: number | null;
}

/** The latest period of an indicator beside the same months a year earlier and the release before. */
export interface GrowthComparedRow
  extends Pick<
    GrowthRow,
    'indicator' | 'period_year' | 'month_from' | 'month_to' | 'yoy_pct' | 'level' | 'level_unit' | 'item_count' | 'item_unit' | 'plan_share_pct'
  > {
  previous_year: number | null;
  previous_month_from: number | null;
  previous_month_to: number | null;
  previous_yoy_pct: number | null;
  previous_plan_share_pct: number | null;
  year_before_yoy_pct: number | null;
  year_before_plan_share_pct: number | null;
}

export interface EditionData {
  /** The city's English name (a label; the gazetteer's, whatever the config wrote). */
  city: string;
  cityZh: string | null;
  /** The city's division code: what the queries select by. */
  cityCode: string;
  list: string;
  /** The cities drawn beside the edition's city (config edition.peers). */
  peers: string[];
  /** The peers' division codes, in the order of `peers` (null for a name the gazetteer does not know). */
  peerCodes: (string | null)[];
  figures: FigureRow[];
  rankings: RankingRow[];
  latest: GrowthComparedRow[];
  trajectory: TrajectoryRow[];
  presence: PresenceRow[];
  growth: GrowthRow[];
  planPace: PlanPaceRow[];
  firms: FirmRow[];
  sources: SourceRow[];
  cutoff: { stats_year: number | null; stats_month: number | null; ranking_year: number | null } | null;
}

/** What every city's edition reads alike (the whole list, the sources, the cut-off): `build --all` reads it once. */
export type CommonEditionData = Pick<EditionData, 'rankings' | 'presence' | 'sources' | 'cutoff'>;

export async function readCommonEditionData(wh: Warehouse, list: string): Promise<CommonEditionData> {
  const rankings = await wh.allFile<RankingRow>('queries/edition_rankings', { list });
  const presence = await wh.allFile<PresenceRow>('queries/edition_presence', { list });
  const sources = await wh.allFile<SourceRow>('queries/edition_sources', {});
  const [cutoff] = await wh.allFile<NonNullable<EditionData['cutoff']>>('queries/edition_cutoff', {});
  return { rankings, presence, sources, cutoff: cutoff ?? null };
}

/**
 * Everything an edition about `cityName` (a Chinese or English name, or a division code) reads, from the
 * models only (the same for every language). An unknown or ambiguous name is a ConfigError.
 */
export async function readEditionData(wh: Warehouse, cityName: string, list: string, peers: string[] = [], common?: CommonEditionData): Promise<EditionData> {
  const { code } = editionCity(cityName, 'edition.city');
  return (await readEditionDataOf(wh, [code], list, peers, common)).get(code)!;
}

/**
 * What readEditionData reads, for each of many cities (division codes the gazetteer knows) at
 * once: one query per model, not one per city and model. The models are views over every
 * city, so `build --all` asking city by city computed each of them once per city.
 */
export async function readEditionDataOf(
  wh: Warehouse,
  codes: string[],
  list: string,
  peers: string[] = [],
  common?: CommonEditionData,
): Promise<Map<string, EditionData>> {
  const out = new Map<string, EditionData>();
  if (codes.length === 0) return out;
  const city_codes = listValue(codes);
  const figures = await rowsByCity<FigureRow>(wh, 'queries/edition_figures', { city_codes });
  const latest = await rowsByCity<GrowthComparedRow>(wh, 'queries/edition_growth_compared', { city_codes });
  const trajectory = await rowsByCity<TrajectoryRow>(wh, 'queries/edition_trajectory', { city_codes, list });
  const growth = await rowsByCity<GrowthRow>(wh, 'queries/edition_growth', { city_codes });
  const planPace = await rowsByCity<PlanPaceRow>(wh, 'queries/edition_plan_pace', { city_codes });
  const firms = await rowsByCity<FirmRow>(wh, 'queries/edition_firms', { city_codes });
  const { rankings, presence, sources, cutoff } = common ?? (await readCommonEditionData(wh, list));
  for (const code of codes) {
    const entry = lookupCode(code);
    if (!entry) throw new Error(`readEditionDataOf: ${code} is not a division code of the gazetteer`);
    out.set(code, {
      city: entry.nameEn,
      cityZh: entry.shortZh,
      cityCode: code,
      list,
      ...peersOf(peers, code),
      figures: figures.get(code) ?? [],
      rankings,
      latest: latest.get(code) ?? [],
      trajectory: trajectory.get(code) ?? [],
      presence,
      growth: growth.get(code) ?? [],
      planPace: planPace.get(code) ?? [],
      firms: firms.get(code) ?? [],
      sources,
      cutoff,
    });
  }
  return out;
}

/** The newest edition of a city in a language: what a new build is compared with. */
export type LatestEdition = { id: number; edition_key: string; fingerprint: string; summary: string | null; edition_date: string };

/** The newest edition of each of the cities in each language, keyed by latestKey. */
export async function readLatestEditions(wh: Warehouse, codes: string[]): Promise<Map<string, LatestEdition>> {
  const latest = new Map<string, LatestEdition>();
  if (codes.length === 0) return latest;
  const rows = await wh.allFile<Omit<LatestEdition, 'summary'> & { city_code: string; language: string }>('queries/latest_editions', { city_codes: listValue(codes) });
  const summaries = await readSummaries(wh, rows.map((r) => r.id));
  for (const { city_code, language, ...edition } of rows) latest.set(latestKey(city_code, language), { ...edition, summary: summaries.get(edition.id) ?? null });
  return latest;
}

export const latestKey = (cityCode: string, language: string) => `${cityCode} ${language}`;

/** The rows of a query for many cities, grouped by its first column (`for_city`, dropped), in the query's order. */
async function rowsByCity<T>(wh: Warehouse, query: string, params: Params): Promise<Map<string, T[]>> {
  const byCity = new Map<string, T[]>();
  for (const { for_city, ...row } of await wh.allFile<{ for_city: string }>(query, params)) {
    let rows = byCity.get(for_city);
    if (!rows) byCity.set(for_city, (rows = []));
    rows.push(row as T);
  }
  return byCity;
}

/**
 * The peers other than the city itself, each with its code. An English name two cities share is a
 * usage error, as for the city; a name the gazetteer lacks is kept (it matches no row, as before).
 */
function peersOf(names: string[], cityCode: string): Pick<EditionData, 'peers' | 'peerCodes'> {
  const peers: string[] = [];
  const peerCodes: (string | null)[] = [];
  for (const name of names) {
    const byCode = lookupCode(name);
    const match = byCode ? { entry: byCode } : matchCity(name);
    if (match && 'ambiguous' in match) editionCity(name, 'edition.peers'); // throws, naming the candidates
    const entry = match && 'entry' in match ? match.entry : null;
    if (entry?.code === cityCode) continue;
    peers.push(entry?.nameEn ?? name);
    peerCodes.push(entry?.code ?? null);
  }
  return { peers, peerCodes };
}
