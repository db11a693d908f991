// Synthetic data for the bench, in the layouts `adapter: table-csv` reads: a history of any
// depth (years of ranking lists, months of releases, cities) and a large observations CSV.
// The figures are made up and deterministic: they exercise the pipeline and say nothing about
// any city. Only the gazetteer of the checkout under test is read (no project code is
// imported), so the same generator serves the before checkout.
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export const MAIN_LIST = 'ccid-top100-advanced-manufacturing-cities';

/** The header rows of the observations and firms CSVs the generators write. */
export const OBSERVATION_COLUMNS = ['geo', 'indicator', 'period_year', 'month_from', 'month_to', 'measure', 'value', 'unit', 'comparison_group'] as const;
export const FIRM_COLUMNS = ['city', 'role', 'cluster', 'cluster_zh', 'firm', 'firm_zh'] as const;

/** The clusters a synthetic city's leading firms belong to (English, Chinese). */
export const CLUSTERS = [
  ['Electronic information', '电子信息'],
  ['High-end equipment', '高端装备'],
  ['New energy vehicles', '新能源汽车'],
  ['Biomedicine', '生物医药'],
] as const;
/** The config's edition.peers, drawn beside the city: they get statistics first. */
const PEERS = ['Chengdu', 'Chongqing', 'Wuhan', 'Zhengzhou', 'Changsha', 'Hefei'];

interface GazetteerCity {
  kind: string;
  short_zh: string;
  name_en: string;
  province_zh: string;
}

/** Cities and municipalities whose short name no other entry shares: Xi'an, the peers, then the rest in file order. */
export function gazetteerCities(root: string): GazetteerCity[] {
  const all = parse(readFileSync(join(root, 'data', 'reference', 'cities.csv'), 'utf8'), { columns: true }) as GazetteerCity[];
  const seen = new Map<string, number>();
  for (const c of all) seen.set(c.short_zh, (seen.get(c.short_zh) ?? 0) + 1);
  const usable = all.filter((c) => (c.kind === 'city' || c.kind === 'municipality') && seen.get(c.short_zh) === 1);
  const first = ["Xi'an", ...PEERS].map((n) => usable.find((c) => c.name_en === n)!).filter(Boolean);
  return [...first, ...usable.filter((c) => !first.includes(c))];
}

/** A small deterministic generator (mulberry32): the same seed gives the same files. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface HistoryShape {
  /** Cities with statistics and firms (Xi'an and the peers first). */
  cities: number;
  /** Ranking lists: the edition's, then others (configured under rankingLists). */
  lists: number;
  /** Years of each list, ending 2022. */
  listYears: number;
  /** Cities ranked each year (default 100, as the list ranks): the first of the cities. */
  ranked?: number;
  /** Months of releases per city, ending September 2022 (cumulative periods 1-m of each year). */
  months: number;
}

/** The shape of 1×, 10× and 100× the history: each step about ten times the rows. */
export function historyAt(scale: 1 | 10 | 100): HistoryShape {
  if (scale === 1) return { cities: 7, lists: 1, listYears: 5, months: 24 };
  if (scale === 10) return { cities: 7, lists: 1, listYears: 50, months: 240 };
  return { cities: 70, lists: 10, listYears: 50, months: 240 };
}

const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map((v) => (v == null ? '' : String(v))).join(',')).join('\n') + '\n';

export interface Written {
  /** The config's `sources:` for the files written. */
  sources: Record<string, unknown>[];
  /** The config's `rankingLists:` for the lists beyond the edition's. */
  rankingLists: Record<string, unknown>[];
  rows: { rankings: number; observations: number; firms: number };
}

