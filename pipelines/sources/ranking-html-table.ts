// A ranking published as an HTML <table>: finds the table with rank and city headers and reads its rows.
import * as cheerio from 'cheerio';
import { LayoutError } from '../errors.ts';
import type { ReadRankingRow } from '../validate/rankings.ts';
import type { SourceAdapter } from './contract.ts';
import { finishRankings, htmlToText, listAndYear, mapColumns, readRow, settingsList, simplify, type ColumnMap, RankingSettings } from './ranking-common.ts';
import { rankingList, type RankedUnit } from './ranking/lists.ts';

interface GridRow {
  cells: string[];
  /** The row is one cell spanning the table: a title, a section heading or a note. */
  spanning: boolean;
}

// Headers can sit below a title row or two; further down, a table is not a ranking.
const HEADER_SEARCH_ROWS = 5;

const cellText = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The table's rows as a grid; rowspan copies a cell down (a province merged over its cities). */
function grid($: cheerio.CheerioAPI, tableIndex: number): GridRow[] {
  const table = $('table').get(tableIndex);
  const rows: GridRow[] = [];
  const pending = new Map<number, { text: string; left: number }>(); // column → rowspan still to fill
  // Rows of this table only, not of a table nested in one of its cells.
  const trs = $(table)
    .find('tr')
    .filter((_, tr) => $(tr).closest('table').get(0) === table);
  trs.each((_, tr) => {
    const cells: string[] = [];
    const own = $(tr).children('td,th');
    let col = 0;
    const fillPending = (): void => {
      while (pending.has(col)) {
        const p = pending.get(col)!;
        cells[col] = p.text;
        if (--p.left === 0) pending.delete(col);
        col++;
      }
    };
    own.each((_, td) => {
      fillPending();
      const text = cellText($(td).text());
      const colspan = Math.max(1, Number($(td).attr('colspan')) || 1);
      const rowspan = Math.max(1, Number($(td).attr('rowspan')) || 1);
      for (let k = 0; k < colspan; k++) {
        cells[col + k] = k === 0 ? text : '';
        if (rowspan > 1) pending.set(col + k, { text: k === 0 ? text : '', left: rowspan - 1 });
      }
      col += colspan;
    });
    fillPending();
    const spanning = own.length === 1 && Number(own.first().attr('colspan')) > 1;
    rows.push({ cells: Array.from(cells, (c) => c ?? ''), spanning });
  });
  return rows;
}

interface Found {
  rows: GridRow[];
  header: number;
  columns: ColumnMap;
  tableIndex: number;
}

function findRankingTable($: cheerio.CheerioAPI, unit: RankedUnit): Found | null {
  for (let tableIndex = 0; tableIndex < $('table').length; tableIndex++) {
    const rows = grid($, tableIndex);
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      const columns = mapColumns(rows[i]!.cells, unit);
      if (columns) return { rows, header: i, columns, tableIndex };
    }
  }
  return null;
}

const adapter: SourceAdapter = {
  kind: 'ranking-html-table',
  version: 2, // 2: 全国排名 is the rank beside a 序号
  feeds: ['rankings'],
  settings: RankingSettings,
  parse(body, ctx) {
    const $ = cheerio.load(body);
    const unit = rankingList(settingsList(ctx), ctx.rankingLists).unit;
    const found = findRankingTable($, unit);
    if (!found) throw new LayoutError(ctx.location, 'no table with rank and city columns');
    const { rows, header, columns, tableIndex } = found;

    // Where a page names the year: the caption, title rows above the header, the page title.
    const titles = [
      $('table').eq(tableIndex).children('caption').text(),
      ...rows.slice(0, header).map((r) => r.cells.join(' ')),
      $('title').text(),
      $('h1').first().text(),
    ];
    const { list, year, yearSource } = listAndYear(ctx, titles);
    // Offsets are in the page's visible text, where a table row is one line of tab-separated cells.
    const text = simplify(htmlToText(body));
    let cursor = 0;
    const offsetOf = (cells: readonly string[]): number | null => {
      const first = cells.find(Boolean);
      if (!first) return null;
      const at = text.indexOf(simplify(first), cursor);
      if (at < 0) return null;
      cursor = at + first.length;
      return text.lastIndexOf('\n', at) + 1;
    };

    const read: ReadRankingRow[] = [];
    rows.slice(header + 1).forEach((r, k) => {
      const line = header + k + 2; // 1-based row number within the table
      if (r.spanning || r.cells.every((c) => !c)) return; // section headings and notes
      if (mapColumns(r.cells, unit)) return; // the header repeated further down
      const rank = r.cells[columns.rank] ?? '';
      const city = r.cells[columns.city] ?? '';
      if (!rank && !city) return;
      const raw = r.cells.join(' | ');
      read.push(readRow(r.cells, columns, { list, year, yearSource, raw, line, quote: raw, offset: offsetOf(r.cells) }));
    });
    if (!read.length) throw new LayoutError(ctx.location, 'no rows under the rank and city headers');
    return finishRankings(ctx, read, [], text);
  },
};

export default adapter;
