#!/usr/bin/env node
// The floor of loading: a bare Node script that creates a warehouse with the checkout's own
// migrations and fills its observations table from a CSV with DuckDB's read_csv, in one
// statement. Prints {"rows": n, "loadS": seconds of the insert alone} as JSON.
//
// Usage: node bench/read-csv-floor.mjs <checkout root> <new warehouse file> <observations.csv>
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [root, warehouse, csv] = process.argv.slice(2);
if (!root || !warehouse || !csv) {
  console.error('usage: node bench/read-csv-floor.mjs <root> <warehouse> <csv>');
  process.exit(2);
}
const instance = await DuckDBInstance.create(warehouse);
const conn = await instance.connect();
const migrations = join(root, 'warehouse', 'migrations');
// Migrations that read the reference files name them as parameters ($cities_csv): given here as literals.
const literal = (path) => `'${path.replaceAll("'", "''")}'`;
const params = { cities_csv: join(root, 'data', 'reference', 'cities.csv'), counties_csv: join(root, 'data', 'reference', 'counties.csv') };
for (const file of readdirSync(migrations).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()) {
  const sql = readFileSync(join(migrations, file), 'utf8').replace(/\$(cities_csv|counties_csv)\b/g, (_, name) => literal(params[name]));
  await conn.run(sql);
}
const t0 = performance.now();
await conn.run(
  `insert into observations (geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, snapshot_id)
   select geo, geo, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, 1
   from read_csv('${csv.replaceAll("'", "''")}', header = true)`,
);
const loadS = (performance.now() - t0) / 1000;
const rows = Number((await (await conn.runAndReadAll('select count(*) as n from observations')).getRowObjectsJS())[0].n);
conn.closeSync();
instance.closeSync();
console.log(JSON.stringify({ rows, loadS }));
