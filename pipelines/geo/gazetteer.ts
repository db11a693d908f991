// Resolves place names in any script or spelling, and division codes, to one entry of
// data/reference/cities.csv. A place's key is its division code (GB/T 2260, six digits: 西安 610100);
// names are labels. Chinese names are unambiguous; an English name two cities share (Suzhou: 苏州 and
// 宿州) is resolved only by a province, never guessed.
import type { Place } from '../sources/contract.ts';
import { toSimplified } from '../simplified.ts';
import { fromRoot } from '../project-paths.ts';
import { readReferenceCsv } from '../reference-csv.ts';

/** `sar`: Hong Kong and Macao, province-level like a municipality and ranked as cities. */
export type DivisionKind = 'province' | 'municipality' | 'autonomous_region' | 'sar' | 'city' | 'prefecture';

export interface GazetteerEntry {
  /** The six-digit division code (GB/T 2260): 610100 for 西安, 610000 for 陕西. */
  code: string;
  kind: DivisionKind;
  nameZh: string;
  shortZh: string;
  nameZhHant: string;
  shortZhHant: string;
  nameEn: string;
  provinceZh: string;
  provinceEn: string;
  region: 'east' | 'central' | 'west' | 'northeast';
}

export const GAZETTEER_PATH = fromRoot('data', 'reference', 'cities.csv');


