// Numbers as Chinese releases write them: full-width digits, thousands separators, Chinese numerals,
// and money in 元 / 万元 / 亿元 / 万亿元.

/** Full-width digits, letters and number punctuation to ASCII; Chinese clause punctuation stays full-width. */
export const toHalfWidth = (text: string): string =>
  text.replace(/[０-９Ａ-Ｚａ-ｚ％．＋]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * One canonical spelling so that later regexes stay simple: half-width digits, no thousands separators,
 * '-' for number ranges, Chinese punctuation for clause breaks, and no spaces (they carry no meaning in Chinese prose).
 */
export const normalizeText = (text: string): string => {
  let t = toHalfWidth(text).replace(/[\s\u3000\u00a0]+/g, '');
  // 1,234,567.8: a comma followed by exactly three digits sits inside a number.
  while (/\d,\d{3}(?!\d)/.test(t)) t = t.replace(/(\d),(\d{3})(?!\d)/g, '$1$2');
  t = t.replace(/(\d)[—–－~～﹣−-]+(?=\d)/g, '$1-');
  return t
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：')
    .replace(/!/g, '！')
    .replace(/\?/g, '？');
};

/** A decimal as written after normalizeText ("1234.5", "-3.1"); null when it is not one. */
export const parseDecimal = (s: string): number | null => (/^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) : null);

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一 .. 九千九百九十九万: enough for counts of projects or cities; null for anything else. */
export const parseChineseNumeral = (s: string): number | null => {
  if (!s || !/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c];
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]; // 十二 = 12: a bare 十 means one ten
      digit = null;
    } else {
      total += (section + (digit ?? 0)) * 10000; // 万
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
};

/** A count written in digits or in Chinese numerals. */
export const parseCount = (s: string): number | null => parseDecimal(s) ?? parseChineseNumeral(s);

/** Money units in 元. */
export const MONEY_UNITS: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8, 万亿元: 1e12 };

export const isMoneyUnit = (unit: string): boolean => unit in MONEY_UNITS;

/** Converts between money units; rounding hides binary noise (5600 万元 = 0.56 亿元, not 0.5600000000000001). */
export const convertMoney = (value: number, from: string, to: string): number | null => {
  if (!isMoneyUnit(from) || !isMoneyUnit(to)) return null;
  return Number(((value * MONEY_UNITS[from]) / MONEY_UNITS[to]).toPrecision(12));
};
