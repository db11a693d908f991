// Who holds the writer lock, and how to name them in a message: apart from the lock itself so that
// errors.ts can name the holder without importing the lock.

export interface LockHolder {
  pid: number;
  /** "xian-report run", "xian-report schedule". */
  command: string;
  job?: string;
  since: string;
}


/** "pid 123 (xian-report schedule, job publish, since 2026-11-28T06:00:00.000Z)". */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} (${[h.command, h.job ? `job ${h.job}` : null, `since ${h.since}`].filter(Boolean).join(', ')})`;
}

/** Set by the scheduler on its job children, so the lock names the scheduler as the writer. */
