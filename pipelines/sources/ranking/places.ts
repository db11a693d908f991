// Names a ranking row's place through the gazetteer layer its list ranks: prefecture-level cities
// (with the municipalities, Hong Kong, Macao and Taiwan's cities) for city lists, the county level
// for county and district lists. Also finds place names in running text for the prose adapter.
import { lookupCounty, type CountyEntry } from '../../geo/counties.ts';
import { allEntries, ambiguousReason, lookupCity, lookupProvince, matchCity, toPlace, type GazetteerEntry } from '../../geo/gazetteer.ts';
import { toSimplified } from '../../simplified.ts';
import type { RankedUnit } from './lists.ts';

/** A place a row can be loaded under. */
export interface RankedPlace {
  /** The key: the division code (six digits). */
  code: string;
  name: string;
  nameZh: string;
  province: string | null;
}

export type Resolution = { place: RankedPlace } | { reason: string };

export const GAZETTEER_FIX = 'add it to data/reference/cities.csv or fix the name';
export const COUNTY_FIX = 'add it to data/reference/counties.csv or fix the name';

const PROVINCE_KINDS = new Set(['province', 'autonomous_region']);

const describeCounty = (e: CountyEntry): string => `${e.nameZh} of ${e.prefectureEn} (${e.provinceEn})`;

/** The county-level divisions a name may stand for: none, the one, or every one it is ambiguous between. */
const countyEntries = (name: string): CountyEntry[] => {
  const match = lookupCounty(name);
  return !match ? [] : 'entry' in match ? [match.entry] : match.ambiguous;
};

/**
 * A city list's row: the province column, when printed, must agree with the gazetteer, and tells apart
 * the cities that share an English name (Suzhou in Jiangsu or in Anhui); without it such a name is
 * refused with both candidates, never guessed.
 */
function resolveCity(name: string, province: string | null): Resolution {
  const match = matchCity(name, province);
  if (!match) {
    const entries = countyEntries(name);
    if (entries.length) return { reason: `${name} is a county-level division (of ${[...new Set(entries.map((e) => e.prefectureZh))].join(' or ')}), not a city of the list` };
    return { reason: `not in the gazetteer: ${name}; ${GAZETTEER_FIX}` };
  }
  if ('ambiguous' in match) {
    const stated = province?.trim() ? `; the province given, ${province.trim()}, is neither's` : '';
    return { reason: `${ambiguousReason(name, match.ambiguous)}${stated}` };
  }
  const entry = match.entry;
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
  return { place: { code: e.code, name: e.nameEn, nameZh: e.nameZh, province: e.provinceEn } };
}

/** The place a row names, or why it cannot be loaded. */
export function resolveRankedPlace(name: string, unit: RankedUnit, province: string | null, prefectures: readonly string[] = []): Resolution {
  const trimmed = name.trim();
  if (!trimmed) return { reason: 'the row has no city name' };
  return unit === 'city' ? resolveCity(trimmed, province) : resolveCounty(trimmed, province, prefectures);
}

/** True when the text is a place name of the list's layer (or any city or province, for city lists). */
export function isPlaceName(text: string, unit: RankedUnit): boolean {
  if (unit === 'city') return matchCity(text) != null;
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

/** A place named in running text, where it stands. */
export interface PlaceMention {
  name: string;
  index: number;
  end: number;
  /** A province (江苏, 湖北省): no list of cities or counties ranks it, but it is not a word either. */
  province: boolean;
}

const MAX_NAME = 12;

/**
 * True when the text names a place of the list's layer. County-level full names need three characters
 * (城区, 郊区 and 矿区 are common words); the short names of counties and county-level cities are kept.
 */
function placeKind(text: string, unit: RankedUnit): 'place' | 'province' | null {
  const city = lookupCity(text);
  if (city && PROVINCE_KINDS.has(city.kind)) return 'province';
  if (unit === 'city') return city ? 'place' : null;
  const entries = countyEntries(text);
  if (!entries.length) return null;
  // A short name (江阴 for 江阴市) is kept at two characters; a full one needs three.
  const isShortName = entries.some((e) => e.shortZh === text && e.shortZh !== e.nameZh);
  return isShortName || text.length >= 3 ? 'place' : null;
}

/**
 * The name of a county of `city` written right after it (南通如东县, 嘉兴桐乡市, 盐城东台, 徐州下辖的邳州市),
 * and where it ends: such a row is the county's, not the city's.
 */
function countyOfCityAt(text: string, at: number, city: string): { name: string; end: number } | null {
  const short = lookupCity(city)?.shortZh;
  if (!short) return null;
  // 南通市如东县, 徐州下辖的邳州市
  const from = at + (/^市?(?:下辖|所辖)?的?/.exec(text.slice(at))?.[0].length ?? 0);
  // A full name or a short one; the county must be the city's.
  for (let len = Math.min(MAX_NAME, text.length - from); len >= 2; len--) {
    const cand = text.slice(from, from + len);
    if (!/^[\u4e00-\u9fff]+$/.test(cand)) continue;
    if (countyEntries(cand).some((e) => (e.nameZh === cand || e.shortZh === cand) && e.prefectureZh.startsWith(short))) return { name: cand, end: from + len };
  }
  return null;
}

/** Places in a (simplified) text, left to right, the longest name at each position. */
export function placesIn(text: string, unit: RankedUnit): PlaceMention[] {
  const found: PlaceMention[] = [];
  for (let i = 0; i < text.length - 1; ) {
    let hit: PlaceMention | null = null;
    if (/[\u4e00-\u9fff]/.test(text[i]!)) {
      for (let len = Math.min(MAX_NAME, text.length - i); len >= 2 && !hit; len--) {
        const cand = text.slice(i, i + len);
        if (!/^[\u4e00-\u9fff]+$/.test(cand)) continue;
        const kind = placeKind(cand, unit);
        if (kind) hit = { name: cand, index: i, end: i + len, province: kind === 'province' };
      }
    }
    // A city list meets 江苏南通如东县排名第24位: the rank is the county's, which such a list does not hold.
    const county = hit && unit === 'city' && !hit.province ? countyOfCityAt(text, hit.end, hit.name) : null;
    if (hit && county) hit = { name: county.name, index: hit.index, end: county.end, province: false };
    if (hit) {
      found.push(hit);
      i = hit.end;
    } else i++;
  }
  return found;
}