/** Writes rankings.csv, observations.csv and firms.csv of this shape into dir. */
export function writeHistory(root: string, dir: string, shape: HistoryShape, seed = 1): Written {
  const rnd = random(seed);
  const between = (lo: number, hi: number, digits = 1) => Number((lo + rnd() * (hi - lo)).toFixed(digits));
  const gaz = gazetteerCities(root);
  const needed = Math.max(shape.cities, shape.ranked ?? 100);
  if (gaz.length < needed) throw new Error(`the gazetteer has ${gaz.length} usable cities, fewer than ${needed}`);
  const ranked = gaz.slice(0, shape.ranked ?? 100);
  const lists = Array.from({ length: shape.lists }, (_, i) => (i === 0 ? MAIN_LIST : `bench-list-${i + 1}`));
  const rankings: (string | number | null)[][] = [['list', 'year', 'rank', 'city', 'province', 'score']];
  for (const list of lists) {
    for (let year = 2022 - shape.listYears + 1; year <= 2022; year++) {
      const order = ranked.map((c) => ({ c, k: rnd() })).sort((a, b) => a.k - b.k);
      order.forEach(({ c }, i) => rankings.push([list, year, i + 1, c.short_zh, c.province_zh, (100 - i * 0.5).toFixed(1)]));
    }
  }
  const observations: (string | number | null)[][] = [[...OBSERVATION_COLUMNS]];
  const firms: (string | number | null)[][] = [[...FIRM_COLUMNS]];
  for (const [i, c] of gaz.slice(0, shape.cities).entries()) {
    // Months ending September 2022, oldest first; each a cumulative period 1-m of its year.
    for (let back = shape.months - 1; back >= 0; back--) {
      const index = 2022 * 12 + 8 - back;
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      observations.push([c.short_zh, 'industrial_value_added', year, 1, month, 'yoy_pct', between(-3, 15), '%', null]);
      observations.push([c.short_zh, 'advanced_manufacturing_project_investment', year, 1, month, 'yoy_pct', between(-5, 25), '%', null]);
      observations.push([c.short_zh, 'advanced_manufacturing_project_investment', year, 1, month, 'plan_share_pct', between(5, 110, 2), '%', null]);
      observations.push([c.short_zh, 'advanced_manufacturing_project_investment', year, 1, month, 'count', 50 + Math.floor(rnd() * 250), 'projects', null]);
    }
    for (const [k, [cluster, clusterZh]] of [CLUSTERS[i % 4]!, CLUSTERS[(i + 1) % 4]!].entries()) {
      for (const m of [1, 2]) firms.push([c.short_zh, 'cluster_leader', cluster, clusterZh, `Firm ${i + 1}-${k + 1}${m}`, null]);
    }
  }
  writeFileSync(join(dir, 'rankings.csv'), csv(rankings));
  writeFileSync(join(dir, 'observations.csv'), csv(observations));
  writeFileSync(join(dir, 'firms.csv'), csv(firms));
  const source = (name: string, table: string) => ({
    name: `synthetic-${name}`,
    adapter: 'table-csv',
    location: join(dir, `${name}.csv`),
    provenance: `Synthetic ${name} (bench/lib/synthetic.ts): made-up figures`,
    settings: { table },
  });
  return {
    sources: [source('rankings', 'rankings'), source('observations', 'observations'), source('firms', 'firms')],
    rankingLists: lists.slice(1).map((id) => ({ id, unit: 'city', name: `Bench list ${id}`, aliases: [] })),
    rows: { rankings: rankings.length - 1, observations: observations.length - 1, firms: firms.length - 1 },
  };
}

/**
 * Writes `rows` distinct observation rows (city × indicator × year × month × measure) to path,
 * every place one the gazetteer knows, every value plausible, so a load keeps them all.
 */
export async function writeObservationsCsv(root: string, path: string, rows: number): Promise<void> {
  const places = gazetteerCities(root).map((c) => c.short_zh);
  const indicators = (parse(readFileSync(join(root, 'data', 'reference', 'indicators.csv'), 'utf8'), { columns: true }) as { id: string; unit: string }[]).filter(
    (r) => r.id !== 'top100_cities_count',
  );
  const YEARS = 26; // 2000..2025
  const capacity = 2 * 12 * YEARS * indicators.length * places.length;
  if (rows > capacity) throw new Error(`at most ${capacity} distinct observation rows`);
  const out = createWriteStream(path);
  out.write('geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group\n');
  const CHUNK = 20_000;
  for (let start = 0; start < rows; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + CHUNK); i++) {
      let k = i;
      const level = k % 2 === 0;
      k = Math.floor(k / 2);
      const month = (k % 12) + 1;
      k = Math.floor(k / 12);
      const year = 2000 + (k % YEARS);
      k = Math.floor(k / YEARS);
      const ind = indicators[k % indicators.length]!;
      const geo = places[Math.floor(k / indicators.length)]!;
      const h = Math.imul(i + 1, 2654435761) >>> 0;
      lines.push(
        level
          ? `${geo},${ind.id},${year},1,${month},level,${((h % 10_000_000) / 100).toFixed(2)},${ind.unit},`
          : `${geo},${ind.id},${year},1,${month},yoy_pct,${(((h % 6000) - 2000) / 100).toFixed(1)},%,`,
      );
    }
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
