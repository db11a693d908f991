// Editions' summaries (their headline figures, as JSON text) by edition id. They live in a table
// of their own (migration 053) and are read only for the editions asked for.
import { listValue } from '@duckdb/node-api';
import type { Warehouse } from './warehouse.ts';

export async function readSummaries(wh: Warehouse, ids: (number | null | undefined)[]): Promise<Map<number, string | null>> {
  const wanted = [...new Set(ids.filter((id): id is number => id != null))];
  const summaries = new Map<number, string | null>();
  if (wanted.length === 0) return summaries;
  const rows = await wh.allFile<{ edition_id: number; summary: string | null }>('queries/edition_summaries', { edition_ids: listValue(wanted.map((id) => BigInt(id))) });
  for (const r of rows) summaries.set(Number(r.edition_id), r.summary);
  return summaries;
}
