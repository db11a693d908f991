// Writes a large observations CSV in the layout `adapter: table-csv` with `table: observations`
// reads (the layout of data/shipped/xian-indicators-2022.csv), to time loading against DuckDB's
// own read_csv. Every row is a distinct (geo, indicator, year, months, measure), so none is
// flagged as a conflicting duplicate; every place is one the gazetteer knows. With --bad-every K,
// every K-th row has an implausible growth (250 %) and is quarantined by the load.
//
// Usage: npx tsx bench/generate-observations-csv.ts <out.csv> [--rows 1000000] [--bad-every 0]
//   e.g. npx tsx bench/generate-observations-csv.ts /tmp/obs-1m.csv --rows 1000000
// From code: `await writeObservationsCsv(path, { rows: 50_000 })` (tests use it too).
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { lookupPlace } from '../pipelines/geo/places.ts';

export const HEADER = 'geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group';
const FIRST_YEAR = 2000;
const YEARS = 26; // 2000..2025
const MEASURES = ['level', 'yoy_pct'] as const;

export interface GenerateOptions {
  rows: number;
  /** Every K-th data row (1-based) gets yoy_pct 250, which the load quarantines; 0 for none. */
  badEvery?: number;
}

const reference = (name: string) =>
  parse(readFileSync(new URL(`../data/reference/${name}`, import.meta.url), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];

/** City names (short Chinese) the gazetteer resolves, and indicator ids with their units. */
function vocabulary(): { places: string[]; indicators: { id: string; unit: string }[] } {
  const places = reference('cities.csv')
    .filter((c) => c.kind === 'city' || c.kind === 'municipality')
    .map((c) => c.short_zh!)
    .filter((name) => lookupPlace(name) !== null);
  const indicators = reference('indicators.csv').map((r) => ({ id: r.id!, unit: r.unit! }));
  return { places, indicators };
}

/** The CSV line of data row i (0-based), and whether it is one of the bad rows. */
export function observationLine(i: number, v: ReturnType<typeof vocabulary>, badEvery = 0): string {
  let k = i;
  const measure = MEASURES[k % MEASURES.length]!;
  k = Math.floor(k / MEASURES.length);
  const monthTo = (k % 12) + 1;
  k = Math.floor(k / 12);
  const year = FIRST_YEAR + (k % YEARS);
  k = Math.floor(k / YEARS);
  const indicator = v.indicators[k % v.indicators.length]!;
  k = Math.floor(k / v.indicators.length);
  const geo = v.places[k % v.places.length]!;
  if (k >= v.places.length) throw new Error(`at most ${MEASURES.length * 12 * YEARS * v.indicators.length * v.places.length} distinct rows`);
  // A cheap deterministic spread of values (no Math.random: the same file every time).
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  const bad = badEvery > 0 && (i + 1) % badEvery === 0;
  const value = measure === 'level' ? ((h % 10_000_000) / 100).toFixed(2) : bad ? '250' : (((h % 6000) - 2000) / 100).toFixed(1);
  const unit = measure === 'level' ? indicator.unit : '%';
  return `${geo},${indicator.id},${year},1,${monthTo},${bad ? 'yoy_pct' : measure},${value},${unit},`;
}

/** Writes the header and `rows` data rows to `path`. Returns the number of bad rows written. */
export async function writeObservationsCsv(path: string, opts: GenerateOptions): Promise<{ bad: number }> {
  const v = vocabulary();
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let bad = 0;
  const CHUNK = 10_000;
  for (let start = 0; start < opts.rows; start += CHUNK) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(opts.rows, start + CHUNK); i++) {
      if (opts.badEvery && (i + 1) % opts.badEvery === 0) bad++;
      lines.push(observationLine(i, v, opts.badEvery));
    }
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { bad };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { rows: { type: 'string', default: '1000000' }, 'bad-every': { type: 'string', default: '0' } },
  });
  const path = positionals[0];
  if (!path) {
    console.error('usage: npx tsx bench/generate-observations-csv.ts <out.csv> [--rows 1000000] [--bad-every 0]');
    process.exit(2);
  }
  const rows = Number(values.rows);
  const { bad } = await writeObservationsCsv(path, { rows, badEvery: Number(values['bad-every']) });
  console.log(`${path}: ${rows} rows (${bad} implausible)`);
}
