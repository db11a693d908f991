// A ranking typed as a plain-text table inside an article: a header line, then one line per city.
import * as cheerio from 'cheerio';
import { LayoutError } from '../errors.ts';
import type { ReadRankingRow } from '../validate/rankings.ts';
import type { SourceAdapter } from './contract.ts';
import { finishRankings, htmlToText, listAndYear, looksLikeHtml, mapColumns, parseRank, parseScore, readRow, simplify, type ColumnMap, RankingSettings } from './ranking-common.ts';

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

function splitterFor(line: string): { split: Splitter; columns: ColumnMap } | null {
  const candidates = line.includes('|') ? [byPipes] : [byWideGaps, bySpaces];
  for (const split of candidates) {
    const cells = split(line);
    const columns = mapColumns(cells);
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

const adapter: SourceAdapter = {
  kind: 'ranking-text-table',
  version: 1,
  feeds: ['rankings'],
  settings: RankingSettings,
  parse(body, ctx) {
    const html = looksLikeHtml(body);
    const text = simplify(html ? htmlToText(body) : body);
    const lines = text.split('\n');

    let header = -1;
    let layout: ReturnType<typeof splitterFor> = null;
    for (let i = 0; i < lines.length && !layout; i++) {
      layout = splitterFor(lines[i]!);
      if (layout) header = i;
    }
    if (!layout) throw new LayoutError(ctx.location, 'no header line with rank and city columns');
    const { split, columns } = layout;
    const headerWidth = split(lines[header]!).length;

    // The year: page title, then the lines just above the table (nearest first), then the first line.
    const $ = html ? cheerio.load(body) : null;
    const above = lines.slice(Math.max(0, header - 3), header).reverse();
    const { list, year } = listAndYear(ctx, [$?.('title').text(), $?.('h1').first().text(), ...above, lines.find((l) => l.trim())]);

    const read: ReadRankingRow[] = [];
    for (let i = header + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim() || RULE_LINE.test(line)) continue;
      const cells = split(line);
      // The table ends where the article's prose resumes.
      if (PROSE.test(line) || cells.length < 2 || Number.isNaN(parseRank(cells[columns.rank] ?? ''))) {
        if (read.length) break;
        continue;
      }
      read.push(readRow(alignCells(cells, columns, headerWidth), columns, { list, year, raw: line.trim(), line: i + 1 }));
    }
    if (!read.length) throw new LayoutError(ctx.location, 'no rows under the rank and city header line');
    return finishRankings(ctx, read);
  },
};

export default adapter;
