// The reference tables shipped under data/reference/ (cities, counties, lists, indicators),
// parsed into records once and kept between processes (kept.ts): a command that resolves one
// city name need not load the CSV parser and parse 300 kB of counties at every start.
import { readFileSync } from 'node:fs';
import { kept } from './kept.ts';
import { LOCK_FILE, requirePackage } from './project-paths.ts';

/** The rows of a CSV file with a header line, as records keyed by column; empty lines skipped. */
export function readReferenceCsv(file: string, opts: { trim?: boolean } = {}): Record<string, string>[] {
  const trim = opts.trim ?? false;
  // The lock file names csv-parse's version: a new version may parse differently.
  return kept(`csv records${trim ? ', trimmed' : ''}`, [file, LOCK_FILE], '', () => {
    // Loaded only when the records are not kept: required, since this function is synchronous.
    const { parse } = requirePackage<typeof import('csv-parse/sync')>('csv-parse/sync');
    return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim }) as Record<string, string>[];
  });
}
