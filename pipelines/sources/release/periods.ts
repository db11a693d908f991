// Reporting periods as releases name them (1-5月, 一季度, 上半年, 截至9月底, 全年, ...), as month ranges.
// Works on text that went through normalizeText (half-width digits, '-' in number ranges).
import type { YearSource } from '../../types.ts';
import { chineseNumeral } from '../chinese-numeral.ts';

export interface PeriodSpec {
  /** Null when the text names no year: resolveYear supplies one from the publication date. */
  year: number | null;
  monthFrom: number;
  monthTo: number;
  /** 今年 0, 去年 / 上年 -1, 前年 -2: a year counted from the page's date rather than stated. */
  relative?: number;
}

export interface PeriodMatch {
  spec: PeriodSpec;
  index: number;
  text: string;
}

const Y = '(?:(\\d{4})年)?';
const QUARTERS: Record<string, [number, number]> = { 一: [1, 3], 二: [4, 6], 三: [7, 9], 四: [10, 12] };
const quarter = (q: string): [number, number] => QUARTERS[q] ?? QUARTERS['一二三四'[Number(q) - 1]];

// Each pattern turns its match into [year | null, first month, last month].
type Range = [number | null, number, number];
const year = (y: string | undefined): number | null => (y ? Number(y) : null);

const PATTERNS: { re: RegExp; range: (m: RegExpExecArray) => Range | null; relative?: number }[] = [
  // 去年芜湖地区生产总值…: last year, all of it (not 去年同期, 去年以来, 去年底, nor before a period: 去年12月)
  { re: /(?<![比较与同和对])去年(?![同以底末年\d一二三四上下前第]|全年)/g, range: () => [null, 1, 12], relative: -1 },
  // 1-5月, 1月-5月, 1至11月, 1月到5月 (dashes are already '-')
  { re: new RegExp(`${Y}(\\d{1,2})月?(?:-|至|到)(\\d{1,2})月份?`, 'g'), range: (m) => [year(m[1]), Number(m[2]), Number(m[3])] },
  // 截至9月底, 截止到2024年6月末, 9月底: everything since January
  {
    re: new RegExp(`(?:截至到?|截止到?|到|至)${Y}(\\d{1,2})月(?:底|末|份)?|${Y}(\\d{1,2})月(?:底|末)`, 'g'),
    range: (m) => [year(m[1] ?? m[3]), 1, Number(m[2] ?? m[4])],
  },
  { re: new RegExp(`${Y}前三季度`, 'g'), range: (m) => [year(m[1]), 1, 9] },
  { re: new RegExp(`${Y}上半年`, 'g'), range: (m) => [year(m[1]), 1, 6] },
  { re: new RegExp(`${Y}下半年`, 'g'), range: (m) => [year(m[1]), 7, 12] },
  // 1-3季度, 一至三季度: from the first quarter named to the end of the last
  {
    re: new RegExp(`${Y}第?([一二三四1-4])(?:-|至|到)第?([一二三四1-4])季度`, 'g'),
    range: (m) => [year(m[1]), quarter(m[2])[0], quarter(m[3])[1]],
  },
  { re: new RegExp(`${Y}第?([一二三四1-4])季度`, 'g'), range: (m) => [year(m[1]), ...quarter(m[2])] },
  { re: new RegExp(`${Y}全年`, 'g'), range: (m) => [year(m[1]), 1, 12] },
  {
    re: new RegExp(`${Y}前([两二三四五六七八九十]+|\\d{1,2})个?月`, 'g'),
    range: (m) => {
      const n = chineseNumeral(m[2]) ?? Number(m[2]);
      return Number.isFinite(n) ? [year(m[1]), 1, n] : null;
    },
  },
  // 5月, 5月份; not a day (5月20日)
  { re: new RegExp(`${Y}(\\d{1,2})月份?(?!\\d{1,2}日|\\d)`, 'g'), range: (m) => [year(m[1]), Number(m[2]), Number(m[2])] },
  // 2023年 / 2023年度 on its own is the whole year; not a baseline (比2022年), not "since" (2023年以来),
  // and not the start of a longer period
  { re: /(?<![比较])(\d{4})年度?(?![\d一二三四上下前全第以])/g, range: (m) => [Number(m[1]), 1, 12] },
];

