// What the three ranking adapters share: reading headers, numbers and years, and handing rows to
// the validator. Each adapter only finds the rows in its own kind of page.
import { z } from 'zod';
import * as cheerio from 'cheerio';
import { ConfigError, SnapshotError } from '../errors.ts';
import { toSimplified } from '../simplified.ts';
import { emptyParseResult, type FlaggedRow, type ParseResult, type YearSource } from '../types.ts';
import { validateRankings, type ReadRankingRow } from '../validate/rankings.ts';
import { chineseNumeral } from './chinese-numeral.ts';
import type { ParseContext } from './contract.ts';
import { rankingList, type RankedUnit } from './ranking/lists.ts';
import { prefecturesNamed } from './ranking/places.ts';

export type Column = 'rank' | 'city' | 'province' | 'score' | 'prefecture';
export type ColumnMap = Partial<Record<Column, number>> & { rank: number; city: number };

/**
 * Traditional to simplified, full-width digits, letters and ．to ASCII, no-break spaces to spaces.
 * Chinese punctuation (，。；) stays: sentence and cell splitting rely on it.
 */
export function simplify(s: string): string {
  return toSimplified(s)
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e]/g, (c: string) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u00a0/g, ' ');
}

export const looksLikeHtml = (body: string): boolean => /<(html|body|p|div|table|br|pre|span|h\d)\b/i.test(body);

const BLOCKS = 'p,div,li,tr,h1,h2,h3,h4,h5,h6,table,section,article,pre,title,caption,ul,ol,header,footer,blockquote';

