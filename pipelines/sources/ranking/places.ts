// Names a ranking row's place through the gazetteer layer its list ranks: prefecture-level cities
// (with the municipalities, Hong Kong, Macao and Taiwan's cities) for city lists, the county level
// for county and district lists. Also finds place names in running text for the prose adapter.
import { lookupCounty, type CountyEntry } from '../../geo/counties.ts';
import { allEntries, lookupCity, lookupProvince, toPlace, type GazetteerEntry } from '../../geo/gazetteer.ts';
import { toSimplified } from '../../simplified.ts';
import type { RankedUnit } from './lists.ts';

/** A place a row can be loaded under. */
export interface RankedPlace {
  name: string;
  nameZh: string;
  province: string | null;
}

export type Resolution = { place: RankedPlace } | { reason: string };

export const GAZETTEER_FIX = 'add it to data/reference/cities.csv or fix the name';
export const COUNTY_FIX = 'add it to data/reference/counties.csv or fix the name';

const PROVINCE_KINDS = new Set(['province', 'autonomous_region']);

const describeCounty = (e: CountyEntry): string => `${e.nameZh} of ${e.prefectureEn} (${e.provinceEn})`;

/** A city list's row: the province column, when printed, must agree with the gazetteer. */
function resolveCity(name: string, province: string | null): Resolution {
  const entry = lookupCity(name, province);
  if (!entry) return { reason: `not in the gazetteer: ${name}; ${GAZETTEER_FIX}` };
  if (PROVINCE_KINDS.has(entry.kind)) return { reason: `${name} is a province (${entry.nameEn}), not a city` };
  if (province?.trim()) {
    const stated = lookupProvince(province);
    if (!stated) return { reason: `province not in the gazetteer: ${province.trim()}` };
    if (stated.shortZh !== entry.provinceZh) {
      return { reason: `province ${province.trim()} disagrees with the gazetteer: ${entry.nameEn} is in ${entry.provinceEn}` };
    }
  }
  return { place: toPlace(entry) };
}

/** A county or district list's row; a shared name needs the province column or a prefecture the page names. */
function resolveCounty(name: string, province: string | null, prefectures: readonly string[]): Resolution {
  const match = lookupCounty(name, { province, prefectures });
  if (!match) {
    const city = lookupCity(name);
    if (city && !PROVINCE_KINDS.has(city.kind)) return { reason: `${name} is a prefecture-level ${city.kind === 'prefecture' ? 'division' : 'city'} (${city.nameEn}), not a county or district` };
    return { reason: `not in the county gazetteer: ${name}; ${COUNTY_FIX}` };
  }
  if ('ambiguous' in match) {
    return { reason: `${name} is ambiguous: ${match.ambiguous.map(describeCounty).join(', ')}; the page names none of their cities` };
  }
  const e = match.entry;
  if (province?.trim()) {
    const stated = lookupProvince(province);
    if (stated && stated.shortZh !== e.provinceZh) return { reason: `province ${province.trim()} disagrees with the gazetteer: ${e.nameZh} is in ${e.provinceEn}` };
  }
  return { place: { name: e.nameEn, nameZh: e.nameZh, province: e.provinceEn } };
}

/** The place a row names, or why it cannot be loaded. */
export function resolveRankedPlace(name: string, unit: RankedUnit, province: string | null, prefectures: readonly string[] = []): Resolution {
  const trimmed = name.trim();
  if (!trimmed) return { reason: 'the row has no city name' };
  return unit === 'city' ? resolveCity(trimmed, province) : resolveCounty(trimmed, province, prefectures);
}

/** True when the text is a place name of the list's layer (or any city or province, for city lists). */
export function isPlaceName(text: string, unit: RankedUnit): boolean {
  if (unit === 'city') return lookupCity(text) != null;
  return lookupCounty(text) != null;
}

/** A city-layer entry (city, municipality, province) for a name, used to tell a province from a city. */
export function cityEntry(text: string): GazetteerEntry | null {
  return lookupCity(text);
}

let prefectureNames: string[] | null = null;

/** Prefecture-level cities a (simplified) page names: they tell a shared district name apart (南山区 in 深圳). */
export function prefecturesNamed(text: string): string[] {
  prefectureNames ??= allEntries()
    .filter((e) => !PROVINCE_KINDS.has(e.kind))
    .map((e) => e.shortZh)
    .filter((s) => s.length >= 2);
  const simple = toSimplified(text);
  return prefectureNames.filter((n) => simple.includes(n));
}
