// Adapter for press releases of a city statistics bureau or development and reform commission: reads the
// figures out of the prose ("1-5月，全市规模以上工业增加值同比增长4.2%") as observations.
// The release/ modules do the reading; this file walks the text and keeps what a clause leaves unsaid:
// - the date the page speaks from (release/dates.ts): the configured date, the dateline, the URL, the title;
// - the page's place (release/places.ts): what 全市 / 全省 mean, from the headline or the issuing office;
// - the period: one opening a clause (1-5月，…) holds until the next such one, through the page; one inside a
//   clause (…入围2024年百强市) holds for the rest of its sentence, and into a next sentence that starts with 其中;
// - the place: through the sentence, and into a next sentence that starts with 其中 (a part of what was said);
// - the indicator: through the sentence, while clauses go on about it (比上年增长5.1%), unless a count, an
//   increment or a planned amount came in between (重点项目936个，增加36个，增幅4.0%: that 4.0% is the count's).
import { z } from 'zod';
import { ConfigError, LayoutError } from '../errors.ts';
import type { FlaggedRow, ObservationRow, ParseResult, YearSource } from '../types.ts';
import { validateObservations, type ObservationItem } from '../validate/observations.ts';
import type { ParseContext, SourceAdapter } from './contract.ts';
import { matchIndicator, type Indicator, type IndicatorMatch } from './indicators.ts';
import { cutComparison, extractFigures, splitClauses, splitSentences, type Figure } from './release/clauses.ts';
import { findDateline, titleYear, urlDate } from './release/dates.ts';
import { convertMoney, isMoneyUnit } from './release/numbers.ts';
import { findPeriod, parsePublished, resolvePeriodYear, type PeriodMatch, type PeriodSpec, type ReferenceDate } from './release/periods.ts';
import { cityOfProvincePage, cityOfSentence, elsewhereProblem, pagePlaces, pageSubject, placeOfClause, placeOpeningClause, placesInstead, soleSubject, type PlaceResult } from './release/places.ts';
import { pairRespectively } from './release/respectively.ts';
import { toParagraphs } from './release/text.ts';

export const NO_YEAR =
  'period has no year and the page gives none (no dateline, no date in its URL or title, no publication date); pass --published or set published on the source';
export const NO_PERIOD = 'figure has no period: no 1-N月, 季度, 上半年, 全年 or year before it';
export const NO_PLACE = 'the clause names no place and the source sets no default place';
// A clause that gives a share of another total: its indicator words are that total's. (Not 带动: 带动
// 全市固定资产投资增长7.7% gives that total's own growth.)
const OF_ANOTHER_TOTAL = /^占/;
// A comparison with a named year (与2019年同期相比): a yoy baseline only when that year is the last.
const OLDER_BASELINE = /(?:与|和|比|较)(\d{4})年/;
// A clause that announces a release (市统计局发布2021年1-8月经济运行情况), and a figure, which it has none of.
const ANNOUNCES = /发布|公布|通报|经济运行|运行情况/;
// Growth over the whole year before (比上年增长, not 比上年同期): an annual figure.
const WHOLE_YEAR_GROWTH = /(?:比|较)(?:上年|去年)(?:增长|下降|增加|减少|上升)了?(?=-?\d)/;
// A clause that sets a goal or a forecast (按照上半年计划投资完成率60%…的目标, 力争, 确保, 预计): its figures are
// not results.
const TARGET = /^(?:按照|力争|确保|争取|预计)|的目标$/;
const FIGURE_LIKE = /\d(?:\.\d+)?\s*(?:%|亿|万|元|个|家|项|倍)/;
export const UNKNOWN_INDICATOR = 'unknown indicator';

// A clause that goes on about the previous clause's indicator: 比上年增长5.1%, 占年度计划的81.7%, 按可比价格计算.
// Any other clause without an indicator has a subject of its own (其中新开工项目…) and ends the carry.
const CONTINUES =
  /^(?:全市|本市|我市|全省|全国)?(?:大幅|小幅|稳步|快速|持续)?(?:同比|比|较|与|按|占|完成|实现|达到|达|为|是|累计|合计|总量|增速|增幅|增长|上升|提高|增加值|增加|提升|上涨|下降|减少|回落|下滑|降低|下跌|持平|超额|总投资|年度计划|年计划)/;
