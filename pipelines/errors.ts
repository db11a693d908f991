// The few kinds of failure the CLI tells apart; each maps to an exit code.

/** Bad usage or config: exit code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A snapshot that cannot be read as the data it should hold: names the file or URL and the row. */
export class SnapshotError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly location: string,
    readonly row: number | null,
    readonly detail: string,
    readonly fix?: string,
  ) {
    super(`${location}${row != null ? `, row ${row}` : ''}: ${detail}${fix ? ` (fix: ${fix})` : ''}`);
    this.name = 'SnapshotError';
  }
}

/** A page whose layout no longer matches its adapter: no table, no figure where one was expected. */
export class LayoutError extends SnapshotError {
  constructor(location: string, missing: string, fix = 'check that the page still has this layout, or choose another adapter') {
    super(location, null, `layout changed: ${missing}`, fix);
    this.name = 'LayoutError';
  }
}

/** Data tests on the indicator models failed: the edition must not be built. */
export class DataTestError extends Error {
  readonly exitCode = 1;
  constructor(readonly failures: { test: string; rows: number; sample: string }[]) {
    super(`data tests failed: ${failures.map((f) => `${f.test} (${f.rows} rows, e.g. ${f.sample})`).join('; ')}`);
    this.name = 'DataTestError';
  }
}

export const exitCodeOf = (err: unknown): number =>
  err && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number' ? err.exitCode : 1;
