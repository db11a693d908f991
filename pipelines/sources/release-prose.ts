// Adapter for press releases of a city statistics bureau or development and reform commission: reads the
// figures out of the prose ("1-5月，全市规模以上工业增加值同比增长4.2%") as observations.
// The release/ modules do the reading; this file walks the text and keeps what a clause leaves unsaid:
// - the period: one opening a clause (1-5月，…) holds until the next such one, through the page; one inside a
//   clause (…入围2024年百强市) holds for the rest of its sentence only;
// - the place: through the sentence, and into a next sentence that starts with 其中 (a part of what was said);
// - the indicator: through the sentence, while clauses go on about it (比上年增长5.1%).
import { z } from 'zod';
import { ConfigError, LayoutError } from '../errors.ts';
import type { FlaggedRow, ObservationRow, ParseResult } from '../types.ts';
import { validateObservations, type ObservationItem } from '../validate/observations.ts';
import type { ParseContext, SourceAdapter } from './contract.ts';
import { matchIndicator, type Indicator } from './indicators.ts';
import { cutComparison, extractFigures, splitClauses, splitSentences, type Figure } from './release/clauses.ts';
import { convertMoney, isMoneyUnit } from './release/numbers.ts';
import { findPeriod, parsePublished, resolveYear, type PeriodSpec } from './release/periods.ts';
import { placeOfClause, type PlaceResult } from './release/places.ts';
import { toParagraphs } from './release/text.ts';

export const NO_YEAR =
  'period has no year and the page has no publication date; pass --published or set published in the source settings';
export const NO_PERIOD = 'figure has no period: no 1-N月, 季度, 上半年, 全年 or year before it';
export const NO_PLACE = 'the clause names no place and the source sets no default place';

// A clause that goes on about the previous clause's indicator: 比上年增长5.1%, 占年度计划的81.7%, 按可比价格计算.
// Any other clause without an indicator has a subject of its own (其中新开工项目…) and ends the carry.
const CONTINUES = /^(?:全市|本市|我市|全省|全国)?(?:同比|比|较|与|按|占|完成|实现|达到|达|为|是|累计|合计|总量|增速|增幅|增长|上升|提高|增加|提升|上涨|下降|减少|回落|下滑|降低|下跌|持平)/;

const publishedOf = (ctx: ParseContext): string | null => {
  const p = ctx.published ?? (typeof ctx.settings.published === 'string' ? ctx.settings.published : null);
  if (p != null && !parsePublished(p)) throw new ConfigError(`source ${ctx.source}: published "${p}" is not a date YYYY-MM-DD`);
  return p;
};

/** Value and unit of a figure in the vocabulary's unit: money levels in the indicator's unit (亿元). */
const inIndicatorUnit = (fig: Figure, indicator: Indicator): { value: number; unit: string } | string => {
  if (fig.measure !== 'level' || !isMoneyUnit(fig.unit)) return { value: fig.value, unit: fig.unit };
  const value = convertMoney(fig.value, fig.unit, indicator.unit);
  if (value == null) return `level ${fig.text} is money but ${indicator.id} is measured in ${indicator.unit}`;
  return { value, unit: indicator.unit };
};

export const parseRelease = (body: string, ctx: ParseContext): ParseResult => {
  const published = publishedOf(ctx);
  const items: ObservationItem[] = [];
  const flagged: FlaggedRow[] = [];
  let sawFigure = false;
  let period: PeriodSpec | null = null;

  for (const para of toParagraphs(body)) {
    let place: PlaceResult = null;
    for (const sentence of splitSentences(para.text)) {
      const flag = (reason: string) => flagged.push({ row: para.line, raw: sentence, reason });
      let indicator: Indicator | null = null;
      let sentencePeriod: PeriodSpec | null = null;
      if (!sentence.startsWith('其中')) place = null;
      for (const whole of splitClauses(sentence)) {
        const clause = cutComparison(whole);
        const p = findPeriod(clause);
        if (p && p.index === 0) [period, sentencePeriod] = [p.spec, null];
        else if (p) sentencePeriod = p.spec;
        const rest = p ? clause.slice(0, p.index) + clause.slice(p.index + p.text.length) : clause;
        if (!rest) continue;
        const match = matchIndicator(rest);
        if (match) indicator = match.indicator;
        else if (!CONTINUES.test(rest)) indicator = null;
        if (!indicator) continue;

        const when = sentencePeriod ?? period;
        const year = when ? resolveYear(when, published) : null;
        const { figures, problems } = extractFigures(rest, {
          subjectAt: match ? match.index : null,
          countIndicator: indicator.unit === '个',
          periodYear: year,
        });
        problems.forEach(flag);
        if (!figures.length) continue;
        sawFigure = true;

        const stated = placeOfClause(rest.slice(0, match ? match.index : figures[0].index), ctx);
        if (stated) place = stated;
        const where = place ?? (ctx.defaultPlace ? { place: ctx.defaultPlace } : { problem: NO_PLACE });
        if (!when) flag(NO_PERIOD);
        else if (year == null) flag(NO_YEAR);
        else if ('problem' in where) flag(where.problem);
        if (!when || year == null || 'problem' in where) continue;

        for (const fig of figures) {
          const amount = inIndicatorUnit(fig, indicator);
          if (typeof amount === 'string') {
            flag(amount);
            continue;
          }
          const row: ObservationRow = {
            geo: where.place.name,
            geoZh: where.place.nameZh,
            indicator: indicator.id,
            periodYear: year,
            monthFrom: when.monthFrom,
            monthTo: when.monthTo,
            measure: fig.measure,
            value: amount.value,
            unit: amount.unit,
            comparisonGroup: null,
          };
          items.push({ row, raw: sentence, line: para.line });
        }
      }
    }
  }

  if (!sawFigure) throw new LayoutError(ctx.location, 'no statistics sentence with an indicator and a figure');
  const { clean, flagged: implausible } = validateObservations(items);
  return { observations: clean, rankings: [], firms: [], flagged: [...flagged, ...implausible] };
};

/** The settings of release-prose. */
export const ReleaseSettings = z
  .object({
    /** The page's publication date (YYYY-MM-DD), where neither the page nor the source states it. */
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-06-18').optional(),
  })
  .strict();

const releaseProse: SourceAdapter = {
  kind: 'release-prose',
  version: 1,
  feeds: ['observations'],
  settings: ReleaseSettings,
  parse: parseRelease,
};

export default releaseProse;
