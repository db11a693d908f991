// Adapter for a CSV file whose columns are the fields of one warehouse table
// (rankings, observations or firms), optionally renamed by a column map in the settings.
// The data that ships with the project is read through it.
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { ConfigError, SnapshotError, excerpt } from '../errors.ts';
import { unknownPlaceReason } from '../geo/places.ts';
import { MEASURES, emptyParseResult, type FirmRow, type ObservationRow, type ParseResult } from '../types.ts';
import { validateObservations, type ObservationItem } from '../validate/observations.ts';
import { validateRankings, type ReadRankingRow } from '../validate/rankings.ts';
import type { ParseContext, Place, SourceAdapter } from './contract.ts';

const FIELDS = {
  rankings: ['list', 'year', 'rank', 'city', 'province', 'score'],
  observations: ['geo', 'indicator', 'period_year', 'month_from', 'month_to', 'measure', 'value', 'unit', 'comparison_group'],
  firms: ['city', 'role', 'cluster', 'cluster_zh', 'firm', 'firm_zh'],
} as const;
type Table = keyof typeof FIELDS;
const OPTIONAL = new Set(['province', 'score', 'comparison_group', 'cluster', 'cluster_zh', 'firm_zh']);

export const TableSettings = z
  .object({
    table: z.enum(['rankings', 'observations', 'firms']),
    /** field → the header of the column that holds it, where they differ. */
    columns: z.record(z.string(), z.string()).default({}),
    delimiter: z.string().default(','),
    /** rankings: the file lists every rank from 1 on, so a gap is flagged. */
    complete: z.boolean().default(false),
  })
  .strict();

/** Reads one cell of a record, by the field's column. */
export type Cell = (field: string) => string;

/** A cell that cannot be read: the file is malformed at that row (a SnapshotError naming it). */
export class RowError extends Error {}

const text = (v: string, field: string): string => {
  if (v === '') throw new RowError(`column "${field}" is empty`);
  return v;
};
const optionalText = (v: string): string | null => (v === '' ? null : v);
const integer = (v: string, field: string): number => {
  if (!/^-?\d+$/.test(v)) throw new RowError(`column "${field}": ${excerpt(v)} is not a whole number`);
  return Number(v);
};
const decimal = (v: string, field: string): number => {
  const n = Number(v.replace(/,/g, ''));
  if (v === '' || !Number.isFinite(n)) throw new RowError(`column "${field}": ${excerpt(v)} is not a number`);
  return n;
};
const place = (v: string, field: string, ctx: ParseContext): Place => {
  const p = ctx.lookupPlace(text(v, field));
  if (!p) throw new RowError(`column "${field}": ${excerpt(v)}: ${unknownPlaceReason(v)}`);
  return p;
};

// Cells that cannot be read at all make the file malformed (an error); names and values that
// read but are implausible (unknown city, duplicate rank, growth of 250 %) are quarantined.
function rankingRow(cell: Cell, raw: string, line: number): ReadRankingRow {
  const score = cell('score');
  return {
    list: text(cell('list'), 'list'),
    year: integer(cell('year'), 'year'),
    rank: integer(cell('rank'), 'rank'),
    rankText: cell('rank'),
    city: text(cell('city'), 'city'),
    province: optionalText(cell('province')),
    score: score === '' ? null : decimal(score, 'score'),
    scoreText: score,
    raw,
    line,
  };
}

