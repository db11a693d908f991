// Sentences, clauses and the figures in them. A clause is the text between Chinese commas; a figure is a
// number with a unit whose wording (growth verb, plan share, count of projects) says which measure it is.
// Works on text that went through normalizeText.
import type { Measure } from '../../types.ts';
import { parseCount, parseDecimal } from './numbers.ts';

/** Splits a paragraph after 。！？；, keeping the sentences' text without the final mark. */
export const splitSentences = (paragraph: string): string[] =>
  paragraph
    .split(/[。！？；]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Splits a sentence at ， and ：. */
export const splitClauses = (sentence: string): string[] =>
  sentence
    .split(/[，：]/)
    .map((s) => s.trim())
    .filter(Boolean);

// A figure measured against another period or another place: 比1-4月回落, 高于全省, 快于全国, 比上月提高, 环比.
// 比 alone is a yoy baseline when it names last year (比上年, 较去年同期), and not a baseline at all in
// 同比, 占比, 比重, 比例, 可比价格, 相比 (handled with 与), 较快 / 较大 ... .
const COMPARISON = new RegExp(
  [
    '环比',
    '高于|低于|快于|慢于|高出|低出|超出|领先|落后|好于|优于',
    '(?<![占可对无相同环])(?:比|较)(?!重|例|上年|去年|上一年|\\d{4}年|快|慢|大|小|好|高|低|多|少|为|强|弱)',
    '(?:与|和)(?!上年|去年|上一年)[^，]{0,12}?(?:相比|持平)',
  ].join('|'),
);

/** The clause up to its first comparison with another period or place: what follows is not a growth figure. */
export const cutComparison = (clause: string): string => {
  const m = COMPARISON.exec(clause);
  return m ? clause.slice(0, m.index) : clause;
};

export interface Figure {
  measure: Measure;
  value: number;
  /** Unit as written: %, 亿元, 万元, 元, 万亿元, 个. */
  unit: string;
  /** Position in the clause, and the figure as written. */
  index: number;
  text: string;
}

export interface FigureOptions {
  /** Where the clause's indicator alias starts (null when the indicator is carried from an earlier clause). */
  subjectAt: number | null;
  /** The indicator itself is a count (cities on a list): any "N个" in the clause is its figure. */
  countIndicator: boolean;
  /** Year of the clause's period: 比2022年 is a yoy baseline only in 2023. */
  periodYear: number | null;
}

export interface ClauseFigures {
  figures: Figure[];
  /** Reasons to flag the clause: a figure that is there but cannot be loaded as written. */
  problems: string[];
}

const UP = '增长|上升|提高|增加|提升|上涨';
const DOWN = '下降|减少|回落|下滑|降低|下跌';
const NUMBER = '-?\\d+(?:\\.\\d+)?';
const FIGURE = new RegExp(`(${NUMBER}|[零〇一二两三四五六七八九十百千]+)(个?百分点|万亿元|亿元|万元|元|%|个|倍)`, 'g');
const VERB_BEFORE = new RegExp(`(${UP}|${DOWN})了?(?:为|达到|达)?$`);
const FALLING = new RegExp(`^(?:${DOWN})$`);
const RATE_BEFORE = /(?:增速|增幅)(?:为|是|达到|达)?$/;
const APPROXIMATE_BEFORE = /(超过|突破|逾|近|约|接近|不足|不到|超)$/;
const MISSING_GROWTH = new RegExp(`(?:同比|(?:比|较)(?:上年|去年)(?:同期)?)(?:${UP}|${DOWN})(?![了为达到]*-?\\d)`);
const MISSING_AMOUNT = /(?<![\d零〇一二两三四五六七八九十百千万])(?:亿元|万元)(?!以上|以下|级)/;
// What may stand between a count and its subject: 412个市级重点项目, 35个省级重大项目 (but not 34个产业链重点项目).
const COUNT_QUALIFIERS = /^(?:市级|省级|区级|县级|国家级|重大|在建|续建|新建|新开工)*$/;
const YEAR_BASELINE = /(?:比|较)(\d{4})年/;

/**
 * The figures of one clause (already cut at its comparison). Percentage-point differences, multiples,
 * increments in money (增加12亿元) and shares that are not plan shares are not figures of the indicator.
 */
export const extractFigures = (clause: string, opts: FigureOptions): ClauseFigures => {
  const figures: Figure[] = [];
  const problems: string[] = [];
  let from = 0;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(clause); m; m = FIGURE.exec(clause)) {
    const [text, num, unit] = m;
    const pre = clause.slice(from, m.index);
    from = m.index + text.length;
    if (unit.endsWith('百分点') || unit === '倍') continue;
    const chinese = parseDecimal(num) == null;
    if (chinese && unit !== '个') continue; // Chinese numerals only ever write counts here
    const value = unit === '个' ? parseCount(num) : parseDecimal(num);
    if (value == null) continue;

    if (unit === '%') {
      const verb = VERB_BEFORE.exec(pre);
      if (verb) {
        const baseline = YEAR_BASELINE.exec(clause.slice(0, m.index));
        if (baseline && (opts.periodYear == null || Number(baseline[1]) !== opts.periodYear - 1)) continue;
        const sign = FALLING.test(verb[1]) ? -1 : 1;
        figures.push({ measure: 'yoy_pct', value: sign * value || 0, unit, index: m.index, text });
      } else if (RATE_BEFORE.test(pre)) {
        figures.push({ measure: 'yoy_pct', value, unit, index: m.index, text });
      } else if (pre.includes('计划')) {
        figures.push({ measure: 'plan_share_pct', value, unit, index: m.index, text });
      }
      continue;
    }
    if (VERB_BEFORE.test(pre)) continue; // an increment, not a level or a count
    const approx = APPROXIMATE_BEFORE.exec(pre);
    if (approx) {
      problems.push(`figure is approximate (${approx[1]}${text}); not loaded`);
      continue;
    }
    if (unit === '个') {
      const end = m.index + text.length;
      const namesSubject = opts.subjectAt != null && opts.subjectAt >= end && COUNT_QUALIFIERS.test(clause.slice(end, opts.subjectAt));
      if (opts.countIndicator || namesSubject) figures.push({ measure: 'count', value, unit, index: m.index, text });
      continue;
    }
    figures.push({ measure: 'level', value, unit, index: m.index, text });
  }

  const flat = /(?<!基本)持平/.exec(clause);
  if (flat) figures.push({ measure: 'yoy_pct', value: 0, unit: '%', index: flat.index, text: flat[0] });
  if (/基本持平/.test(clause)) problems.push('growth is stated as roughly flat (基本持平), not as a figure');
  if (MISSING_GROWTH.test(clause)) problems.push('growth is stated without a figure');
  if (MISSING_AMOUNT.test(clause)) problems.push('amount is stated without a figure');
  // 工业投资和制造业投资分别增长5%和6%: which figure is whose is beyond a clause reader
  if (clause.includes('分别') && (clause.match(FIGURE) ?? []).length > 1) {
    return { figures: [], problems: [...problems, 'clause gives several figures with 分别; they are not split automatically'] };
  }
  return { figures, problems };
};
