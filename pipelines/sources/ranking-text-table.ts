// A ranking typed as a plain-text table inside an article: a header line, then one line per city,
// or the same table flattened onto one line ("排名 城市 得分 1 甲 90 2 乙 85 ...") or typed one cell a
// line between "|" lines; a header repeated side by side holds that many rows a line. A row cut short
// where the text ends is flagged, never dropped.
import * as cheerio from 'cheerio';
import { LayoutError } from '../errors.ts';
import type { FlaggedRow } from '../types.ts';
import type { ReadRankingRow } from '../validate/rankings.ts';
import type { SourceAdapter } from './contract.ts';
import {
  finishRankings, headerColumn, htmlToText, listAndYear, looksLikeHtml, mapColumns, parseRank, parseScore, readRow, settingsList, simplify, type ColumnMap, RankingSettings,
} from './ranking-common.ts';
import { rankingList, type RankedUnit } from './ranking/lists.ts';
import { resolveRankedPlace } from './ranking/places.ts';

type Splitter = (line: string) => string[];

const trimCells = (cells: string[]): string[] => cells.map((c) => c.trim());
// Pipes (a Markdown-like table) or tabs, full-width spaces and runs of 2+ spaces keep
// multi-word English names ("Inner Mongolia") in one cell; single spaces are the fallback.
const byPipes: Splitter = (line) => trimCells(line.replace(/^\s*\|/, '').replace(/\|\s*$/, '').split('|'));
const byWideGaps: Splitter = (line) => trimCells(line.trim().split(/(?:\t|\u3000| {2,})+/));
const bySpaces: Splitter = (line) => line.trim().split(/[\s\u3000]+/);

// A line of dashes between the header and the rows (|---|---|).
const RULE_LINE = /^[\s|:\-—=+]+$/;
// Sentences have punctuation that table rows do not.
const PROSE = /[，。；！？]/;

/**
 * A header that repeats its columns side by side ("排名|县|省|排名|县|省", a long table printed in two
 * halves): each row of text holds `count` rows of the ranking, `width` cells each. A header that does
 * not repeat is one group as wide as itself.
 */
interface HeaderGroups {
  columns: ColumnMap;
  width: number;
  count: number;
}

function headerGroups(cells: readonly string[], unit: RankedUnit): HeaderGroups | null {
  const same = (a: ColumnMap, b: ColumnMap): boolean => JSON.stringify(a) === JSON.stringify(b);
  for (let count = Math.floor(cells.length / 2); count >= 2; count--) {
    if (cells.length % count) continue;
    const width = cells.length / count;
    const maps = Array.from({ length: count }, (_, k) => mapColumns(cells.slice(k * width, (k + 1) * width), unit));
    if (maps.every((m) => m && same(m, maps[0]!))) return { columns: maps[0]!, width, count };
  }
  const columns = mapColumns(cells, unit);
  return columns ? { columns, width: cells.length, count: 1 } : null;
}

function splitterFor(line: string, unit: RankedUnit): { split: Splitter; groups: HeaderGroups } | null {
  const candidates = line.includes('|') ? [byPipes] : [byWideGaps, bySpaces];
  for (const split of candidates) {
    const cells = split(line);
    const groups = headerGroups(cells, unit);
    // Mostly header words, so that a title such as "city ranking 2021" is not taken for the header.
    if (groups && Object.keys(groups.columns).length * groups.count * 2 >= cells.filter(Boolean).length) return { split, groups };
  }
  return null;
}

/**
 * A row with fewer cells than the header (an optional province or score left out) is laid out
 * again by content: after the rank and city, a number is the score and a word the province.
 */
function alignCells(cells: string[], columns: ColumnMap, headerWidth: number): string[] {
  if (cells.length === headerWidth) return cells;
  const aligned = Array<string>(headerWidth).fill('');
  aligned[columns.rank] = cells[columns.rank] ?? '';
  aligned[columns.city] = cells[columns.city] ?? '';
  for (const extra of cells.slice(Math.max(columns.rank, columns.city) + 1)) {
    const n = parseScore(extra);
    const target = n != null && !Number.isNaN(n) ? columns.score : columns.province;
    if (target != null) aligned[target] = extra;
  }
  return aligned;
}

/** A word of the text with where it stands: its offset in the page text and its line (from 1). */
interface Token {
  text: string;
  at: number;
  line: number;
}

/** A table flattened onto one run of words: header words, then rows of as many cells, each opening with its rank. */
interface Flattened {
  columns: ColumnMap;
  /** Where the header starts. */
  header: Token;
  rows: { cells: string[]; at: number; line: number }[];
  /** A last row with fewer cells than the header: cut where the text ends. */
  cut: { cells: string[]; at: number; line: number } | null;
}

