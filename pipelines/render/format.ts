// Numbers, periods, units, ranks and names as each language of the edition writes them:
// "2022年上半年", "1234.5亿元", "第12位"; "the first half of 2022", "1,234.5 × 100 million yuan", "12th".
import { userPlace } from '../geo/places.ts';
import { indicatorById } from '../sources/indicators.ts';
import { listName as listNames } from './labels.ts';

export const LANGUAGES = ['zh', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ZH_QUARTERS = ['', '一', '二', '三', '四'];

/** 12 → "12th". */
export function ordinalNumber(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** 1 → "first" … 10 → "tenth", then "12th". */
export function ordinalWord(n: number): string {
  const words = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return Number.isInteger(n) && n >= 1 && n <= 10 ? words[n]! : ordinalNumber(n);
}

/** A place on a list: "12th", "第12位". */
export function rankText(lang: Language, n: number): string {
  return lang === 'zh' ? `第${n}位` : ordinalNumber(n);
}

/** A plain number: at most two decimals; English groups thousands. */
export function numberText(lang: Language, v: number): string {
  const rounded = Math.round(v * 100) / 100;
  return lang === 'en' ? rounded.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(rounded);
}

/** A percentage: 11 → "11.0%", 93.62 → "93.62%". */
export function pctText(v: number): string {
  return `${Number.isInteger(v) ? v.toFixed(1) : String(Math.round(v * 100) / 100)}%`;
}

/** A signed change: "+2.1%", "−3.2%". */
export function signedPct(v: number): string {
  return v > 0 ? `+${pctText(v)}` : v < 0 ? `−${pctText(-v)}` : pctText(0);
}

const UNITS: Record<string, { zh: string; en: (n: string, v: number) => string }> = {
  亿元: { zh: '亿元', en: (n) => `${n} × 100 million yuan` },
  万元: { zh: '万元', en: (n) => `${n} × 10,000 yuan` },
  元: { zh: '元', en: (n) => `${n} yuan` },
  个: { zh: '个', en: (n) => n },
  projects: { zh: '个', en: (n, v) => `${n} ${v === 1 ? 'project' : 'projects'}` },
  项: { zh: '个', en: (n, v) => `${n} ${v === 1 ? 'project' : 'projects'}` },
  cities: { zh: '个', en: (n, v) => `${n} ${v === 1 ? 'city' : 'cities'}` },
  '%': { zh: '%', en: (n) => `${n}%` },
};

/** An amount with its unit, as the language writes it: "1234.5亿元", "1,234.5 × 100 million yuan". */
export function amountText(lang: Language, v: number, unit: string | null): string {
  const n = numberText(lang, v);
  if (!unit) return n;
  const u = UNITS[unit];
  if (!u) return lang === 'zh' ? `${n}${unit}` : `${n} ${unit}`;
  return lang === 'zh' ? `${n}${u.zh}` : u.en(n, v);
}

/** "2022年上半年", "the first half of 2022"; "2025年1—5月", "January–May 2025". */
export function periodText(lang: Language, year: number, from: number, to: number): string {
  if (lang === 'zh') {
    if (from === 1 && to === 12) return `${year}年全年`;
    if (from === 1 && to === 6) return `${year}年上半年`;
    if (from === 1 && to === 9) return `${year}年前三季度`;
    if (to - from === 2 && from % 3 === 1) return `${year}年${ZH_QUARTERS[(from + 2) / 3]}季度`;
    if (from === to) return `${year}年${from}月`;
    return `${year}年${from}—${to}月`;
  }
  if (from === 1 && to === 12) return `the whole of ${year}`;
  if (from === 1 && to === 6) return `the first half of ${year}`;
  if (from === 1 && to === 9) return `the first three quarters of ${year}`;
  if (from === 1 && to === 3) return `the first quarter of ${year}`;
  if (to - from === 2 && from % 3 === 1) return `the ${ordinalWord((from + 2) / 3)} quarter of ${year}`;
  if (from === to) return `${MONTHS[from - 1]} ${year}`;
  return `${MONTHS[from - 1]}–${MONTHS[to - 1]} ${year}`;
}

/** A period as a short label for tables and charts: "2022 H1", "Jan–May 2025"; "2022年上半年". */
export function periodLabel(lang: Language, year: number, from: number, to: number): string {
  if (lang === 'zh') return periodText(lang, year, from, to);
  const p = periodText(lang, year, from, to).replace(/^the /, '');
  return p.charAt(0).toUpperCase() + p.slice(1);
}

/** "September 2022", "2022年9月". */
export function monthText(lang: Language, year: number, month: number): string {
  return lang === 'zh' ? `${year}年${month}月` : `${MONTHS[month - 1]} ${year}`;
}

/** "a, b and c"; "甲、乙和丙". */
export function joinList(lang: Language, items: string[]): string {
  if (items.length <= 1) return items.join('');
  return lang === 'zh' ? `${items.slice(0, -1).join('、')}和${items.at(-1)}` : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface Named {
  name: string;
  nameZh: string | null;
}

/** A place's name in the language: "Xi'an", "西安". */
export function nameIn(lang: Language, p: Named): string {
  return lang === 'zh' ? (p.nameZh ?? p.name) : p.name;
}

/** A place's name in the language with the other in brackets: "Xi'an (西安)", "西安（Xi'an）". */
export function nameBoth(lang: Language, p: Named): string {
  if (!p.nameZh || p.nameZh === p.name) return p.name;
  return lang === 'zh' ? `${p.nameZh}（${p.name}）` : `${p.name} (${p.nameZh})`;
}

/** A city by its English name or its division code, with its Chinese name from the gazetteer. */
export function cityNamed(name: string, nameZh?: string | null): Named {
  const place = userPlace(name);
  // A code names the place exactly; an English name is kept as written (the label the row carries).
  return { name: place && place.code === name.trim() ? place.name : name, nameZh: nameZh ?? place?.nameZh ?? null };
}

/** An indicator's name as it sits inside a sentence. */
export function indicatorText(lang: Language, id: string): string {
  const ind = indicatorById(id);
  if (!ind) return id.replace(/_/g, ' ');
  return lang === 'zh' ? ind.nameZh : ind.nameEn;
}

/** An indicator's name at the head of a table row or a legend. */
export function indicatorLabel(lang: Language, id: string): string {
  const s = indicatorText(lang, id);
  return lang === 'en' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A ranking list's name: "Top-100 Advanced Manufacturing Cities", "先进制造业百强市". */
export function listText(lang: Language, id: string): string {
  const l = listNames(id);
  return lang === 'zh' ? l.zh || l.en : l.en;
}

/** A date as YYYY-MM-DD, or "2026年11月28日". */
export function dateText(lang: Language, iso: string): string {
  if (lang !== 'zh') return iso;
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
