// Sentences, clauses and the figures in them. A clause is the text between Chinese commas; a figure is a
// number with a unit whose wording (growth verb, plan share, count of projects) says which measure it is.
// Works on text that went through normalizeText.
import type { Measure } from '../../types.ts';
import { parseCount, parseDecimal } from './numbers.ts';

/** Splits a paragraph after 。！？, keeping the sentences' text without the final mark. A ； only ends a clause. */
export const splitSentences = (paragraph: string): string[] =>
  paragraph
    .split(/[。！？]/)
    .map((s) => s.trim())
    .filter(Boolean);

// A note mark ([3], with the dash of a bullet list after it) ends what it cites, as a comma would:
// summaries run their points together (化工制造业增长12.2%[3]-先进制造业增加值…).
const NOTE_MARK = /\[\d{1,3}\]-?/;

/** Splits a sentence at ，：；, and at a note mark. */
export const splitClauses = (sentence: string): string[] =>
  sentence
    .split(new RegExp(`[，：；]|${NOTE_MARK.source}`))
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
  /** The indicator itself is a count (cities on a list): any "N个" in the clause is its figure; else counts are not figures. */
  countIndicator: boolean;
  /** Year of the clause's period: 比2022年 is a yoy baseline only in 2023. */
  periodYear: number | null;
}

export interface ClauseFigures {
  figures: Figure[];
  /** Reasons to flag the clause: a figure that is there but cannot be loaded as written. */
  problems: string[];
  /** Numbers that are not figures of the indicator (counts, increments, planned amounts): a growth rate after them is theirs. */
  others: number;
  /** Of those, increments (增加12亿元, 较去年同期增长153.34亿元). */
  increments: number;
}

const UP = '增长|上升|提高|增加|提升|上涨';
const DOWN = '下降|减少|回落|下滑|降低|下跌';
/** A number written in digits, and the units a figure can carry: shared with release/respectively.ts. */
export const NUMBER = '-?\\d+(?:\\.\\d+)?';
export const FIGURE_UNITS = '个?百分点|万亿元|亿元|万元|元|%|个|倍';
const FIGURE = new RegExp(`(${NUMBER}|[零〇一二两三四五六七八九十百千]+)(${FIGURE_UNITS})`, 'g');
// 同比增8.9%, 同比降3.1%: the one-character verbs, only right after the words that make them a yoy change.
const VERB_BEFORE = new RegExp(`(${UP}|${DOWN}|(?<=同比|同期|比上年|较上年|比去年|较去年)[增降])了?(?:为|达到|达)?$`);
const FALLING = new RegExp(`^(?:${DOWN}|降)$`);
const RATE_BEFORE = /(?:增速|增幅)(?:为|是|达到了?|达)?$/;
const APPROXIMATE_BEFORE = /(超过|突破|逾|近|约|接近|不足|不到|超|将近|达到近)$/;
// Not 多 of 多个 (增长14.0%多个行业…, where a line break was lost).
const APPROXIMATE_AFTER = /^(左右|多(?![个项家种])|余|之多|大关|上下)/;
// 较去年全年多增31.5亿元: how much more (or less) than another amount.
const INCREMENT_BEFORE = /(?:多增|少增|多减|少减|多出|少于|多于)了?$/;
// 30亿元以上的项目: a size threshold that qualifies something else.
const THRESHOLD_AFTER = /^(以上|以下|以内|及以上|级)/;
// 两年平均增长, 年均增长: not a year-on-year rate.
const AVERAGE_BEFORE = /(?:两年平均|三年平均|年平均|年均|平均)$/;
// 增速回落2%, 比重提高3%: the change of a rate, in points written with %.
const RATE_CHANGE_BEFORE = /(?:增速|增幅|降幅|涨幅|比重|占比|份额|贡献率|开工率|完成率)(?:同比|比上年|较上年)?$/;
// 总投资1.44万亿元, 年计划投资2802亿元: what was planned, not what was done.
const PLANNED_BEFORE = /(?:总投资|计划投资|年度投资|计划完成投资|投资计划|目标|预计|预期|计划)[^，]*$/;
const PLAN_SHARE_BEFORE = /计划|年度投资|年度目标|年度任务/;
const MISSING_GROWTH = new RegExp(`(?:同比|(?:比|较)(?:上年|去年)(?:同期)?)(?:${UP}|${DOWN})(?![了为达到]*-?\\d)`);
const MISSING_AMOUNT = /(?<![\d零〇一二两三四五六七八九十百千万])(?:亿元|万元)(?!以上|以下|级)/;
const YEAR_BASELINE = /(?:比|较)(\d{4})年/;