function flattened(tokens: readonly Token[], unit: RankedUnit): Flattened | null {
  for (let i = 0; i + 2 < tokens.length; i++) {
    for (let width = Math.min(12, tokens.length - i - 1); width >= 2; width--) {
      const head = tokens.slice(i, i + width).map((t) => t.text);
      if (!head.every((c) => headerColumn(c, unit))) continue;
      const groups = headerGroups(head, unit);
      if (!groups) continue;
      const { columns, width: cellsPerRow } = groups;
      const rows: Flattened['rows'] = [];
      let cut: Flattened['cut'] = null;
      // The next rank each half of the table expects: the first half counts up from 1, the others from where they start.
      const next: (number | null)[] = Array.from({ length: groups.count }, (_, g) => (g === 0 ? 1 : null));
      read: for (let k = i + width; k < tokens.length; k += width) {
        for (let g = 0; g < groups.count; g++) {
          const chunk = tokens.slice(k + g * cellsPerRow, k + (g + 1) * cellsPerRow);
          if (!chunk.length) break read;
          const rank = parseRank(chunk[columns.rank]?.text ?? '');
          // Rows count up: a number out of step ends the table. A later half opens anywhere past the first's start.
          const inStep = next[g] != null ? rank === next[g] : rank >= next[0]!;
          if (!Number.isInteger(rank) || !inStep) break read;
          if (chunk.length < cellsPerRow) {
            cut = { cells: chunk.map((t) => t.text), at: chunk[0]!.at, line: chunk[0]!.line };
            break read;
          }
          rows.push({ cells: chunk.map((t) => t.text), at: chunk[0]!.at, line: chunk[0]!.line });
          next[g] = rank + 1;
        }
      }
      if (rows.length >= 2) return { columns, header: tokens[i]!, rows, cut };
    }
  }
  return null;
}

/** The words of one line, as tokens. */
const lineTokens = (line: string, start: number, index: number): Token[] =>
  [...line.matchAll(/[^\s\u3000]+/g)].map((m) => ({ text: m[0], at: start + m.index, line: index + 1 }));

/**
 * Cells typed one a line with a bare "|" line between them (how some pages' text gives a table's cells):
 * each run of them, one token a cell, to be read as a flattened table.
 */
function pipeRuns(lines: readonly string[], starts: readonly number[]): Token[][] {
  const runs: Token[][] = [];
  const cell = (i: number): Token | null => {
    const t = lines[i]?.trim() ?? '';
    return t && t !== '|' ? { text: t, at: starts[i]! + lines[i]!.indexOf(t), line: i + 1 } : null;
  };
  for (let i = 0; i < lines.length; i++) {
    const first = cell(i);
    if (!first || lines[i + 1]?.trim() !== '|') continue;
    const run = [first];
    let j = i + 2;
    for (; lines[j - 1]?.trim() === '|' && cell(j); j += 2) run.push(cell(j)!);
    if (run.length >= 4) runs.push(run);
    i = j - 1;
  }
  return runs;
}

/**
 * A numbered list with no header ("1、上海市 14900.93亿元 8.2% 上海"): the number is the rank, the
 * word after it the place, the first number after that the score. Ranks count up from 1 on
 * consecutive lines, and most names must be places, or it is no ranking.
 */
interface Numbered {
  rows: { cells: string[]; line: number }[];
  cut: { cells: string[]; line: number } | null;
}
const NUMBERED = /^\s*(\d{1,3})\s*[、.．]\s*(\S+)(.*)$/;

function numberedList(lines: readonly string[], unit: RankedUnit): Numbered | null {
  for (let i = 0; i < lines.length; i++) {
    if (NUMBERED.exec(lines[i]!)?.[1] !== '1') continue;
    const rows: Numbered['rows'] = [];
    for (let k = i; k < lines.length; k++) {
      const m = NUMBERED.exec(lines[k]!);
      if (!m || Number(m[1]) !== rows.length + 1 || PROSE.test(lines[k]!)) break;
      const score = m[3]!.trim().match(/^(\d+(?:\.\d+)?)/)?.[1] ?? m[3]!.trim().split(/\s+/)[0] ?? '';
      rows.push({ cells: [m[1]!, m[2]!, score, m[3]!.trim()], line: k });
    }
    const places = rows.filter((r) => 'place' in resolveRankedPlace(r.cells[1]!, unit, null)).length;
    if (rows.length < 3 || places * 2 < rows.length) continue;
    // The last row, with fewer words than the rows before it and nothing after it, was cut by the end of the text.
    const words = (r: { cells: string[] }): number => r.cells[3]!.split(/\s+/).filter(Boolean).length;
    const last = rows.at(-1)!;
    const usual = words(rows[Math.floor((rows.length - 1) / 2)]!);
    const ends = !lines.slice(last.line + 1).some((l) => l.trim());
    const cut = ends && words(last) < usual ? rows.pop()! : null;
    return { rows, cut };
  }
  return null;
}

/** Character offset of each line's start in the text. */
const lineStarts = (lines: readonly string[]): number[] => {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return starts;
};

const cutReason = (cells: readonly string[]): string =>
  `row cut short where the text ends: ${cells.join(' ')} (no ${cells.length < 2 ? 'place name' : 'further columns'}); not loaded`;

