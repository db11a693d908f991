// Numbers as Chinese releases write them: full-width digits, thousands separators, Chinese numerals,
// and money in 元 / 万元 / 亿元 / 万亿元.
import { chineseNumeral } from '../chinese-numeral.ts';

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

/** A count written in digits or in Chinese numerals. */
export const parseCount = (s: string): number | null => parseDecimal(s) ?? chineseNumeral(s);

/** Money units in 元. */
export const MONEY_UNITS: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8, 万亿元: 1e12 };

export const isMoneyUnit = (unit: string): boolean => unit in MONEY_UNITS;

/** Converts between money units; rounding hides binary noise (5600 万元 = 0.56 亿元, not 0.5600000000000001). */
export const convertMoney = (value: number, from: string, to: string): number | null => {
  if (!isMoneyUnit(from) || !isMoneyUnit(to)) return null;
  return Number(((value * MONEY_UNITS[from]) / MONEY_UNITS[to]).toPrecision(12));
};
