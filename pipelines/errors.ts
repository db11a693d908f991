// The few kinds of failure the CLI tells apart; each carries its exit code.
import type { BuildAllResult } from './build-all.ts';
import { describeHolder, type LockHolder } from './warehouse/lock-holder.ts';

/** Bad usage or config: exit code 2. */
export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

// Characters a terminal or a log must not receive raw from a page: C0/C1 controls, the
// replacement character of undecodable bytes, bidi and zero-width format marks, lone surrogates.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\ufffd\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text from a page made safe to print: every unprintable character shown as an escape (\n, \x07, \ufffd). */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A short, printable, quoted excerpt of text from a page, for an error message: "ab\x00c…". */
export function excerpt(text: string, max = 40): string {
  const head = Array.from(text.slice(0, max * 2)).slice(0, max).join('');
  return `"${printable(head)}${head.length < text.length ? '…' : ''}"`;
}

/** A snapshot that cannot be read as the data it should hold: names the file or URL and the row. */
export class SnapshotError extends Error {
  readonly exitCode = 1;
  readonly detail: string;
  constructor(
    readonly location: string,
    readonly row: number | null,
    detail: string,
    readonly fix?: string,
  ) {
    // The detail may quote the page: never let its raw bytes reach a terminal or a log.
    const safe = printable(detail);
    super(`${location}${row != null ? `, row ${row}` : ''}: ${safe}${fix ? ` (fix: ${fix})` : ''}`);
    this.detail = safe;
    this.name = 'SnapshotError';
  }
}

/** "row 2: not valid CSV" from "/data/x.csv, row 2: not valid CSV": the location is said once. */
const withoutLocation = (message: string, location: string) =>
  message.startsWith(location) ? message.slice(location.length).replace(/^(: |, )/, '') : message;

/**
 * The bytes read are those of the newest snapshot of the location, whose parse failed: they are
 * not stored or parsed again, and the source fails again.
 */
export class UnchangedFailedError extends SnapshotError {
  constructor(
    location: string,
    readonly snapshotId: number,
    previousError: string | null,
  ) {
    super(
      location,
      null,
      `unchanged since the failed snapshot ${snapshotId}; not stored again${previousError ? ` (it failed: ${withoutLocation(previousError, location)})` : ''}`,
      'correct the page or the source\'s settings; after an adapter fix, `run` or `xian-report reparse` reads it again',
    );
    this.name = 'UnchangedFailedError';
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

/** `reparse`: some snapshots could not be parsed again; their rows stay as they were. */
export class ReparseFailedError extends Error {
  readonly exitCode = 1;
  constructor(readonly failures: { source: string; snapshotId: number; error: string }[]) {
    super(
      `${failures.length} snapshot(s) could not be parsed again; their rows stay as they were:\n` +
        failures.map((f) => `  ${f.source} (snapshot ${f.snapshotId}): ${f.error}`).join('\n'),
    );
    this.name = 'ReparseFailedError';
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

/** Chromium failed to print an edition: says what failed and which edition stays the latest. */
export class PrintError extends Error {
  readonly exitCode = 1;
  constructor(
    readonly what: string,
    readonly detail: string,
    readonly latest: { id: number; key: string } | null,
  ) {
    super(
      `printing failed: ${what} (${detail}). No edition was printed; ` +
        (latest ? `edition ${latest.id} (${latest.key}) stays the latest.` : 'there is no edition yet.'),
    );
    this.name = 'PrintError';
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

/** `build --all`: some cities failed; the others were built, and the result says which. */
export class CitiesFailedError extends Error {
  readonly exitCode = 1;
  constructor(readonly result: BuildAllResult) {
    const failed = result.cities.filter((c) => c.status === 'failed');
    super(`${failed.length} of ${result.cities.length} cities failed: ${failed.map((c) => c.city).join(', ')} (the others were built)`);
    this.name = 'CitiesFailedError';
  }
}

export const exitCodeOf = (err: unknown): number =>
  err && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number' ? err.exitCode : 1;