/** One observation read from its cells, or the reason it is quarantined (an unknown place); throws RowError. */
export function observationRow(cell: Cell, ctx: ParseContext): ObservationRow | string {
  const geoName = text(cell('geo'), 'geo');
  const geo = ctx.lookupPlace(geoName);
  const measure = text(cell('measure'), 'measure');
  if (!(MEASURES as readonly string[]).includes(measure)) {
    throw new RowError(`column "measure": ${excerpt(measure)} is not one of ${MEASURES.join(', ')}`);
  }
  if (!geo) return unknownPlaceReason(geoName);
  return {
    geoCode: geo.code,
    geo: geo.name,
    geoZh: geo.nameZh,
    indicator: text(cell('indicator'), 'indicator'),
    periodYear: integer(cell('period_year'), 'period_year'),
    monthFrom: integer(cell('month_from'), 'month_from'),
    monthTo: integer(cell('month_to'), 'month_to'),
    measure: measure as ObservationRow['measure'],
    value: decimal(cell('value'), 'value'),
    unit: text(cell('unit'), 'unit'),
    comparisonGroup: optionalText(cell('comparison_group')),
  };
}

function firmRow(cell: Cell, ctx: ParseContext): FirmRow {
  const city = place(cell('city'), 'city', ctx);
  const role = text(cell('role'), 'role');
  if (role !== 'cluster_leader' && role !== 'peer_giant') {
    throw new RowError(`column "role": ${excerpt(role)} is not cluster_leader or peer_giant`);
  }
  return {
    cityCode: city.code,
    city: city.name,
    cityZh: city.nameZh,
    role,
    cluster: optionalText(cell('cluster')),
    clusterZh: optionalText(cell('cluster_zh')),
    firm: text(cell('firm'), 'firm'),
    firmZh: optionalText(cell('firm_zh')),
  };
}

/** The adapter's settings, checked: a bad one is a config error naming the source. */
export function tableSettings<T extends z.ZodType>(schema: T, ctx: ParseContext): z.infer<T> {
  const settings = schema.safeParse(ctx.settings);
  if (!settings.success) {
    const issue = settings.error.issues[0]!;
    throw new ConfigError(`source "${ctx.source}": settings.${issue.path.join('.') || ''} ${issue.message}`);
  }
  return settings.data;
}

/** The column of each field of `settings.table` in the header (-1: an optional field without one). */
export function columnIndex(header: readonly string[], ctx: ParseContext, settings: z.infer<typeof TableSettings>): Map<string, number> {
  const index = new Map<string, number>();
  for (const field of FIELDS[settings.table as Table]) {
    const column = settings.columns[field] ?? field;
    const at = header.indexOf(column);
    if (at < 0 && !OPTIONAL.has(field)) {
      throw new SnapshotError(ctx.location, 1, `no column "${column}" in the header`, `add it, or map the field with settings.columns.${field}`);
    }
    index.set(field, at);
  }
  return index;
}

/** Where a record stands in the file: the words as read and their character offset. */
export interface RecordSource {
  quote: string;
  offset: number | null;
}

/**
 * Rows of a table whose first record is its header, mapped to the fields of `table`.
 * Shared by the CSV and XLSX adapters: they differ only in how they get the records.
 * `sources[i]` says where records[i] was read (its quote and offset), so each row can be cited.
 */
