// Counts the analysis makes from a complete ranking list: how many cities of the edition
// city's region are on it, and the city's place among them and among the sub-provincial and
// national central cities. Regions come from the gazetteer, groups from data/reference/city-groups.csv.
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { lookupCity, lookupCode } from '../geo/gazetteer.ts';
import { lookupRegion } from '../geo/regions.ts';
import type { Place } from '../sources/contract.ts';
import type { RankingRow } from './edition-data.ts';
import { listName } from './labels.ts';

const GROUPS_FILE = new URL('../../data/reference/city-groups.csv', import.meta.url);
let groups: Set<string> | null = null;

/** Chinese short names of the sub-provincial and national central cities. */
function groupCities(): Set<string> {
  groups ??= new Set((parseCsv(readFileSync(GROUPS_FILE, 'utf8'), { columns: true }) as { city_zh: string }[]).map((r) => r.city_zh));
  return groups;
}

const shortZh = (nameZh: string) => lookupCity(nameZh)?.shortZh ?? nameZh.replace(/市$/, '');

export interface Standing {
  list: string;
  year: number;
  region: Place;
  /** The rows of the region's cities, best first. */
  regionRows: RankingRow[];
  placeInRegion: number | null;
  groupRows: RankingRow[];
  placeInGroup: number | null;
  /** Any row of the list, to cite the snapshot the count was made from. */
  rows: RankingRow[];
}

/** The newest year of `list` held in full (as many rows as the list's size), or null. */
export function latestCompleteYear(rows: RankingRow[], list: string): number | null {
  const size = listName(list).size;
  if (!size) return null;
  const years = [...new Set(rows.filter((r) => r.list === list).map((r) => r.year))].sort((a, b) => b - a);
  return years.find((y) => rows.filter((r) => r.list === list && r.year === y).length >= size) ?? null;
}

/** The counts from the newest complete list, or null when none is loaded. */
export function standingOf(rows: RankingRow[], list: string, cityCode: string): Standing | null {
  const year = latestCompleteYear(rows, list);
  if (year == null) return null;
  const entry = lookupCode(cityCode);
  const region = entry ? lookupRegion(entry.region) : null;
  if (!entry || !region) return null;
  const ofYear = rows.filter((r) => r.list === list && r.year === year).sort((a, b) => a.rank - b.rank);
  const regionRows = ofYear.filter((r) => lookupCity(r.city_zh)?.region === entry.region);
  const inGroup = groupCities();
  const groupRows = ofYear.filter((r) => inGroup.has(shortZh(r.city_zh)));
  const place = (list: RankingRow[]) => {
    const at = list.findIndex((r) => r.city_code === cityCode);
    return at < 0 ? null : at + 1;
  };
  return { list, year, region, regionRows, placeInRegion: place(regionRows), groupRows, placeInGroup: inGroup.has(shortZh(entry.nameZh)) ? place(groupRows) : null, rows: ofYear };
}