/** Visible text of an HTML page, one block per line, so line-based parsing still works. */
export function htmlToText(html: string): string {
  const $ = cheerio.load(html);
  $('script,style,noscript,template').remove();
  $('br').replaceWith('\n');
  $(BLOCKS).each((_, el) => {
    $(el).prepend('\n').append('\n');
  });
  $('td,th').append('\t');
  return $.root()
    .text()
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.replace(/[ \u00a0]+$/g, '').replace(/^[ \u00a0]+/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** A rank cell: 3, 第3位, 第十二名, 3.0, ＝3 or 并列3 (the tie marker is dropped); NaN when unreadable. */
export function parseRank(cell: string): number {
  const s = simplify(cell)
    .replace(/\s+/g, '')
    .replace(/^(并列|=|t|T)/, '')
    .replace(/^第/, '')
    .replace(/[位名]$/, '');
  if (/^\d+(\.0+)?$/.test(s)) return Number(s);
  if (/^\d+\.\d+$/.test(s)) return Number(s); // the validator says why 3.5 is no rank
  return chineseNumeral(s) ?? Number.NaN;
}

/** A score cell: 85.2, 85.20分, 1,024.5; null for an empty cell or a dash; NaN when unreadable. */
export function parseScore(cell: string): number | null {
  const s = simplify(cell).replace(/\s+/g, '').replace(/,/g, '').replace(/分$/, '');
  if (!s || /^[-—–/]+$/.test(s) || /^(n\/?a|无|暂无)$/i.test(s)) return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

// Header words, matched against the whole cell after simplifying and dropping spaces and brackets.
// A "rank" header for last year or for the change is not this year's rank.
const NOT_THIS_RANK = /上年|去年|上期|上届|变化|变动|升降|change|previous|last|prior/;
const HEADERS: [Column, RegExp, number][] = [
  // 全国排名 beside 序号 (a list's rows picked from one province): the list's rank, not the row number.
  ['rank', /^((19|20)\d{2}年?)?(全国|总|综合)?(排名|名次|排序|位次|排位|排行)$|^(rank|ranking|no|#)$/, 2],
  ['rank', /^(序号|序)$/, 1], // often just a row number, so only when nothing better is there
  ['city', /^(城市|地区|地市|城市名称|城市名|所在城市|市|city|cityname)$/, 2],
  ['province', /^(所属|所在)?(省份|省区|省市|省)$|^(province|provinces)$/, 2],
  ['score', /^((19|20)\d{2}年?)?(综合|总)?(得分|总分|指数|分数|评分|分值)$|^(综合)?指数(得分)?$|^((total)?score|index|points)$/, 2],
  ['prefecture', /^(所属|所在)?(地级市|地市州|所属城市|所在地级市)$/, 2],
];
// In a county or district list the ranked unit has its own header; 地区 or 城市 there is the province or prefecture.
const UNIT_HEADERS: [Column, RegExp, number][] = [
  ['city', /^(县市|县|县市区|县区|区县|县级市|区|城区|市辖区|县域|百强县|百强区)(名称)?$/, 3],
];

// 省(市、自治区) and 县(市) name their column by the word before the brackets.
const headerKey = (cell: string): string =>
  simplify(cell)
    .toLowerCase()
    .replace(/[(（]([^)）]*)[)）]/g, (_, inner: string) => (/^(市|区|县|市区|县市)$/.test(inner) ? inner : ''))
    .replace(/[\s()（）【】[\]:：*.．、,，]/g, '');

/** Which column a header cell names, with how sure the match is (序号 is weaker than 排名). */
export function headerColumn(cell: string, unit: RankedUnit = 'city'): { column: Column; strength: number } | null {
  const key = headerKey(cell);
  if (!key || NOT_THIS_RANK.test(key)) return null;
  if (unit !== 'city') for (const [column, re, strength] of UNIT_HEADERS) if (re.test(key)) return { column, strength };
  for (const [column, re, strength] of HEADERS) if (re.test(key)) return { column, strength };
  return null;
}

/** Column positions of a header row, or null unless it has both a rank and a city column. */
export function mapColumns(cells: readonly string[], unit: RankedUnit = 'city'): ColumnMap | null {
  const found: Partial<Record<Column, { index: number; strength: number }>> = {};
  cells.forEach((cell, index) => {
    const match = headerColumn(cell, unit);
    if (!match) return;
    const prev = found[match.column];
    if (!prev || match.strength > prev.strength) found[match.column] = { index, strength: match.strength };
  });
  if (!found.rank || !found.city) return null;
  const map: ColumnMap = { rank: found.rank.index, city: found.city.index };
  if (found.province) map.province = found.province.index;
  if (found.score) map.score = found.score.index;
  if (found.prefecture) map.prefecture = found.prefecture.index;
  return map;
}

/** The first year stated in these texts: 2022年, (2022) or a bare 2022 in an English title. */
export function findYear(texts: readonly (string | null | undefined)[]): number | null {
  const patterns = [/((?:19|20)\d{2})\s*年/, /[(（]\s*((?:19|20)\d{2})\s*[)）]/, /(?<!\d)((?:19|20)\d{2})(?!\d)/];
  for (const re of patterns) {
    for (const text of texts) {
      const m = text && simplify(text).match(re);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/** The settings of the ranking adapters. */
export const RankingSettings = z
  .object({
    /** The ranking's id, e.g. ccid-top100-advanced-manufacturing-cities (data/reference/ranking-lists.csv). */
    list: z.string().min(1),
    /** The list's year, where the page's title or caption does not say it. */
    year: z.number().int().min(1900).max(2100).optional(),
    /** The page lists every rank from 1 on, so a gap is flagged. */
    complete: z.boolean().default(false),
  })
  .strict();

/** The list a source holds and its year, with where the year came from. */
export interface ListAndYear {
  list: string;
  unit: RankedUnit;
  year: number;
  yearSource: YearSource;
}

/** The year the settings give, checked; null when they give none. */
export function settingsYear(ctx: ParseContext): number | null {
  const raw = ctx.settings.year;
  const year = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}$/.test(raw.trim()) ? Number(raw) : null;
  if (raw != null && (year == null || !Number.isInteger(year) || year < 1900 || year > 2100)) {
    throw new ConfigError(`source ${ctx.source}: settings.year must be a four-digit year, got ${JSON.stringify(raw)}`);
  }
  return year;
}

/** The configured list's id. */
export function settingsList(ctx: ParseContext): string {
  const list = ctx.settings.list;
  if (typeof list !== 'string' || !list.trim()) {
    throw new ConfigError(`source ${ctx.source}: set \`list\` (the ranking's id) in the source's settings`);
  }
  return list.trim();
}

/** The page states no year for the list: nothing is loaded rather than loaded under a guessed year. */
export function noYear(ctx: ParseContext, where = 'the page title or caption'): SnapshotError {
  return new SnapshotError(ctx.location, null, `no year for the ranking in ${where}`, "set `year` in the source's settings");
}

/**
 * List id and year from the settings; the year may instead come from the page's title texts (a
 * table's caption, the lines above it). With neither, the page fails with SnapshotError.
 */
export function listAndYear(ctx: ParseContext, titleTexts: readonly (string | null | undefined)[]): ListAndYear {
  const list = settingsList(ctx);
  const unit = rankingList(list, ctx.rankingLists).unit;
  const fromSettings = settingsYear(ctx);
  if (fromSettings != null) return { list, unit, year: fromSettings, yearSource: 'settings' };
  const year = findYear(titleTexts);
  if (year == null) throw noYear(ctx);
  return { list, unit, year, yearSource: 'title' };
}

/** Cells of a row, by the column map, as a row read for the validator. */
export function readRow(
  cells: readonly string[],
  columns: ColumnMap,
  meta: { list: string; year: number | null; raw: string; line: number | null; yearSource?: YearSource | null; quote?: string | null; offset?: number | null },
): ReadRankingRow {
  const cell = (i: number | undefined): string => (i == null ? '' : (cells[i] ?? '').trim());
  const rankText = cell(columns.rank);
  const scoreText = cell(columns.score);
  const province = cell(columns.province);
  const prefecture = cell(columns.prefecture);
  return {
    ...meta,
    rank: parseRank(rankText),
    rankText,
    // 并列3 or =3: the source writes the rank as shared.
    ...(/^\s*(并列|=|T\d)/.test(simplify(rankText)) ? { tied: true } : {}),
    city: cell(columns.city),
    province: province || null,
    ...(prefecture ? { prefecture } : {}),
    score: columns.score == null ? null : parseScore(scoreText),
    scoreText,
  };
}

/** Validates the rows read and assembles the adapter's result; `flagged` holds what the adapter itself set aside. */
export function finishRankings(ctx: ParseContext, rows: readonly ReadRankingRow[], flagged: readonly FlaggedRow[] = [], pageText = ''): ParseResult {
  const unit = typeof ctx.settings.list === 'string' ? rankingList(ctx.settings.list.trim(), ctx.rankingLists).unit : 'city';
  const { clean, flagged: rejected } = validateRankings(rows, {
    complete: ctx.settings.complete === true,
    unit,
    prefectures: unit === 'city' ? [] : prefecturesNamed(pageText),
  });
  return { ...emptyParseResult(), rankings: clean, flagged: [...flagged, ...rejected] };
}