// 全省78个县（市）实现地区生产总值…: a total of a group of places, which is not the place's own.
const GROUP_OF_PLACES = /[\d零〇一二两三四五六七八九十百]+个(?:县|市|区|城市|地市|市州|县区|区县|县市|开发区|园区|乡镇|镇)(?![级场民属内外域直])/;
// A line with no sentence mark is a heading (信心增强 民间投资增长8.3%): a figure the text under it
// states again, with its period, is read there, not from the heading; its period and place still count.
const isHeading = (text: string): boolean => !/[，。；！？：]/.test(text) && text.length <= 40;
/** Whether the text states a figure again, exactly or with more decimals (4575亿元 as 4575.09亿元). */
const statesAgain = (text: string | null, fig: Figure): boolean => {
  if (text == null || !fig.text.endsWith(fig.unit)) return false;
  const number = fig.text.slice(0, fig.text.length - fig.unit.length);
  const more = number.includes('.') ? '\\d*' : '(?:\\.\\d+)?';
  return new RegExp(`(?<![\\d.])${number.replace('.', '\\.')}${more}${fig.unit}`).test(text);
};
// The words before a figure that say what it measures, when they are not in the vocabulary: 原煤产量, 第一产业投资.
const INDICATOR_LIKE = /([\u4e00-\u9fa5（）]{2,16}?(?:增加值|总产值|产值|投资|总额|零售额|销售额|营业额|营业收入|收入|进出口|出口|进口|产量|利润|总值))$/;
const AROUND_WORDS = [/^(?:其中|全市|全省|本市|我市)+/, /后?(?:同比|比上年|比去年|较上年|较去年)?(?:同期)?(?:共|累计|实现|完成)?(?:增长|下降|上升|减少|提高|回落|下滑|降低|下跌)?了?(?:为|达到|达)?$/];
/** What a figure measures, in the page's words, when it looks like an indicator: 原煤产量. */
const indicatorWords = (head: string): string | null => {
  const words = AROUND_WORDS.reduce((w, re) => w.replace(re, ''), head).replace(/^[\d零〇一二两三四五六七八九十百千]+个/, '');
  return INDICATOR_LIKE.exec(words)?.[1] ?? null;
};

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

// The project lists a page can call plain 项目 once it has named them (196个续建和117个新建项目完成投资…).
const PAGE_PROJECTS = new Set(['key_project_investment', 'provincial_key_project_investment']);
// Projects named only by their count and stage: 续建, 新建, 在建 are stages of the page's list, not a group of its own.
// One stage alone (新开工项目) is a part of the list; two joined (续建和新建项目) are the whole of it.
const PLAIN_PROJECTS = /^(?:[\d零〇一二两三四五六七八九十百千]+个|续建|新建|新开工|在建|和|及|、|共|市级|省级|重点)*项目(?:共|累计)?完成投资/;
const STAGES = /续建|新建|新开工|在建/g;

/** 项目完成投资 with no group named: the project list the page last named, if any. */
const projectsOfPage = (clause: string, last: Indicator | null): IndicatorMatch | null => {
  const start = clause.search(/[\d零〇一二两三四五六七八九十百千]+个|续建|新建|新开工|在建|项目/);
  // Nothing but a place word may stand before them: 全市196个续建和117个新建项目, not 文化旅游项目.
  if (start < 0 || !/^(?:其中|全市|全省|本市|我市|共有|共|此外|同时)*$/.test(clause.slice(0, start))) return null;
  const words = PLAIN_PROJECTS.exec(clause.slice(start))?.[0];
  if (!last || !words || (words.match(STAGES) ?? []).length === 1) return null;
  return { indicator: last, alias: '项目', index: start };
};