// A period right after these words is the baseline of a comparison (比2019年1-2月份, 较1-4月), not the clause's
// period: such phrases are masked, whole, before periods are looked for.
// 延续2月份平稳向好趋势: a period a trend is carried on from is not the clause's either.
const BASELINE_BEFORE = /(?:比|较|与|同|和|对比|相比|相较|高于|低于|快于|慢于|延续了?|继续)$/;
const BASELINE_PHRASE =
  /(?:比|较|与|同|对比|相比|相较|高于|低于|快于|慢于|延续了?|继续)(?:去年|上年|前年|上一年)?(?:\d{4}年)?(?:\d{1,2}月?-\d{1,2}月份?|\d{1,2}月(?:份|底|末)?|第?[一二三四1-4]季度|上半年|下半年|前三季度|全年|同期)+/g;
const mask = (text: string): string => text.replace(BASELINE_PHRASE, (m) => '·'.repeat(m.length));
const RELATIVE_YEARS: [RegExp, number][] = [
  [/(?:今年|本年)$/, 0],
  [/(?:去年|上年|上一年)$/, -1],
  [/前年$/, -2],
];

/** The first period named in the text (on a tie, the longest phrase: 2022年1-6月 over 2022年). */
export const findPeriod = (original: string): PeriodMatch | null => {
  let best: PeriodMatch | null = null;
  const text = mask(original);
  for (const { re, range, relative: own } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const r = range(m);
      if (!r) continue;
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      const relative = RELATIVE_YEARS.find(([cue]) => cue.test(before));
      // 比上年同期 / 较去年全年: a baseline even with the relative year between
      const cue = relative ? before.replace(relative[0], '') : before;
      if (BASELINE_BEFORE.test(cue)) continue;
      const spec: PeriodSpec = { year: r[0], monthFrom: r[1], monthTo: r[2] };
      if (own != null) spec.relative = own;
      else if (relative && spec.year == null) spec.relative = relative[1];
      const start = relative ? m.index - (before.length - cue.length) : m.index;
      const candidate = { spec, index: start, text: original.slice(start, m.index + m[0].length) };
      if (!best || candidate.index < best.index || (candidate.index === best.index && candidate.text.length > best.text.length)) {
        best = candidate;
      }
      break; // later matches of the same pattern start later
    }
  }
  return best;
};

/** A text that is exactly one period phrase, e.g. "2022年上半年"; null otherwise. */
export const parsePeriod = (text: string): PeriodSpec | null => {
  const m = findPeriod(text);
  return m && m.index === 0 && m.text.length === text.length ? m.spec : null;
};

/** Year and month of a YYYY-MM-DD date; null when it is not one. */
export const parsePublished = (published: string): { year: number; month: number } | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(published);
  if (!m) return null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? { year: Number(m[1]), month } : null;
};

/** The date a page speaks from, and where it was found (see release/dates.ts). */
export interface ReferenceDate {
  year: number;
  /** Null when only the year is known (a title). */
  month: number | null;
  source: YearSource;
}

/**
 * The year a period refers to, and where it came from. A period without a year is the latest one that
 * has ended by the reference month: a January release about 全年 or 12月 speaks of the previous year;
 * 今年 / 去年 count from the reference year. Null when neither the text nor a reference date tells.
 */
export const resolvePeriodYear = (spec: PeriodSpec, ref: ReferenceDate | null): { year: number; source: YearSource } | null => {
  if (spec.year != null) return { year: spec.year, source: 'text' };
  if (!ref) return null;
  // 今年前三季度 on a page dated March: not this year's, which has not got there; the year is not known.
  if (spec.relative === 0 && ref.month != null && spec.monthTo > ref.month) return null;
  if (spec.relative != null) return { year: ref.year + spec.relative, source: ref.source };
  if (ref.month == null) return { year: ref.year, source: ref.source };
  return { year: spec.monthTo > ref.month ? ref.year - 1 : ref.year, source: ref.source };
};

/** resolvePeriodYear from a YYYY-MM-DD publication date. */
export const resolveYear = (spec: PeriodSpec, published: string | null): number | null => {
  const p = published ? parsePublished(published) : null;
  return resolvePeriodYear(spec, p ? { ...p, source: 'published' } : null)?.year ?? null;
};
