// The county level of the gazetteer (data/reference/counties.csv, GB/T 2260): districts, counties,
// county-level cities and banners, each with its prefecture and province, for lists that rank them
// (百强县, 百强区). A name several places share (南山区 in Shenzhen and in Hegang) is ambiguous
// unless a province or a prefecture named on the page tells which.
import { toSimplified } from '../simplified.ts';
import { lookupProvince } from './gazetteer.ts';
import { fromRoot } from '../project-paths.ts';
import { readReferenceCsv } from '../reference-csv.ts';

export type CountyKind = 'district' | 'county' | 'city' | 'banner';

export interface CountyEntry {
  code: string;
  kind: CountyKind;
  /** Full official name: 江阴市, 长丰县, 南山区. */
  nameZh: string;
  /** What people write: 江阴, 长丰; a district keeps its suffix (南山区). */
  shortZh: string;
  nameZhHant: string;
  /** Romanized, with the prefecture: "Jiangyin (Wuxi)", "Nanshan District (Shenzhen)". */
  nameEn: string;
  prefectureZh: string;
  prefectureEn: string;
  provinceZh: string;
  provinceEn: string;
}

export const COUNTIES_PATH = fromRoot('data', 'reference', 'counties.csv');
/** Names lists printed before a county became a district or a city (即墨市 → 即墨区), kept by hand. */
export const FORMER_NAMES_PATH = fromRoot('data', 'reference', 'county-former-names.csv');

/** One place, several (none of the hints tells them apart), or none. */
export type CountyMatch = { entry: CountyEntry } | { ambiguous: CountyEntry[] } | null;

export interface CountyHints {
  /** The province the source prints beside the name. */
  province?: string | null;
  /** Prefecture-level cities the page names (short names): 南山区 on a page about 深圳. */
  prefectures?: readonly string[];
}

const zhKey = (s: string): string => toSimplified(s.normalize('NFKC')).replace(/\s+/g, '');

interface Index {
  entries: CountyEntry[];
  full: Map<string, CountyEntry[]>;
  short: Map<string, CountyEntry[]>;
}
let cached: Index | null = null;

function load(): Index {
  if (cached) return cached;
  const records = readReferenceCsv(COUNTIES_PATH);
  const entries: CountyEntry[] = records.map((r) => ({
    code: r.code!,
    kind: r.kind as CountyKind,
    nameZh: r.name_zh!,
    shortZh: r.short_zh!,
    nameZhHant: r.name_zh_hant!,
    nameEn: r.name_en!,
    prefectureZh: r.prefecture_zh!,
    prefectureEn: r.prefecture_en!,
    provinceZh: r.province_zh!,
    provinceEn: r.province_en!,
  }));
  const full = new Map<string, CountyEntry[]>();
  const short = new Map<string, CountyEntry[]>();
  const add = (map: Map<string, CountyEntry[]>, key: string, e: CountyEntry): void => {
    map.set(key, [...(map.get(key) ?? []), e]);
  };
  for (const e of entries) {
    add(full, zhKey(e.nameZh), e);
    if (e.shortZh !== e.nameZh) add(short, zhKey(e.shortZh), e);
  }
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const former = readReferenceCsv(FORMER_NAMES_PATH);
  for (const f of former) {
    const e = byCode.get(f.code!);
    if (!e) throw new Error(`${FORMER_NAMES_PATH}: ${f.former_name} points at code ${f.code}, which counties.csv lacks`);
    const name = zhKey(f.former_name!);
    if (!full.has(name)) add(full, name, e);
    const bare = name.replace(/[市县]$/, '');
    if (bare.length >= 2 && !short.has(bare) && !full.has(bare)) add(short, bare, e);
  }
  cached = { entries, full, short };
  return cached;
}

/** Narrows candidates by the hints; a hint that matches none of them is ignored. */
function narrow(cands: CountyEntry[], hints: CountyHints): CountyEntry[] {
  let pool = cands;
  const province = hints.province ? lookupProvince(hints.province) : null;
  if (province) {
    const inProvince = pool.filter((e) => e.provinceZh === province.shortZh);
    if (inProvince.length) pool = inProvince;
  }
  if (pool.length > 1 && hints.prefectures?.length) {
    const named = new Set(hints.prefectures.map(zhKey));
    const onPage = pool.filter((e) => named.has(zhKey(e.prefectureZh)));
    if (onPage.length) pool = onPage;
  }
  return pool;
}

/** The county-level division a name stands for: the full name first (江阴市), then the short one (江阴). */
export function lookupCounty(name: string, hints: CountyHints = {}): CountyMatch {
  const idx = load();
  const key = zhKey(name.trim());
  if (!key || !/[\u3400-\u9fff]/.test(key)) return null;
  const cands = idx.full.get(key) ?? idx.short.get(key) ?? [];
  if (!cands.length) return null;
  const pool = narrow(cands, hints);
  return pool.length === 1 ? { entry: pool[0]! } : { ambiguous: pool };
}

/** Every county-level entry, in code order. */
export function allCounties(): readonly CountyEntry[] {
  return load().entries;
}