/** The period a clause with no figure ends on, if it ends on one. */
const closingPeriod = (clause: string): PeriodMatch | null => {
  if (FIGURE_LIKE.test(clause)) return null;
  let last: PeriodMatch | null = null;
  for (let from = 0, m = findPeriod(clause); m; m = findPeriod(clause.slice(from))) {
    last = { ...m, index: from + m.index };
    from = last.index + m.text.length;
  }
  return last && last.index > 0 && last.index + last.text.length === clause.length ? last : null;
};

/** One subject of a clause and the part of the clause that gives its figures. */
interface Reading {
  indicator: Indicator | null;
  /** The clause text the figures are read from, and where the indicator's words start in it (null: carried). */
  text: string;
  subjectAt: number | null;
}

export const parseRelease = (body: string, ctx: ParseContext): ParseResult => {
  const paragraphs = toParagraphs(body);
  const published = publishedOf(ctx);
  const pub = published ? parsePublished(published) : null;
  const reference: ReferenceDate | null =
    (pub && { ...pub, source: 'published' as YearSource }) ?? findDateline(paragraphs) ?? urlDate(ctx.location) ?? titleYear(paragraphs);
  // The page's subject from its opening; failing that, when the assumed city does not hold for the
  // page (placesInstead), the one place the whole page names as a subject, if there is one.
  const opening = pageSubject(paragraphs, ctx);
  const instead = opening ? null : placesInstead(paragraphs, ctx);
  const subject = opening ?? (instead ? soleSubject(paragraphs, ctx) : null);
  const page = pagePlaces(subject, ctx, subject ? null : instead, cityOfProvincePage(paragraphs, ctx, subject));
  // A clause that names no place is about the page's subject (a province page's figures are the province's).
  const defaultPlace = subject ?? (page.elsewhere ? null : ctx.defaultPlace);
  const noPlace: PlaceResult = page.elsewhere ? { problem: elsewhereProblem('the clause names no place', page.elsewhere), pagePlace: true } : { problem: NO_PLACE };

  // A place may stand joined before an indicator's name (宁波工业投资); other words make a longer noun.
  const matchIn = (text: string) => matchIndicator(text, (name) => ctx.lookupPlace(name.replace(/全(?:省|市)$/, '')) != null);
  const items: ObservationItem[] = [];
  const flagged: FlaggedRow[] = [];
  let sawFigure = false;
  let period: PeriodSpec | null = null;
  // The offset of the sentence that opened `period`: a period carried from an earlier sentence.
  let periodFrom = -1;
  let lastProjects: Indicator | null = null;
  let statedYear: ReferenceDate | null = null;
  // A stated year gives no year to 今年, 去年 or 前年: a page on 2020 may be from 2021, where 去年 is
  // 2020 (2017年… then 今年前三季度: 今年 is not 2017).
  const yearOf = (spec: PeriodSpec) => resolvePeriodYear(spec, reference ?? (spec.relative != null ? null : statedYear));

  for (const [index, para] of paragraphs.entries()) {
    if (para.title) continue; // read for its year only; the headline's figures stand again in the body
    // A heading's text under it, where its figures may stand again.
    const under = isHeading(para.text) ? paragraphs.slice(index + 1).map((q) => q.text).join('\n') : null;
    let place: PlaceResult = null;
    let sentencePeriod: PeriodSpec | null = null;
    // The indicator the last sentence ended on: a 其中 sentence may go on about it (其中，甲、乙分别增长…).
    let previousIndicator: Indicator | null = null;
    let searchFrom = 0;
    for (const sentence of splitSentences(para.text)) {
      const at = para.text.indexOf(sentence, searchFrom);
      searchFrom = at + sentence.length;
      const offset = para.offset + Math.max(0, at);
      const flag = (reason: string, observation?: FlaggedRow['observation']) =>
        flagged.push({ row: para.line, raw: sentence, reason, ...(observation ? { observation } : {}) });
      const partOfPrevious = sentence.startsWith('其中');
      if (!partOfPrevious) [place, sentencePeriod] = [null, null];
      let indicator: Indicator | null = null;
      let lastRead: Indicator | null = null;
      let carryBlocked = false;
      // Whether the clause before gave figures of the indicator: an increment right after the indicator's
      // own level (完成投资313.64亿元，较去年同期增长153.34亿元，同比增长95.66%) is that level's, and so is
      // the growth after it; after a count or a planned amount, both are theirs.
      let gaveFigures = false;
      let baselineYear: number | null = null;
      // The group of places the sentence's indicator was last read for (78个县（市）), if any.
      let groupOfSentence: RegExpExecArray | null = null;
      const wholeYear = WHOLE_YEAR_GROWTH.exec(sentence)?.[0];

      for (const whole of splitClauses(sentence)) {
        const clause = cutComparison(whole);
        // 与2019年同期相比，增长20%: a clause that is all comparison with a year before the last makes the
        // next clause's growth a growth over that year, not a yoy one.
        const baselineBefore = baselineYear;
        baselineYear = clause ? null : Number(OLDER_BASELINE.exec(whole)?.[1] ?? Number.NaN) || null;
        const p = findPeriod(clause);
        // A period opens what follows at the head of a clause, or at the end of one with no figure
        // (…发布成都上半年经济运行数据2021年上半年，成都全市实现…, where a line break was lost).
        // A single month opens only its sentence once the page has a period (1-6月… then 6月份，…: what
        // follows is cumulative again), and a period followed by 的 (今年1月份的895.9亿元) only its figure.
        const single: boolean = p != null && p.spec.monthFrom === p.spec.monthTo && period != null;
        const modifier = p != null && clause.slice(p.index + p.text.length).startsWith('的');
        const opens: PeriodMatch | null = p && !single && !modifier ? (p.index === 0 ? p : closingPeriod(clause)) : null;
        if (opens) [period, sentencePeriod, periodFrom] = [opens.spec, null, offset];
        // 2020年上半年… then 上半年…: a year stated at the head of a clause, or in a clause that announces
        // the release without a figure (统计局发布2021年1-8月经济运行情况), carries to later periods that state none.
        const yearStated = p != null && p.spec.year != null && p.spec.relative == null;
        if (opens && opens.spec.year != null && opens.spec.relative == null) statedYear = { year: opens.spec.year, month: null, source: 'text' };
        else if (p && !opens && !modifier) {
          sentencePeriod = p.spec;
          // 全市上半年经济运行总体趋稳回升: a period counted from January, before the page has opened one, is
          // the page's (not a single month, 5月份…, which cumulative figures after it are not; not 一季度以来).
          if (!period && p.spec.monthFrom === 1 && p.spec.monthTo < 12 && !clause.slice(p.index + p.text.length).startsWith('以来')) [period, periodFrom] = [p.spec, offset];
        }
        if (yearStated && p.index > 0 && ANNOUNCES.test(clause) && !FIGURE_LIKE.test(clause)) statedYear = { year: p.spec.year!, month: null, source: 'text' };
        // The period's place is kept by a mark, so the words on either side do not run together; a
        // figure's own period stays, to be read as the figure's.
        const rest = p && !modifier ? clause.slice(0, p.index) + (p.index > 0 ? '·' : '') + clause.slice(p.index + p.text.length) : clause;
        // 其中 alone (…增长9.2%，其中，甲、乙分别增长…) introduces parts of what was just said: nothing ends.
        if (!rest || /^(?:其中|其中的)$/.test(rest)) continue;

        // 甲、乙分别增长5%、6%: one reading per subject; otherwise the clause is one reading.
        const pairs = pairRespectively(rest, matchIn);
        let readings: Reading[];
        if (pairs) {
          readings = [];
          // 成都市、德阳市分别增长8.5%、8.2% (after the indicator was named) or 分别实现社会消费品零售总额…:
          // places as the subjects, of the indicator after 分别, else of the one the text is about.
          const carried = indicator ?? (partOfPrevious ? previousIndicator : null);
          // 全市规模以上工业增加值、…分别增长…: the place before the list is every subject's.
          const listPlace = placeOfClause(rest, ctx, cityOfSentence(place, page));
          if (listPlace) place = listPlace;
          for (const pair of pairs) {
            const place = pair.indicator ? null : ctx.lookupPlace(pair.words.replace(AROUND_WORDS[0], ''));
            const shared = place ? (matchIn(pair.text.slice(pair.words.length))?.indicator ?? carried) : null;
            if (pair.indicator) readings.push({ indicator: pair.indicator, text: pair.text, subjectAt: 0 });
            else if (shared) readings.push({ indicator: shared, text: pair.text, subjectAt: pair.words.length });
            else flag(`${UNKNOWN_INDICATOR}: ${pair.words.replace(AROUND_WORDS[0], '')} (${pair.text})`);
          }
          indicator = null;
        } else {
          // 占规上工业增加值比重达69.1%: the total named there is not what the sentence goes on about.
          const match: IndicatorMatch | null = OF_ANOTHER_TOTAL.test(rest) ? null : (matchIn(rest) ?? projectsOfPage(rest, lastProjects));
          if (match) [indicator, carryBlocked] = [match.indicator, false];
          // 年度计划完成投资56.21亿元，1-6月份累计完成投资35.9亿元: after a planned amount, the project list's
          // completed investment, said again, is the list's figure.
          else if (carryBlocked && indicator && PAGE_PROJECTS.has(indicator.id) && /^(?:累计|共|合计)?完成投资/.test(rest)) carryBlocked = false;
          else if (!CONTINUES.test(rest)) indicator = null;
          if (match && PAGE_PROJECTS.has(match.indicator.id)) lastProjects = match.indicator;
          readings = [{ indicator: carryBlocked && !match ? null : indicator, text: rest, subjectAt: match ? match.index : null }];
          // 郑东新区位居第二，GDP总量562.61亿元: a place opening a clause holds for the rest of the sentence,
          // even when that clause gives no figure.
          const opening = placeOpeningClause(rest.slice(0, match ? match.index : undefined).split(/[\d（(]/)[0], ctx, cityOfSentence(place, page));
          if (opening) place = opening;
        }

        // A figure's own period (由2013年的3140.8亿元…) dates that figure even where nothing else dates the clause.
        const when = sentencePeriod ?? period ?? (modifier ? p.spec : null);
        const resolved = when ? yearOf(when) : null;
        for (const reading of readings) {
          const read = extractFigures(reading.text, {
            countIndicator: reading.indicator?.unit === '个',
            periodYear: resolved?.year ?? null,
          });
          if (TARGET.test(whole) && read.figures.length) {
            flag(`a target or a forecast, not a result: ${read.figures.map((f) => f.text).join('、')}`);
            continue;
          }
          const { problems, others, increments } = read;
          // 项目投资下降4.8%、房地产开发投资增长25.6%: a figure before the indicator's words is another subject's
          // (a count comes first: 3个城市入围百强市).
          const early = reading.subjectAt && reading.indicator?.unit !== '个' ? read.figures.filter((f) => f.index < reading.subjectAt!) : [];
          const overOlderYear = baselineBefore != null && baselineBefore !== (resolved?.year ?? Number.NaN) - 1;
          const figures = read.figures.filter((f) => !early.includes(f) && !(overOlderYear && f.measure === 'yoy_pct'));
          if (early.length) {
            // Shown, never dropped unsaid: the words before it, else the figure itself.
            const words = indicatorWords(reading.text.slice(0, early[0]!.index));
            flag(`${UNKNOWN_INDICATOR}: ${words ?? `${early.map((f) => f.text).join('、')} before ${reading.indicator!.nameZh}`}`);
          }
          if (others && !figures.length && !(increments === others && gaveFigures)) carryBlocked = true;
          gaveFigures = figures.length > 0 && reading.indicator != null;
          if (!reading.indicator) {
            const unknown = figures.length ? indicatorWords(reading.text.slice(0, figures[0].index)) : null;
            if (unknown && !carryBlocked && !statesAgain(under, figures[0]!)) flag(`${UNKNOWN_INDICATOR}: ${unknown}`);
            continue;
          }
          problems.forEach((problem) => flag(problem));
          if (!figures.length) continue;
          sawFigure = true;
          lastRead = reading.indicator;

          let head = reading.text.slice(0, reading.subjectAt ?? figures[0].index);
          // 我省重点项目: the name 省重点项目 took the 省 of 我省, which says the place.
          const named = reading.subjectAt != null ? reading.text[reading.subjectAt] : undefined;
          if (named && /[省市]/.test(named) && /(?:全|本|我)$/.test(head)) head += named;
          // …78个县（市）实现地区生产总值4248.92亿元，同比增长8.6%: the growth is the group's too.
          const group: RegExpExecArray | null = reading.indicator.unit !== '个' ? (GROUP_OF_PLACES.exec(head) ?? (reading.subjectAt == null ? groupOfSentence : null)) : null;
          if (reading.subjectAt != null) groupOfSentence = group;
          if (group) {
            figures.forEach(() => flag(`figure of ${group[0]}, a group of places, not of the place they belong to; not read`));
            continue;
          }
          const stated = placeOfClause(head, ctx, cityOfSentence(place, page));
          if (stated) place = stated;
          const where = place ?? (defaultPlace ? { place: defaultPlace } : noPlace);
          if (!when) {
            flag(NO_PERIOD);
            continue;
          }
          // A figure of the page's own place, when that is not known, is shown by extract with no place
          // (it is what the page is about), never loaded; one of a place named but unknown is only flagged.
          const at = 'problem' in where ? { code: '', name: '', nameZh: null } : where.place;
          if ('problem' in where && !where.pagePlace) {
            flag(where.problem);
            continue;
          }
          let from = reading.subjectAt ?? 0;
          for (const fig of figures) {
            // 已超过去年全年的8118.5亿元: a period just before the figure is the figure's own.
            const own = findPeriod(reading.text.slice(from, fig.index));
            from = fig.index + fig.text.length;
            if (statesAgain(under, fig)) continue;
            const figWhen = own?.spec ?? when;
            const figYear = own ? yearOf(own.spec) : resolved;
            const amount = inIndicatorUnit(fig, reading.indicator);
            if (typeof amount === 'string') {
              flag(amount);
              continue;
            }
            const row: ObservationRow = {
              geoCode: at.code,
              geo: at.name,
              geoZh: at.nameZh,
              indicator: reading.indicator.id,
              periodYear: figYear?.year ?? Number.NaN,
              monthFrom: figWhen.monthFrom,
              monthTo: figWhen.monthTo,
              measure: fig.measure,
              value: amount.value,
              unit: amount.unit,
              comparisonGroup: null,
              yearSource: figYear?.source ?? null,
              quote: sentence,
              offset,
            };
            // 全市固定资产投资比上年增长15.7% after 1-11月份，…: 比上年 without 同期 is a whole year's
            // growth, so a part of the year carried from an earlier sentence is not this sentence's period.
            if (wholeYear && !own && !sentencePeriod && periodFrom !== offset && figWhen.monthTo < 12) {
              flag(`${wholeYear} speaks of a whole year, but the period in force (months ${figWhen.monthFrom}-${figWhen.monthTo}) was stated in an earlier sentence; not read`, { ...row, periodYear: figYear?.year ?? null });
              continue;
            }
            if ('problem' in where) flag(where.problem, { ...row, periodYear: figYear?.year ?? null });
            // Read, but not placed in time: shown by extract, quarantined by a load, never given a guessed year.
            else if (!figYear) flag(NO_YEAR, { ...row, periodYear: null });
            else items.push({ row, raw: sentence, line: para.line });
          }
        }
      }
      previousIndicator = lastRead;
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
  version: 6, // 2: dates, glosses, baselines, 分别 pairs, page places, unknown indicators, quotes; 3: narrower names, 出口交货值, grouping + 完成投资; 4: places, announced years, increments of the level, 同比增, shares of another total, figures before the words, key-project progress; 5: parts of places and of totals, 该省, note marks, periods that open a page mid-clause; 6: groups of places, headings, single months, 1-3季度, 全市 on another province's page, a figure before the words always flagged
  feeds: ['observations'],
  settings: ReleaseSettings,
  parse: parseRelease,
};

export default releaseProse;
