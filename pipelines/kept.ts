// Values derived from files, kept between processes. Each command is a new process (the
// scheduler spawns one per tick), and some of what it derives at start costs more than the
// start itself: the checked config (the YAML parser and zod), the parsed reference tables. A
// value is kept as JSON in the system's temporary folder with the stamps of the files it came
// from (fileStamp: size, times, inode) and of the code that derived it; while all still match,
// the next process takes it as it is, and any change derives it afresh.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStamp } from './file-stamp.ts';
import { privateFolder, privateFolderPath } from './private-folder.ts';
import { writeAtomicSync } from './write-atomic.ts';

/** The folder of kept values: one per user of the machine, in the system's temporary folder. */
export const keptDir = (): string => privateFolderPath(tmpdir(), 'xian-report-kept');

/**
 * The folder when it can be trusted (pipelines/private-folder.ts), else null, and nothing is kept
 * or taken: a kept config holds the subscribers' addresses and the Chromium to run.
 */
const trustedDir = (): string | null => privateFolder(tmpdir(), 'xian-report-kept');

interface Kept<T> {
  key: string;
  stamps: (string | null)[];
  value: T;
}

function placeOf(dir: string, key: string, files: string[], code: string) {
  const fullKey = `${key}\0${code}\0${files.join('\0')}`;
  return { fullKey, path: join(dir, `${createHash('sha1').update(fullKey).digest('hex').slice(0, 20)}.json`) };
}

/** The value kept for `key` from `files` and `code`, if they are all as they were: { value }, or null. */
export function findKept<T>(key: string, files: string[], code: string): { value: T } | null {
  const dir = trustedDir();
  if (!dir) return null;
  const { fullKey, path } = placeOf(dir, key, files, code);
  try {
    const found = JSON.parse(readFileSync(path, 'utf8')) as Kept<T>;
    if (found.key === fullKey && found.stamps.length === files.length && found.stamps.every((s, i) => s !== null && s === fileStamp(files[i]!))) return { value: found.value };
  } catch {
    // None kept yet, or unreadable.
  }
  return null;
}

/** At most this many values are kept; past it, the older half is removed (charts add one per new figure). */
const MAX_KEPT = 4000;

function store<T>(key: string, files: string[], code: string, stamps: (string | null)[], value: T): void {
  // A file missing, or changed while the value was derived: not kept, the next process derives it.
  if (stamps.some((s) => s === null) || files.some((f, i) => fileStamp(f) !== stamps[i])) return;
  const dir = trustedDir();
  if (!dir) return;
  const { fullKey, path } = placeOf(dir, key, files, code);
  try {
    writeAtomicSync(path, JSON.stringify({ key: fullKey, stamps, value } satisfies Kept<T>));
    prune(dir);
  } catch {
    // Only a shortcut: the next process derives it again.
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir);
  if (names.length <= MAX_KEPT) return;
  const ageOf = (path: string) => {
    try {
      return statSync(path).mtimeMs;
    } catch {
      return 0; // removed meanwhile by another process's pruning
    }
  };
  const byAge = names.map((name) => join(dir, name)).map((path) => ({ path, at: ageOf(path) })).sort((a, b) => a.at - b.at);
  for (const old of byAge.slice(0, byAge.length / 2)) rmSync(old.path, { force: true });
}

/**
 * The value `derive` gives for `key`, from `files` (their stamps decide whether a kept value
 * still holds) and `code` (a string that changes when the deriving code does).
 */
export function kept<T>(key: string, files: string[], code: string, derive: () => T): T {
  const found = findKept<T>(key, files, code);
  if (found) return found.value;
  const stamps = files.map(fileStamp);
  const value = derive();
  store(key, files, code, stamps, value);
  return value;
}

/** kept(), for a value derived asynchronously. */
export async function keptAsync<T>(key: string, files: string[], code: string, derive: () => Promise<T>): Promise<T> {
  const found = findKept<T>(key, files, code);
  if (found) return found.value;
  const stamps = files.map(fileStamp);
  const value = await derive();
  store(key, files, code, stamps, value);
  return value;
}

/**
 * A value remembered under `key` alone, replaced at each call: for guesses that are checked
 * where they are used (the pages an edition's headings landed on), not derived from files.
 */
export function remember<T>(key: string, value: T): void {
  store(key, [], '', [], value);
}

/** What was last remembered under `key`, if anything. */
export function recall<T>(key: string): T | null {
  return findKept<T>(key, [], '')?.value ?? null;
}
