// The reference tables shipped under data/reference/ (cities, counties, lists, indicators),
// parsed into records once and kept between processes (kept.ts): a command that resolves one
// city name need not load the CSV parser and parse 300 kB of counties at every start.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { kept } from './kept.ts';
import { fromRoot } from './project-paths.ts';

// csv-parse's version: the lock file names it (a new version may parse differently).
const LOCK_FILE = fromRoot('package-lock.json');

/** The rows of a CSV file with a header line, as records keyed by column; empty lines skipped. */
export function readReferenceCsv(file: string, opts: { trim?: boolean } = {}): Record<string, string>[] {
  const trim = opts.trim ?? false;
  return kept(`csv records${trim ? ', trimmed' : ''}`, [file, LOCK_FILE], '', () => {
    // Loaded only when the records are not kept: required, since this function is synchronous.
    const { parse } = createRequire(LOCK_FILE)('csv-parse/sync') as typeof import('csv-parse/sync');
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim }) as Record<string, string>[];
  });
}
