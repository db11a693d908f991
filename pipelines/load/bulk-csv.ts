// The bulk path of a large observations CSV (`adapter: table-csv`, `table: observations`):
// DuckDB reads the file and types the rows (warehouse/statements/stage_csv_observations.sql),
// so a million rows load at DuckDB's pace instead of csv-parse's and an INSERT's per row.
//
// Every row the SQL cannot be sure of (a quoted or padded cell, an unknown place, a value near
// a limit, a key stated twice) is handed to the very Node code the small-file path runs
// (table-csv's observationRow, validate/observations' rangeProblem and conflictReason), so
// both paths give the same rows, the same quarantine reasons and the same errors. A file whose
// shape the line-by-line reading cannot follow (a quoted cell over several lines, a bare CR,
// characters beyond the BMP, NUL or \x01 bytes, a padded header) is left to the Node path,
// which loads it with the Appender: slower, the same result.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { SnapshotError } from '../errors.ts';
import type { ParseContext } from '../sources/contract.ts';
import type { Encoding } from '../sources/decode.ts';
import { RowError, TableSettings, columnIndex, csvOptions, observationRow, tableSettings } from '../sources/table-csv.ts';
import { MEASURES, type FlaggedRow, type ObservationRow } from '../types.ts';
import { MIN_YEAR, conflictReason, keyOf, maxYearOf, rangeProblem } from '../validate/observations.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { appendRows } from './append-rows.ts';

/** Files from this size on take the bulk path; smaller ones are parsed in Node (both load in bulk). */
export const BULK_MIN_BYTES = 1 << 20;

const CR = 0x0d;
const LF = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

/** The file's text as UTF-8 bytes without a byte-order mark: the text the Node path parses, encoded. */
function utf8Text(bytes: Uint8Array, encoding: Encoding): Buffer {
  if (encoding !== 'utf-8') return Buffer.from(iconv.decode(Buffer.from(bytes), encoding).replace(/^\uFEFF/, ''), 'utf8');
  let buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // decodeBody drops one mark (TextDecoder) and then another (the replace).
  for (let i = 0; i < 2 && BOM.every((b, k) => buf[k] === b); i++) buf = buf.subarray(3);
  return buf;
}

/** How lines end, when the line-by-line reading can follow the file; null when it cannot. */
function lineEnds(text: Buffer): { newLine: string; length: number } | null {
  // NUL and \x01 (the reader's delimiter) confuse the reader; 4-byte characters count twice in JS offsets.
  if (text.includes(0x00) || text.includes(0x01)) return null;
  for (let b = 0xf0; b <= 0xf4; b++) if (text.includes(b)) return null;
  if (!text.includes(CR)) return { newLine: '\\n', length: 1 };
  // Every line ends in CR LF, or the file is left to the Node path.
  let crs = 0;
  let lfs = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === CR) {
      if (text[i + 1] !== LF) return null;
      crs++;
    } else if (text[i] === LF) lfs++;
  }
  return crs === lfs ? { newLine: '\\r\\n', length: 2 } : null;
}

/** The header record and its 1-based line, or null when the Node path must read it. */
function headerOf(text: Buffer, delimiter: string): { fields: string[]; line: number } | null {
  let start = 0;
  let line = 1;
  for (;;) {
    let end = text.indexOf(LF, start);
    if (end < 0) end = text.length;
    const content = text.toString('utf8', start, text[end - 1] === CR ? end - 1 : end);
    if (content !== '') {
      if (content.trim() === '' || (content.split('"').length - 1) % 2 === 1) return null;
      try {
        const records = parseCsv(content, csvOptions(delimiter)) as string[][];
        return records.length === 1 ? { fields: records[0]!, line } : null;
      } catch {
        return null;
      }
    }
    if (end >= text.length) return null; // blank to the end: the Node path says the file is empty
    start = end + 1;
    line++;
  }
}