export function parseTableRecords(
  records: string[][],
  ctx: ParseContext,
  settings: z.infer<typeof TableSettings>,
  sources: RecordSource[] = [],
): ParseResult {
  const { table, delimiter } = settings;
  const header = records[0];
  if (!header) throw new SnapshotError(ctx.location, null, 'the file is empty', 'a header line naming the columns is expected');
  const index = columnIndex(header, ctx, settings);
  const result = emptyParseResult();
  const rankings: ReadRankingRow[] = [];
  const observations: ObservationItem[] = [];
  const rankingSources = new Map<ReadRankingRow, RecordSource>();
  records.slice(1).forEach((record, i) => {
    const rowNumber = i + 2; // 1-based, after the header
    const cell: Cell = (field) => {
      const at = index.get(field) ?? -1;
      return at < 0 ? '' : (record[at] ?? '');
    };
    const raw = record.join(delimiter);
    const source = sources[i + 1] ?? { quote: raw, offset: null };
    try {
      if (table === 'rankings') {
        const read = rankingRow(cell, raw, rowNumber);
        rankingSources.set(read, source);
        rankings.push(read);
      } else if (table === 'observations') {
        const row = observationRow(cell, ctx);
        if (typeof row === 'string') result.flagged.push({ row: rowNumber, raw, reason: row });
        else observations.push({ row: { ...row, quote: source.quote, offset: source.offset, yearSource: 'column' }, raw, line: rowNumber });
      } else result.firms.push(firmRow(cell, ctx));
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      throw new SnapshotError(ctx.location, rowNumber, err.message, 'correct the row in the file, then run again');
    }
  });
  const ranked = validateRankings(rankings, { complete: settings.complete });
  const observed = validateObservations(observations);
  // The validator names the city from the gazetteer; the row it came from is found again by
  // list, year, rank and score, in file order, to give it back its words.
  const unused = [...rankingSources.entries()];
  result.rankings = ranked.clean.map((r) => {
    const at = unused.findIndex(([read]) => read.list === r.list && read.year === r.year && read.rank === r.rank && read.score === r.score);
    if (at < 0) return r;
    const [[, source]] = unused.splice(at, 1);
    return { ...r, quote: source!.quote, offset: source!.offset, yearSource: 'column' as const };
  });
  result.observations = observed.clean;
  result.flagged.push(...ranked.flagged, ...observed.flagged);
  return result;
}

/** How every CSV is read (the bulk path of pipelines/load/bulk-csv.ts reads odd lines with them too). */
export const csvOptions = (delimiter: string) => ({ delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });

/** csv-parse's message, with the value it quotes (any length, any bytes) cut to a printable excerpt. */
export function csvProblem(message: string): string {
  const m = message.match(/^([\s\S]*?), value is ("[\s\S]*")$/);
  if (!m) return message;
  let value: string;
  try {
    value = JSON.parse(m[2]!) as string; // csv-parse quotes the value as JSON
  } catch {
    value = m[2]!.slice(1, -1);
  }
  return `${m[1]}, value is ${excerpt(value)}`;
}

const adapter: SourceAdapter = {
  kind: 'table-csv',
  version: 3, // 2: each row keeps its words (quote, offset); 3: right words after a U+3000 or with a multi-character delimiter
  feeds: ['rankings', 'observations', 'firms'],
  settings: TableSettings,
  parse(body: string, ctx: ParseContext): ParseResult {
    const settings = tableSettings(TableSettings, ctx);
    let records: string[][];
    const sources: RecordSource[] = [];
    const text = body.replace(/^\uFEFF/, '');
    try {
      // Each record as it stands in the file, to quote it and find its offset: the UTF-8 bytes
      // from the end of the record before to its own end (info.bytes). Not csv-parse's `raw`,
      // which splits a multi-byte space it trims (U+3000 just after a delimiter) and keeps one
      // character of a multi-character delimiter.
      const bytes = Buffer.from(text, 'utf8');
      const parsed = parseCsv(text, { ...csvOptions(settings.delimiter), info: true }) as unknown as { record: string[]; info: { bytes: number } }[];
      let byteAt = 0;
      let charAt = 0;
      records = parsed.map(({ record, info }) => {
        // The span carries the blank lines skipped before the record, and its line end.
        const span = bytes.toString('utf8', byteAt, info.bytes);
        const skipped = /^[\r\n]*/.exec(span)![0].length;
        const line = span.slice(skipped).replace(/\r?\n$|\r$/, '');
        const quote = line.trim();
        sources.push({ quote, offset: charAt + skipped + line.indexOf(quote) });
        byteAt = info.bytes;
        charAt += span.length;
        return record;
      });
    } catch (err) {
      throw new SnapshotError(ctx.location, (err as { lines?: number }).lines ?? null, `not valid CSV: ${csvProblem((err as Error).message)}`);
    }
    return parseTableRecords(records, ctx, settings, sources);
  },
};

export default adapter;