/** Chinese key of the reference file's names, which are simplified already: no spaces. */
const indexKey = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
/** Chinese key of a name as written (either script): simplified, no spaces. */
const zhKey = (s: string): string => toSimplified(s.normalize('NFKC')).replace(/\s+/g, '');
/** English key: lower case, no apostrophes/spaces/hyphens, ü and v as u (Lüliang, Lvliang, Luliang). */
const enKey = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/\s+(city|province|prefecture|municipality|autonomous region)$/, '')
    .replace(/ü|v/g, 'u')
    .replace(/[\s'’‘`\-.]/g, '');

// Suffixes people add to a short name: 西安市, 陕西省, 兴安盟, 喀什地区 (恩施州 is indexed as is).
const ZH_SUFFIX = /(特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|地区|省|市|盟)$/;

// When a bare short name names two divisions, a city wins (吉林 in a city list is Jilin city),
// then a province (海南 is the island, not the Qinghai prefecture), then a prefecture.
const KIND_PRIORITY: Record<DivisionKind, number> = { city: 0, municipality: 0, sar: 0, province: 1, autonomous_region: 1, prefecture: 2 };

interface Candidate {
  entry: GazetteerEntry;
  exact: boolean; // the key was the full official name, not a short form
}

/** 61 → 610000, 6101 → 610100: the six-digit form of a province's or a prefecture's code. */
const sixDigits = (code: string): string => code.padEnd(6, '0');

interface Index {
  entries: GazetteerEntry[];
  byCode: Map<string, GazetteerEntry>;
  zh: Map<string, Candidate[]>;
  en: Map<string, Candidate[]>;
}

let cached: Index | null = null;

function add(map: Map<string, Candidate[]>, key: string, c: Candidate): void {
  if (!key) return;
  const list = map.get(key) ?? [];
  if (!list.some((x) => x.entry === c.entry)) list.push(c);
  else if (c.exact) list.find((x) => x.entry === c.entry)!.exact = true;
  map.set(key, list);
}

function load(): Index {
  if (cached) return cached;
  const records = readReferenceCsv(GAZETTEER_PATH);
  const entries: GazetteerEntry[] = records.map((r) => ({
    // The file keeps the codes' significant digits (61, 6101); rows and keys use all six.
    code: sixDigits(r.code!),
    kind: r.kind as DivisionKind,
    nameZh: r.name_zh!,
    shortZh: r.short_zh!,
    nameZhHant: r.name_zh_hant!,
    shortZhHant: r.short_zh_hant!,
    nameEn: r.name_en!,
    provinceZh: r.province_zh!,
    provinceEn: r.province_en!,
    region: r.region as GazetteerEntry['region'],
  }));
  const zh = new Map<string, Candidate[]>();
  const en = new Map<string, Candidate[]>();
  for (const entry of entries) {
    add(zh, indexKey(entry.nameZh), { entry, exact: true });
    add(zh, indexKey(entry.shortZh), { entry, exact: false });
    // Autonomous prefectures are often written 恩施州 / 凉山州.
    if (entry.nameZh.endsWith('自治州')) add(zh, `${entry.shortZh}州`, { entry, exact: false });
    add(en, enKey(entry.nameEn), { entry, exact: false });
  }
  cached = { entries, byCode: new Map(entries.map((e) => [e.code, e])), zh, en };
  return cached;
}

const provinceMatches = (entry: GazetteerEntry, province: GazetteerEntry): boolean => entry.provinceZh === province.shortZh;

/** One entry, several that nothing tells apart (an English name two cities share), or none. */
export type CityMatch = { entry: GazetteerEntry } | { ambiguous: GazetteerEntry[] } | null;

const rankOf = (c: Candidate): number => (c.exact ? 0 : 10) + KIND_PRIORITY[c.entry.kind];

function best(cands: Candidate[], provinceHint: GazetteerEntry | null): CityMatch {
  let pool = cands;
  if (provinceHint) {
    const inProvince = cands.filter((c) => provinceMatches(c.entry, provinceHint));
    if (inProvince.length) pool = inProvince;
  }
  if (!pool.length) return null;
  const top = Math.min(...pool.map(rankOf));
  const tied = pool
    .filter((c) => rankOf(c) === top)
    .map((c) => c.entry)
    .sort((a, b) => a.code.localeCompare(b.code));
  return tied.length === 1 ? { entry: tied[0]! } : { ambiguous: tied };
}

const only = (m: CityMatch): GazetteerEntry | null => (m && 'entry' in m ? m.entry : null);

function candidates(name: string): Candidate[] {
  const idx = load();
  const trimmed = name.trim();
  if (!trimmed) return [];
  if (/[\u3400-\u9fff]/.test(trimmed)) {
    const inIndex = (key: string): Candidate[] | null => {
      const direct = idx.zh.get(key);
      if (direct) return direct;
      const stripped = key.replace(ZH_SUFFIX, '');
      return stripped !== key ? (idx.zh.get(stripped) ?? null) : null;
    };
    // A name written in simplified characters is found as it is; only another is converted
    // (OpenCC's dictionaries take longer to load than the rest of a scheduled tick).
    return inIndex(indexKey(trimmed)) ?? inIndex(zhKey(trimmed)) ?? [];
  }
  return idx.en.get(enKey(trimmed)) ?? [];
}

/**
 * The entry of a division code: 610100, or its significant digits as the file keeps them (6101). Apart
 * from names, so that a figure in running text (12 of 12010.76) is never read as a place.
 */
export function lookupCode(code: string): GazetteerEntry | null {
  const trimmed = code.trim();
  return /^\d{2,6}$/.test(trimmed) ? (load().byCode.get(sixDigits(trimmed)) ?? null) : null;
}

/** Resolves a province-level name only (吉林 → Jilin province), for province columns. */
export function lookupProvince(name: string): GazetteerEntry | null {
  const provincial = candidates(name).filter((c) => ['province', 'municipality', 'autonomous_region', 'sar'].includes(c.entry.kind));
  return only(best(provincial, null));
}

/**
 * The entry a name (any script, with or without 市/省) stands for, city first on
 * short-name collisions (吉林 is the city). `province` (any script) tells apart the cities that share an
 * English name (Suzhou: 苏州 in Jiangsu, 宿州 in Anhui); without it they stay ambiguous.
 */
export function matchCity(name: string, province?: string | null): CityMatch {
  const hint = province ? lookupProvince(province) : null;
  return best(candidates(name), hint);
}

/** The entry a name stands for; null when unknown or ambiguous (see matchCity for which). */
export function lookupCity(name: string, province?: string | null): GazetteerEntry | null {
  return only(matchCity(name, province));
}

/** The Place an adapter needs; `province` is null for province-level entries, municipalities included. */
export function lookupPlace(name: string): Place | null {
  const entry = lookupCity(name);
  return entry ? toPlace(entry) : null;
}

export function toPlace(entry: GazetteerEntry): Place {
  const provincial = entry.kind !== 'city' && entry.kind !== 'prefecture';
  return { code: entry.code, name: entry.nameEn, nameZh: entry.shortZh, province: provincial ? null : entry.provinceEn };
}

/** 宿州 (Suzhou, Anhui, 341300): how a reason or a usage error names a candidate. */
export const describeEntry = (e: GazetteerEntry): string =>
  `${e.shortZh} (${e.nameEn}${e.kind === 'city' || e.kind === 'prefecture' ? `, ${e.provinceEn}` : ''}, ${e.code})`;

/** Why a name several entries share cannot be used as it stands, naming each with its code. */
export const ambiguousReason = (name: string, entries: readonly GazetteerEntry[]): string =>
  `${name.trim()} is ambiguous: ${entries.map(describeEntry).join(' or ')}; write the Chinese name or the division code`;

/**
 * True when the name, read as a list of cities reads it, is a province or autonomous region.
 * Municipalities (北京, 上海, 天津, 重庆) rank as cities, so they are not; nor is 吉林 (a city exists).
 */
export function isProvinceLevel(name: string): boolean {
  const entry = lookupCity(name);
  return entry != null && (entry.kind === 'province' || entry.kind === 'autonomous_region');
}

/** Every entry, in code order. */
export function allEntries(): readonly GazetteerEntry[] {
  return load().entries;
}
