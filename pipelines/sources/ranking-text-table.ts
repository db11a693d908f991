// A ranking typed as a plain-text table inside an article: a header line, then one line per city,
// or the same table flattened onto one line ("排名 城市 得分 1 甲 90 2 乙 85 ..."). A row cut short
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

function splitterFor(line: string, unit: RankedUnit): { split: Splitter; columns: ColumnMap } | null {
  const candidates = line.includes('|') ? [byPipes] : [byWideGaps, bySpaces];
  for (const split of candidates) {
    const cells = split(line);
    const columns = mapColumns(cells, unit);
    // Mostly header words, so that a title such as "city ranking 2021" is not taken for the header.
    if (columns && Object.keys(columns).length * 2 >= cells.filter(Boolean).length) return { split, columns };
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

/** A table flattened onto one line: a run of header words, then rows of as many cells, each opening with its rank. */
interface Flattened {
  columns: ColumnMap;
  rows: { cells: string[]; at: number }[];
  /** A last row with fewer cells than the header: cut where the text ends. */
  cut: { cells: string[]; at: number } | null;
}

function flattened(line: string, unit: RankedUnit): Flattened | null {
  const tokens = [...line.matchAll(/[^\s\u3000]+/g)].map((m) => ({ text: m[0], at: m.index }));
  for (let i = 0; i + 2 < tokens.length; i++) {
    for (let width = Math.min(8, tokens.length - i - 1); width >= 2; width--) {
      const head = tokens.slice(i, i + width).map((t) => t.text);
      if (!head.every((c) => headerColumn(c, unit))) continue;
      const columns = mapColumns(head, unit);
      if (!columns) continue;
      const rows: Flattened['rows'] = [];
      let cut: Flattened['cut'] = null;
      for (let k = i + width; k < tokens.length; k += width) {
        const chunk = tokens.slice(k, k + width);
        const rank = parseRank(chunk[columns.rank]?.text ?? '');
        // Rows count up from 1: a number out of step ends the table.
        if (!Number.isInteger(rank) || rank !== rows.length + 1) break;
        if (chunk.length < width) {
          cut = { cells: chunk.map((t) => t.text), at: chunk[0]!.at };
          break;
        }
        rows.push({ cells: chunk.map((t) => t.text), at: chunk[0]!.at });
      }
      if (rows.length >= 2) return { columns, rows, cut };
    }
  }
  return null;
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
  version: 1,
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
      for (let i = 0; i < lines.length; i++) {
        const flat = flattened(lines[i]!, unit);
        if (!flat) continue;
        const { list, year, yearSource } = listAndYear(ctx, titleTexts(body, html, lines, i, lines[i]!.slice(0, flat.rows[0]!.at)));
        const rows = flat.rows.map(({ cells, at }) => {
          const quote = cells.join(' ');
          return readRow(cells, flat.columns, { list, year, yearSource, raw: quote, line: i + 1, quote, offset: starts[i]! + at });
        });
        const cut: FlaggedRow[] = flat.cut ? [{ row: i + 1, raw: flat.cut.cells.join(' '), reason: cutReason(flat.cut.cells) }] : [];
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
    const { split, columns } = layout;
    const headerWidth = split(lines[header]!).length;
    const { list, year, yearSource } = listAndYear(ctx, titleTexts(body, html, lines, header));

    const read: ReadRankingRow[] = [];
    const flagged: FlaggedRow[] = [];
    for (let i = header + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim() || RULE_LINE.test(line)) continue;
      const cells = split(line);
      const rank = parseRank(cells[columns.rank] ?? '');
      // The next rank with nothing after it, at the end of the text: a row cut short.
      if (read.length && cells.length < 2 && rank === read.at(-1)!.rank + 1 && !lines.slice(i + 1).some((l) => l.trim())) {
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
      read.push(readRow(alignCells(cells, columns, headerWidth), columns, meta));
    }
    if (!read.length) throw new LayoutError(ctx.location, 'no rows under the rank and city header line');
    return finishRankings(ctx, read, flagged, text);
  },
};

export default adapter;
