// Numbers written in Chinese characters, as pages write ranks (第十二位), counts (三十个项目,
// 一万二千) and digits read one by one (三〇, 一〇五). One reader for every adapter.

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A pattern for a numeral below ten thousand (ranks, months), to build the adapters' patterns with. */
export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千]+';

/**
 * 十二 → 12, 二十 → 20, 一百零五 → 105, 一万二千 → 12000; digits without a unit are read one by one
 * (三〇 → 30, 一〇五 → 105). Null when the text is not a Chinese numeral (多, 数十).
 */
export function chineseNumeral(s: string): number | null {
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return null;
  if (!/[十百千万]/.test(s)) return Number([...s].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]!; // 十二: a bare 十 means one ten
      digit = null;
    } else {
      total += (section + (digit ?? 0)) * 10000; // 万
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}