/** A character written so that RE2 reads it literally, inside a class or out of one. */
const re2Char = (c: string) => `\\x{${c.codePointAt(0)!.toString(16)}}`;
const re2Literal = (s: string) => [...s].map(re2Char).join('');
/** Any character csv-parse's trim or JS's trim() could take off a cell or a line (inside a class). */
const SPACE = '\\s\\x{0B}\\p{Z}\\x{85}\\x{FEFF}';
/** Lines never hold a line end: a pattern that matches no line. */
const NO_LINE = '\\n';

/**
 * The RE2 pattern a whole line matches when it is plain: exactly the header's cells, none with
 * a quote, the delimiter's first character or a space to trim at its edges; place, indicator and
 * unit not empty; years and months whole numbers written as SQL writes them back; a known
 * measure; a value written plainly. One full match per line instead of a check per cell: a line
 * it refuses is not wrong, only left to the Node code, so the pattern may be stricter than the
 * Node parser (a missing trailing cell, a 10-digit year) but never looser.
 */
function plainLinePattern(columns: number, index: ReadonlyMap<string, number>, delimiter: string): string {
  const noBreak = `"${SPACE}${re2Char(delimiter)}`; // the first character of the delimiter ends a cell
  const inner = `[^"${re2Char(delimiter)}]*`;
  const text = `[^${noBreak}](?:${inner}[^${noBreak}])?`;
  const whole = '(?:0|-?[1-9][0-9]{0,8})'; // within INTEGER, no sign or zero SQL would drop
  const at = new Map([...index].map(([field, column]) => [column, field]));
  const cells: string[] = [];
  for (let column = 0; column < columns; column++) {
    switch (at.get(column)) {
      case 'geo': case 'indicator': case 'unit': cells.push(text); break;
      case 'period_year': case 'month_from': case 'month_to': cells.push(whole); break;
      case 'measure': cells.push(`(?:${MEASURES.map(re2Literal).join('|')})`); break;
      case 'value': cells.push('-?[0-9]{1,15}(?:\\.[0-9]{1,15})?'); break;
      default: cells.push(`(?:${text})?`); // comparison_group, and columns the table does not read
    }
  }
  // A field the header lacks reads as an empty cell: a required one never makes a plain line.
  const required = ['geo', 'indicator', 'period_year', 'month_from', 'month_to', 'measure', 'value', 'unit'];
  if (required.some((f) => (index.get(f) ?? -1) < 0)) return NO_LINE;
  return cells.join(re2Literal(delimiter));
}

interface NodeRow {
  row_number: number;
  line: string;
  line_offset: number;
}

interface DuplicateRow {
  row_number: number;
  geo_code: string;
  geo: string;
  geo_zh: string | null;
  indicator: string;
  period_year: number;
  month_from: number;
  month_to: number;
  measure: ObservationRow['measure'];
  value: number;
  unit: string;
  comparison_group: string | null;
  raw: string;
}

/**
 * Stages a large observations CSV in the connection's temporary tables (csv_records,
 * csv_places, csv_decided, csv_excluded and the view csv_plausible), ready for
 * insert_csv_observations.sql; returns the rows to quarantine, in the order the Node path
 * gives them. Returns null when the file's shape is one the bulk path leaves to the Node
 * path. Throws the Node path's SnapshotError for a malformed row (the first in the file).
 */
