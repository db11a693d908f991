// Resolves place names in any script or spelling to one entry of data/reference/cities.csv.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Place } from '../sources/contract.ts';
import { toSimplified } from '../simplified.ts';
import { fromRoot } from '../project-paths.ts';

/** `sar`: Hong Kong and Macao, province-level like a municipality and ranked as cities. */
export type DivisionKind = 'province' | 'municipality' | 'autonomous_region' | 'sar' | 'city' | 'prefecture';

export interface GazetteerEntry {
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


/** Chinese key: simplified, no spaces. */
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

interface Index {
  entries: GazetteerEntry[];
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
  const records = parse(readFileSync(GAZETTEER_PATH, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const entries: GazetteerEntry[] = records.map((r) => ({
    code: r.code!,
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
    add(zh, zhKey(entry.nameZh), { entry, exact: true });
    add(zh, zhKey(entry.shortZh), { entry, exact: false });
    // Autonomous prefectures are often written 恩施州 / 凉山州.
    if (entry.nameZh.endsWith('自治州')) add(zh, `${entry.shortZh}州`, { entry, exact: false });
    add(en, enKey(entry.nameEn), { entry, exact: false });
  }
  cached = { entries, zh, en };
  return cached;
}

const provinceMatches = (entry: GazetteerEntry, province: GazetteerEntry): boolean => entry.provinceZh === province.shortZh;

function best(cands: Candidate[], provinceHint: GazetteerEntry | null): GazetteerEntry | null {
  let pool = cands;
  if (provinceHint) {
    const inProvince = cands.filter((c) => provinceMatches(c.entry, provinceHint));
    if (inProvince.length) pool = inProvince;
  }
  const sorted = [...pool].sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      KIND_PRIORITY[a.entry.kind] - KIND_PRIORITY[b.entry.kind] ||
      a.entry.code.localeCompare(b.entry.code),
  );
  return sorted[0]?.entry ?? null;
}

function candidates(name: string): Candidate[] {
  const idx = load();
  const trimmed = name.trim();
  if (!trimmed) return [];
  if (/[\u3400-\u9fff]/.test(trimmed)) {
    const key = zhKey(trimmed);
    const direct = idx.zh.get(key);
    if (direct) return direct;
    const stripped = key.replace(ZH_SUFFIX, '');
    return stripped !== key ? (idx.zh.get(stripped) ?? []) : [];
  }
  return idx.en.get(enKey(trimmed)) ?? [];
}

/** Resolves a province-level name only (吉林 → Jilin province), for province columns. */
export function lookupProvince(name: string): GazetteerEntry | null {
  const provincial = candidates(name).filter((c) => ['province', 'municipality', 'autonomous_region', 'sar'].includes(c.entry.kind));
  return best(provincial, null);
}

/**
 * The full gazetteer entry for a name, city first on short-name collisions. `province` (any script)
 * disambiguates English homonyms such as Suzhou (Jiangsu / Anhui) or Yulin (Shaanxi / Guangxi);
 * without it the lowest code wins.
 */
export function lookupCity(name: string, province?: string | null): GazetteerEntry | null {
  const hint = province ? lookupProvince(province) : null;
  return best(candidates(name), hint);
}

/** The Place an adapter needs; `province` is null for province-level entries, municipalities included. */
export function lookupPlace(name: string): Place | null {
  const entry = lookupCity(name);
  return entry ? toPlace(entry) : null;
}

export function toPlace(entry: GazetteerEntry): Place {
  const provincial = entry.kind !== 'city' && entry.kind !== 'prefecture';
  return { name: entry.nameEn, nameZh: entry.shortZh, province: provincial ? null : entry.provinceEn };
}

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
