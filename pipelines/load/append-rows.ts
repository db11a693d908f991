// Stages the rows an adapter parsed in Node into the temporary tables of
// warehouse/statements/stage_parsed_rows.sql with DuckDB's Appender (a chunk of rows at a
// time, not an INSERT per row), so that the load's transaction moves them into the warehouse
// with one INSERT … SELECT per table (insert_parsed_rows.sql).
import { DuckDBDataChunkWriter, type DuckDBValue } from '@duckdb/node-api';
import type { FlaggedRow, ParseResult } from '../types.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

/** Appends rows to a temporary table, each row's values in the table's column order. */
export async function appendRows(wh: Warehouse, table: string, rows: Iterable<readonly DuckDBValue[]>): Promise<void> {
  const appender = await wh.conn.createAppender(table);
  try {
    const writer = DuckDBDataChunkWriter.forAppender(appender);
    for (const row of rows) writer.appendRow(row);
    writer.flush();
  } finally {
    appender.closeSync();
  }
}

/** Quarantined rows, in the columns of parsed_quarantine. */
export const quarantineValues = (flagged: readonly FlaggedRow[]) => flagged.map((q): DuckDBValue[] => [q.row, q.raw, q.reason]);

/** Creates the staging tables and appends a parse's rows to them. */
export async function stageParsedRows(wh: Warehouse, parsed: ParseResult): Promise<void> {
  await wh.execScript('statements/stage_parsed_rows');
  await appendRows(
    wh,
    'parsed_rankings',
    parsed.rankings.map((r) => [
      r.list, r.year, r.rank, r.cityCode, r.city, r.cityZh, r.province, r.score,
      r.quote ?? null, r.offset ?? null, r.yearSource ?? null, r.tied ?? false,
    ]),
  );
  await appendRows(
    wh,
    'parsed_observations',
    parsed.observations.map((o) => [
      o.geoCode, o.geo, o.geoZh, o.indicator, o.periodYear, o.monthFrom, o.monthTo, o.measure, o.value, o.unit, o.comparisonGroup,
      o.quote ?? null, o.offset ?? null, o.yearSource ?? null,
    ]),
  );
  await appendRows(wh, 'parsed_firms', parsed.firms.map((f) => [f.cityCode, f.city, f.cityZh, f.role, f.cluster, f.clusterZh, f.firm, f.firmZh]));
  await appendRows(wh, 'parsed_quarantine', quarantineValues(parsed.flagged));
}