export async function stageCsvObservations(wh: Warehouse, bytes: Uint8Array, encoding: Encoding, ctx: ParseContext): Promise<FlaggedRow[] | null> {
  const settings = tableSettings(TableSettings, ctx);
  const { delimiter } = settings;
  if (settings.table !== 'observations' || delimiter === '' || /[\r\n"]/.test(delimiter)) return null;
  const text = utf8Text(bytes, encoding);
  const ends = lineEnds(text);
  const header = ends && headerOf(text, delimiter);
  if (!ends || !header) return null;
  const index = columnIndex(header.fields, ctx, settings);
  const position = (field: string) => (index.get(field) ?? -1) + 1;
  const maxYear = maxYearOf();

  const dir = mkdtempSync(join(tmpdir(), 'xian-report-csv-'));
  try {
    const path = join(dir, 'snapshot.csv');
    writeFileSync(path, text);
    await wh.execScript('statements/stage_csv_observations', {
      path,
      new_line: ends.newLine,
      eol_length: ends.length,
      header_line: header.line,
      delimiter,
      plain_pattern: plainLinePattern(header.fields.length, index, delimiter),
      min_year: MIN_YEAR,
      max_year: maxYear,
      geo: position('geo'),
      indicator: position('indicator'),
      period_year: position('period_year'),
      month_from: position('month_from'),
      month_to: position('month_to'),
      measure: position('measure'),
      value: position('value'),
      unit: position('unit'),
      comparison_group: position('comparison_group'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await wh.execScript('statements/stage_csv_places');
  const names = await wh.allFile<{ name: string }>('queries/csv_place_names');
  await appendRows(
    wh,
    'csv_places',
    names.flatMap(({ name }) => {
      const place = ctx.lookupPlace(name);
      return place ? [[name, place.code, place.name, place.nameZh]] : [];
    }),
  );

  // The rows SQL is not sure of, decided as the Node path decides them.
  const unknownPlaces: FlaggedRow[] = [];
  const implausible: FlaggedRow[] = [];
  const decided: (string | number | null)[][] = [];
  for (const r of await wh.allFile<NodeRow>('queries/csv_rows_for_node')) {
    let records: string[][];
    try {
      records = parseCsv(r.line, csvOptions(delimiter)) as string[][];
    } catch {
      return null; // csv-parse's message names the line in the whole file: the Node path gives it
    }
    if (records.length !== 1) return null; // a line csv-parse skips (spaces only) shifts the row numbers
    const record = records[0]!;
    const cell = (field: string) => {
      const at = index.get(field) ?? -1;
      return at < 0 ? '' : (record[at] ?? '');
    };
    const raw = record.join(delimiter);
    let read: ObservationRow | string;
    try {
      read = observationRow(cell, ctx);
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      throw new SnapshotError(ctx.location, r.row_number, err.message, 'correct the row in the file, then run again');
    }
    if (typeof read === 'string') {
      unknownPlaces.push({ row: r.row_number, raw, reason: read });
      continue;
    }
    const problem = rangeProblem(read, maxYear);
    if (problem) {
      implausible.push({ row: r.row_number, raw, reason: problem });
      continue;
    }
    const quote = r.line.trim();
    const offset = r.line_offset + (r.line.length - r.line.trimStart().length);
    decided.push([
      r.row_number, read.geoCode, read.geo, read.geoZh, read.indicator, read.periodYear, read.monthFrom, read.monthTo, read.measure,
      read.value, read.unit, read.comparisonGroup, raw, quote, offset,
    ]);
  }
  await appendRows(wh, 'csv_decided', decided);

  // A figure stated twice loads once; figures that disagree are all quarantined.
  const conflicts: FlaggedRow[] = [];
  const [{ keys }] = await wh.allFile<{ keys: number }>('queries/csv_duplicate_keys');
  if (keys > 0) {
    const groups = new Map<string, { row: ObservationRow; line: number; raw: string }[]>();
    for (const d of await wh.allFile<DuplicateRow>('queries/csv_duplicate_rows')) {
      const row: ObservationRow = {
        geoCode: d.geo_code, geo: d.geo, geoZh: d.geo_zh, indicator: d.indicator, periodYear: d.period_year, monthFrom: d.month_from,
        monthTo: d.month_to, measure: d.measure, value: d.value, unit: d.unit, comparisonGroup: d.comparison_group,
      };
      const key = keyOf(row);
      const group = groups.get(key) ?? [];
      if (group.length === 0) groups.set(key, group);
      group.push({ row, line: d.row_number, raw: d.raw }); // not a copy per row: a key may be stated thousands of times
    }
    const excluded: number[][] = [];
    for (const group of groups.values()) {
      const reason = conflictReason(group.map((g) => g.row));
      for (const [k, g] of group.entries()) {
        if (reason !== null) conflicts.push({ row: g.line, raw: g.raw, reason });
        if (reason !== null || k > 0) excluded.push([g.line]);
      }
    }
    await appendRows(wh, 'csv_excluded', excluded);
  }
  return [...unknownPlaces, ...implausible, ...conflicts];
}
