// Builds the indicator models (warehouse/models/*.sql, one view each, in dependency order)
// and runs the data tests beside them (warehouse/tests/*.sql: each returns the rows that break it).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataTestError } from '../errors.ts';
import { WAREHOUSE_DIR, type Warehouse } from '../warehouse/warehouse.ts';

function readSqlDir(dir: string): Map<string, string> {
  const files = readdirSync(join(WAREHOUSE_DIR, dir)).filter((f) => f.endsWith('.sql')).sort();
  return new Map(files.map((f) => [f.slice(0, -4), readFileSync(join(WAREHOUSE_DIR, dir, f), 'utf8')]));
}

/** Model names in an order where each comes after the models its SQL names. */
export function modelOrder(models: Map<string, string>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`models depend on each other in a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    const sql = models.get(name)!.replace(/--.*$/gm, '');
    for (const other of models.keys()) {
      if (other !== name && new RegExp(`\\b${other}\\b`).test(sql)) visit(other, [...path, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of models.keys()) visit(name, []);
  return order;
}

/**
 * (Re)creates every model as a view, unless the views already hold these very models: each
 * view carries, as its comment, a hash of every model's SQL, the migrations applied and the
 * DuckDB version. Rewriting eleven views on every publish tick cost a checkpoint at close
 * for nothing. Any difference rebuilds them all (a view is bound to the columns of what it
 * reads, so one changed model or table can stale the others).
 */
export async function buildModels(wh: Warehouse): Promise<string[]> {
  const models = readSqlDir('models');
  const order = modelOrder(models);
  const hash = createHash('sha256');
  for (const name of order) hash.update(`${name}\0${models.get(name)}\0`);
  for (const r of await wh.all('select name from schema_migrations order by name')) hash.update(`${r.name}\0`);
  for (const r of await wh.all('select version() as v')) hash.update(String(r.v));
  const mark = `models ${hash.digest('hex')}`;
  const views = await wh.all('select view_name, comment from duckdb_views() where not internal');
  const current = new Map(views.map((v) => [String(v.view_name), v.comment == null ? null : String(v.comment)]));
  if (order.every((name) => current.get(name) === mark)) return order;
  for (const name of order) {
    await wh.exec(`create or replace view ${name} as\n${models.get(name)!.trim().replace(/;$/, '')}`);
    await wh.exec(`comment on view ${name} is '${mark}'`);
  }
  return order;
}

/** Runs every data test; throws DataTestError listing those that return rows. */
export async function runDataTests(wh: Warehouse): Promise<number> {
  const tests = readSqlDir('tests');
  const failures: DataTestError['failures'] = [];
  for (const [name, sql] of tests) {
    const rows = await wh.all(sql.trim().replace(/;$/, ''));
    if (rows.length > 0) failures.push({ test: name, rows: rows.length, sample: JSON.stringify(rows[0]) });
  }
  if (failures.length > 0) throw new DataTestError(failures);
  return tests.size;
}
