// The one-writer rule: a lock file beside the warehouse, naming who holds it, taken by every
// process that opens the warehouse (DuckDB lets one process at a time have the file).
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WarehouseBusyError } from '../errors.ts';
import { describeHolder, type LockHolder } from './lock-holder.ts';
import { isAlive } from './pid.ts';

export { describeHolder, type LockHolder };

export const HOLDER_ENV = 'XIAN_REPORT_LOCK_HOLDER';

export const lockPathOf = (warehouse: string) => `${warehouse}.lock`;


function readHolder(path: string): { holder: LockHolder | null; raw: string } | null {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return { holder: JSON.parse(raw) as LockHolder, raw };
  } catch {
    // Half written by a holder that is creating it right now.
    return { holder: null, raw };
  }
}

const STALE_PARTIAL_MS = 5_000;

const mtimeMs = (path: string): number => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
};

function removeIfSame(path: string, raw: string): void {
  if (readHolder(path)?.raw !== raw) return;
  try {
    unlinkSync(path);
  } catch {
    /* someone else removed it first */
  }
}

export interface HeldLock {
  path: string;
  holder: LockHolder;
  release: () => void;
}

export interface LockOptions {
  waitMs: number;
  pollMs?: number;
  /** Called once when the lock is busy, before waiting. */
  onWait?: (holder: LockHolder) => void;
}

/** Tries once; returns the lock, or who holds it. A holder whose process is gone is removed. */
export function tryLock(path: string, me: Omit<LockHolder, 'pid' | 'since'>): HeldLock | LockHolder {
  const holder: LockHolder = { pid: process.pid, ...me, since: new Date().toISOString() };
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(holder), { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const seen = readHolder(path);
      if (!seen) continue;
      if (!seen.holder) {
        // A lock left unreadable for seconds was not being written: its writer died mid-write.
        if (Date.now() - mtimeMs(path) < STALE_PARTIAL_MS) return { pid: 0, command: 'unknown (lock being written)', since: '?' };
        removeIfSame(path, seen.raw);
        continue;
      }
      if (isAlive(seen.holder.pid)) return seen.holder;
      // The holder died without releasing: remove its lock, but only if it is still the same file.
      removeIfSame(path, seen.raw);
      continue;
    }
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off('exit', release);
      // Only remove what is ours: a lock taken over after a hang is someone else's.
      if (readHolder(path)?.holder?.pid === process.pid) unlinkSync(path);
    };
    process.on('exit', release);
    return { path, holder, release };
  }
  return readHolder(path)?.holder ?? { pid: 0, command: 'unknown', since: '?' };
}

/** Takes the lock, waiting up to waitMs for its holder; throws WarehouseBusyError naming the holder. */
export async function acquireLock(path: string, me: Omit<LockHolder, 'pid' | 'since'>, opts: LockOptions): Promise<HeldLock> {
  const started = Date.now();
  let told = false;
  for (;;) {
    const got = tryLock(path, me);
    if ('release' in got) return got;
    if (Date.now() - started >= opts.waitMs) throw new WarehouseBusyError(got, Date.now() - started);
    if (!told) {
      opts.onWait?.(got);
      told = true;
    }
    await sleep(Math.min(opts.pollMs ?? 250, Math.max(1, opts.waitMs - (Date.now() - started))));
  }
}