/**
 * The figures of one clause (already cut at its comparison). Percentage-point differences, multiples,
 * increments in money (增加12亿元) and shares that are not plan shares are not figures of the indicator.
 */
export const extractFigures = (clause: string, opts: FigureOptions): ClauseFigures => {
  const figures: Figure[] = [];
  const problems: string[] = [];
  let others = 0;
  let increments = 0;
  let from = 0;
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(clause); m; m = FIGURE.exec(clause)) {
    const [text, num, unit] = m;
    const pre = clause.slice(from, m.index);
    const after = clause.slice(m.index + text.length);
    from = m.index + text.length;
    if (unit.endsWith('百分点') || unit === '倍') continue;
    if (THRESHOLD_AFTER.test(after)) continue;
    const approxAfter = APPROXIMATE_AFTER.exec(after);
    if (approxAfter) {
      problems.push(`figure is approximate (${text}${approxAfter[1]}); not loaded`);
      continue;
    }
    const chinese = parseDecimal(num) == null;
    if (chinese && unit !== '个') continue; // Chinese numerals only ever write counts here
    const value = unit === '个' ? parseCount(num) : parseDecimal(num);
    if (value == null) continue;

    if (unit === '%') {
      const verb = VERB_BEFORE.exec(pre);
      if (verb) {
        const subject = pre.slice(0, verb.index);
        if (AVERAGE_BEFORE.test(subject) || RATE_CHANGE_BEFORE.test(subject)) continue;
        const baseline = YEAR_BASELINE.exec(clause.slice(0, m.index));
        if (baseline && (opts.periodYear == null || Number(baseline[1]) !== opts.periodYear - 1)) continue;
        const sign = FALLING.test(verb[1]) ? -1 : 1;
        figures.push({ measure: 'yoy_pct', value: sign * value || 0, unit, index: m.index, text });
      } else if (RATE_BEFORE.test(pre)) {
        figures.push({ measure: 'yoy_pct', value, unit, index: m.index, text });
      } else if (PLAN_SHARE_BEFORE.test(pre)) {
        figures.push({ measure: 'plan_share_pct', value, unit, index: m.index, text });
      }
      continue;
    }
    if (VERB_BEFORE.test(pre) || INCREMENT_BEFORE.test(pre)) {
      others++; // an increment, not a level or a count
      increments++;
      continue;
    }
    const approx = APPROXIMATE_BEFORE.exec(pre);
    if (approx) {
      problems.push(`figure is approximate (${approx[1]}${text}); not loaded`);
      continue;
    }
    if (unit === '个') {
      // 412个市级重点项目: a count of projects is not the projects' investment
      if (opts.countIndicator) figures.push({ measure: 'count', value, unit, index: m.index, text });
      else others++;
      continue;
    }
    if (PLANNED_BEFORE.test(pre) && !/完成|实现/.test(pre.slice(pre.search(PLANNED_BEFORE)))) {
      others++;
      continue;
    }
    figures.push({ measure: 'level', value, unit, index: m.index, text });
  }

  const flat = /(?<!基本)持平/.exec(clause);
  if (flat) figures.push({ measure: 'yoy_pct', value: 0, unit: '%', index: flat.index, text: flat[0] });
  if (/基本持平/.test(clause)) problems.push('growth is stated as roughly flat (基本持平), not as a figure');
  if (MISSING_GROWTH.test(clause)) problems.push('growth is stated without a figure');
  if (MISSING_AMOUNT.test(clause)) problems.push('amount is stated without a figure');
  // 工业投资和制造业投资分别增长5%和6%: release-prose pairs them with their subjects before calling here
  if (clause.includes('分别') && (clause.match(FIGURE) ?? []).length > 1) {
    return { figures: [], problems: [...problems, 'clause gives several figures with 分别 that could not be paired with their subjects'], others, increments };
  }
  return { figures, problems, others, increments };
};
