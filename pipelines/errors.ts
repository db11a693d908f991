// The few kinds of failure the CLI tells apart; each carries its exit code.
import { describeHolder, type LockHolder } from './warehouse/lock-holder.ts';

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

/** Some sources of a run failed: nothing was printed and what was loaded stays. */
export class SourcesFailedError extends Error {
  readonly exitCode = 1;
  constructor(readonly failures: { source: string; error: Error }[]) {
    super(
      `${failures.length} source(s) failed; no edition was built and the data already loaded is unchanged:\n` +
        failures.map((f) => `  ${f.source}: ${f.error.message}`).join('\n'),
    );
    this.name = 'SourcesFailedError';
  }
}

/** A stop was asked for (SIGINT/SIGTERM): the run ended after its current step. */
export class InterruptedError extends Error {
  readonly exitCode = 130;
  constructor(step: string) {
    super(`stopped on request after ${step}`);
    this.name = 'InterruptedError';
  }
}

/** No Chromium to print with; names the fix. */
export class ChromiumNotFoundError extends Error {
  readonly exitCode = 1;
  constructor(tried: string[]) {
    super(
      `no Chromium found (tried ${tried.join(', ')}). Fix: run "npm run setup" (installs Debian's chromium), ` +
        'or "apt-get install chromium", or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

/** A scheduler already runs for this warehouse. */
export class SchedulerRunningError extends Error {
  readonly exitCode = 1;
}

/** Another process held the writer lock for longer than writerLock.waitMs. */
export class WarehouseBusyError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly holder: LockHolder,
    waitedMs: number,
  ) {
    super(`warehouse is being written by ${describeHolder(holder)}; gave up after waiting ${Math.round(waitedMs / 1000)} s (writerLock.waitMs)`);
    this.name = 'WarehouseBusyError';
  }
}

/** A figure an edition would print has no source to cite: the build stops, naming it. */
export class UnsourcedFigureError extends Error {
  readonly exitCode = 1;
  constructor(readonly figure: string) {
    super(`the edition states a figure with no source to cite: ${figure} (load it from a source, or leave it out of the data)`);
    this.name = 'UnsourcedFigureError';
  }
}

/** `build --city` named a city the warehouse holds nothing about. */
export class NoCityDataError extends Error {
  readonly exitCode = 1;
  constructor(readonly city: string) {
    super(`no data for ${city} in the warehouse: no rank on the list and no statistics (load a source that covers it, then build again)`);
    this.name = 'NoCityDataError';
  }
}

export const exitCodeOf = (err: unknown): number =>
  err && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number' ? err.exitCode : 1;
