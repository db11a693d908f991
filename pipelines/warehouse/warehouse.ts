// Opens the DuckDB warehouse, migrates it from warehouse/migrations/*.sql, and runs the
// named SQL files under warehouse/ so that no SQL is assembled in TypeScript.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { fromRoot } from '../project-paths.ts';

export const WAREHOUSE_DIR = fromRoot('warehouse');

const sqlCache = new Map<string, string>();

/** The text of warehouse/<name>.sql (cached). */
export function sqlFile(name: string): string {
  let text = sqlCache.get(name);
  if (text === undefined) {
    text = readFileSync(join(WAREHOUSE_DIR, `${name}.sql`), 'utf8');
    sqlCache.set(name, text);
  }
  return text;
}

export type Params = Record<string, DuckDBValue>;

/** What a migration may read besides the warehouse: the reference files (to backfill keys from names). */
const MIGRATION_PARAMS: Params = {
  cities_csv: join(WAREHOUSE_DIR, '..', 'data', 'reference', 'cities.csv'),
  counties_csv: join(WAREHOUSE_DIR, '..', 'data', 'reference', 'counties.csv'),
};
export type Row = Record<string, unknown>;

/** BIGINT and HUGEINT come back as bigint; the rest of the code wants plain numbers. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function rowsOf<T>(reader: DuckDBResultReader): T[] {
  return reader.getRowObjectsJS().map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[k] = plain(v);
    return out as T;
  });
}

export class Warehouse {
  /** Prepared statements of each SQL file, kept for the life of the connection. */
  private readonly prepared = new Map<string, DuckDBPreparedStatement[]>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  /** Opens (creating if needed) the warehouse file and applies pending migrations. */
  static async open(path: string): Promise<Warehouse> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    const wh = new Warehouse(path, instance, conn);
    await wh.migrate();
    return wh;
  }

  private async migrate(): Promise<void> {
    await this.conn.run(
      'create table if not exists schema_migrations (name varchar primary key, applied_at timestamptz not null)',
    );
    const applied = new Set((await this.all('select name from schema_migrations')).map((r) => String(r.name)));
    const files = readdirSync(join(WAREHOUSE_DIR, 'migrations'))
      .filter((f) => /^\d+_.*\.sql$/.test(f))
      .sort();
    for (const file of files) {
      if (applied.has(file)) continue;
      await this.transaction(async () => {
        await this.runMigration(readFileSync(join(WAREHOUSE_DIR, 'migrations', file), 'utf8'), file);
        await this.conn.run('insert into schema_migrations values ($name, now())', { name: file });
      });
    }
  }

  /**
   * Runs a migration's statements one after another (a statement may use a column the one before
   * added), binding the parameters a migration may use: MIGRATION_PARAMS.
   */
  private async runMigration(sql: string, file: string): Promise<void> {
    const extracted = await this.conn.extractStatements(sql);
    for (let i = 0; i < extracted.count; i++) {
      const stmt = await extracted.prepare(i);
      try {
        const own: Params = {};
        for (let p = 1; p <= stmt.parameterCount; p++) {
          const key = stmt.parameterName(p);
          if (!(key in MIGRATION_PARAMS)) throw new Error(`warehouse/migrations/${file}: no value for parameter $${key}`);
          own[key] = MIGRATION_PARAMS[key]!;
        }
        if (stmt.parameterCount > 0) stmt.bind(own);
        await stmt.run();
      } finally {
        stmt.destroySync();
      }
    }
  }

  /** Runs a statement given as SQL text. */
  async exec(sql: string, params?: Params): Promise<void> {
    await this.conn.run(sql, params);
  }

  /**
   * Runs each statement of warehouse/<name>.sql, binding to each only the named parameters it
   * uses (DuckDB binds parameters one statement at a time); returns the last statement's rows.
   */
  private async runFile(name: string, params: Params = {}, cache = true) {
    if (!cache) {
      // Each statement prepared when its turn comes: it may use a table an earlier one made.
      const extracted = await this.conn.extractStatements(sqlFile(name));
      let reader;
      for (let i = 0; i < extracted.count; i++) {
        const stmt = await extracted.prepare(i);
        try {
          reader = await this.runPrepared(name, stmt, params);
        } finally {
          stmt.destroySync();
        }
      }
      return reader;
    }
    let statements = this.prepared.get(name);
    if (!statements) {
      const extracted = await this.conn.extractStatements(sqlFile(name));
      statements = [];
      for (let i = 0; i < extracted.count; i++) statements.push(await extracted.prepare(i));
      this.prepared.set(name, statements);
    }
    let reader;
    for (const stmt of statements) reader = await this.runPrepared(name, stmt, params);
    return reader;
  }

  private async runPrepared(name: string, stmt: DuckDBPreparedStatement, params: Params) {
    const own: Params = {};
    for (let i = 1; i <= stmt.parameterCount; i++) {
      const key = stmt.parameterName(i);
      if (!(key in params)) throw new Error(`warehouse/${name}.sql: no value for parameter $${key}`);
      own[key] = params[key]!;
    }
    stmt.clearBindings();
    if (stmt.parameterCount > 0) stmt.bind(own);
    return stmt.runAndReadAll();
  }

  /** Runs warehouse/<name>.sql with named parameters. */
  async execFile(name: string, params?: Params): Promise<void> {
    await this.runFile(name, params);
  }

  /**
   * Runs warehouse/<name>.sql with each statement prepared anew when its turn comes: for DDL
   * (create, drop), since a statement may use a table an earlier one made, and DuckDB re-running
   * a kept prepared CREATE after its table was dropped makes a table of no columns.
   */
  async execScript(name: string, params?: Params): Promise<void> {
    await this.runFile(name, params, false);
  }

  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    return rowsOf<T>(await this.conn.runAndReadAll(sql, params));
  }

  /** Rows of the last statement of warehouse/<name>.sql. */
  async allFile<T = Row>(name: string, params?: Params): Promise<T[]> {
    const reader = await this.runFile(name, params);
    return reader ? rowsOf<T>(reader) : [];
  }

  /** Runs fn inside one transaction: all of it lands, or none of it. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.conn.run('begin transaction');
    try {
      const result = await fn();
      await this.conn.run('commit');
      return result;
    } catch (err) {
      await this.conn.run('rollback').catch(() => undefined);
      throw err;
    }
  }

  close(): void {
    for (const stmts of this.prepared.values()) for (const s of stmts) s.destroySync();
    this.prepared.clear();
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