/** Where the page names the year: its title, then the text just above the table (nearest first), then the first line. */
function titleTexts(body: string, html: boolean, lines: readonly string[], header: number, before = ''): string[] {
  const $ = html ? cheerio.load(body) : null;
  const above = lines.slice(Math.max(0, header - 3), header).reverse();
  return [$?.('title').text() ?? '', $?.('h1').first().text() ?? '', before, ...above, lines.find((l) => l.trim()) ?? ''];
}

const adapter: SourceAdapter = {
  kind: 'ranking-text-table',
  version: 3, // 2: side-by-side halves, cells between "|" lines; 3: 全国排名 is the rank beside a 序号
  feeds: ['rankings'],
  settings: RankingSettings,
  parse(body, ctx) {
    const html = looksLikeHtml(body);
    // Offsets are in this text: the decoded page (its visible text for HTML), simplified.
    const text = simplify(html ? htmlToText(body) : body);
    const lines = text.split('\n');
    const starts = lineStarts(lines);
    const unit = rankingList(settingsList(ctx), ctx.rankingLists).unit;

    let header = -1;
    let layout: ReturnType<typeof splitterFor> = null;
    for (let i = 0; i < lines.length && !layout; i++) {
      layout = splitterFor(lines[i]!, unit);
      if (layout) header = i;
    }
    if (!layout) {
      const runs = [...lines.map((l, i) => lineTokens(l, starts[i]!, i)), ...pipeRuns(lines, starts)];
      for (const tokens of runs) {
        const flat = flattened(tokens, unit);
        if (!flat) continue;
        const i = flat.header.line - 1;
        const before = text.slice(starts[i]!, flat.rows[0]!.at);
        const { list, year, yearSource } = listAndYear(ctx, titleTexts(body, html, lines, i, before));
        const rows = flat.rows.map(({ cells, at, line }) => {
          const quote = cells.join(' ');
          return readRow(cells, flat.columns, { list, year, yearSource, raw: quote, line, quote, offset: at });
        });
        const cut: FlaggedRow[] = flat.cut ? [{ row: flat.cut.line, raw: flat.cut.cells.join(' '), reason: cutReason(flat.cut.cells) }] : [];
        return finishRankings(ctx, rows, cut, text);
      }
      const numbered = numberedList(lines, unit);
      if (numbered) {
        const first = numbered.rows[0]!.line;
        const { list, year, yearSource } = listAndYear(ctx, titleTexts(body, html, lines, first));
        const columns: ColumnMap = { rank: 0, city: 1, score: 2 };
        const rows = numbered.rows.map(({ cells, line }) => {
          const quote = lines[line]!.trim();
          return readRow(cells, columns, { list, year, yearSource, raw: quote, line: line + 1, quote, offset: starts[line]! + lines[line]!.indexOf(quote) });
        });
        const cut: FlaggedRow[] = numbered.cut
          ? [{ row: numbered.cut.line + 1, raw: lines[numbered.cut.line]!.trim(), reason: cutReason(lines[numbered.cut.line]!.trim().split(/\s+/)) }]
          : [];
        return finishRankings(ctx, rows, cut, text);
      }
      throw new LayoutError(ctx.location, 'no header line with rank and city columns');
    }
    // A header repeated side by side: each line holds one row a group.
    const { split, groups } = layout;
    const { columns, width: headerWidth } = groups;
    const { list, year, yearSource } = listAndYear(ctx, titleTexts(body, html, lines, header));

    const read: ReadRankingRow[] = [];
    const flagged: FlaggedRow[] = [];
    let lastRank: number | null = null;
    for (let i = header + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim() || RULE_LINE.test(line)) continue;
      const cells = split(line);
      const rank = parseRank(cells[columns.rank] ?? '');
      // The next rank with nothing after it, at the end of the text: a row cut short.
      if (lastRank != null && cells.length < 2 && rank === lastRank + 1 && !lines.slice(i + 1).some((l) => l.trim())) {
        flagged.push({ row: i + 1, raw: line.trim(), reason: cutReason(cells) });
        break;
      }
      // The table ends where the article's prose resumes.
      if (PROSE.test(line) || cells.length < 2 || Number.isNaN(rank)) {
        if (read.length) break;
        continue;
      }
      const quote = line.trim();
      const meta = { list, year, yearSource, raw: quote, line: i + 1, quote, offset: starts[i]! + line.indexOf(quote) };
      lastRank = rank;
      for (let g = 0; g < groups.count; g++) {
        const group = groups.count === 1 ? cells : cells.slice(g * headerWidth, (g + 1) * headerWidth);
        // A later half left empty (the table's last line) or holding no rank is no row.
        if (g > 0 && Number.isNaN(parseRank(group[columns.rank] ?? ''))) continue;
        read.push(readRow(alignCells(group, columns, headerWidth), columns, meta));
      }
    }
    if (!read.length) throw new LayoutError(ctx.location, 'no rows under the rank and city header line');
    return finishRankings(ctx, read, flagged, text);
  },
};

export default adapter;
