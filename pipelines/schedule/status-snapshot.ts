// The facts `status` last read from the warehouse, kept beside it (`<warehouse>.status.json`)
// with a stamp of the warehouse file as it was then: its size, times and inode, and its WAL's.
// Every write to the warehouse changes them (DuckDB writes the file or its WAL, and checkpoints
// at close), so while the stamp still matches, the facts are what the warehouse would say, and
// `status` answers without loading DuckDB (which alone costs twice a bare Node start). The stamp
// is taken after the warehouse was closed, under the writer lock, so no write can fall between.
import { readFileSync } from 'node:fs';
import { warehouseStamp } from '../file-stamp.ts';
import { writeAtomicSync } from '../write-atomic.ts';
import type { NextTimesOf } from './cron-times.ts';
import type { WarehouseFacts } from './status.ts';

/** Bumped whenever WarehouseFacts changes shape: an older snapshot is then read again. */
const FORMAT = 2;

export const snapshotPathOf = (warehouse: string) => `${warehouse}.status.json`;

/** Next times computed at `from`: still the next ones at any later instant before the first. */
interface Remembered {
  from: string;
  times: string[];
}

interface Snapshot {
  format: number;
  /** The warehouse's stamp when the facts were read. */
  stamp: string;
  facts: WarehouseFacts | null;
  /** By "cron|timezone". node-cron finds a next time minute by minute through Intl: slow to repeat. */
  nextTimes: Record<string, Remembered>;
}

/**
 * The snapshot kept beside the warehouse: the facts while the warehouse is unchanged, and the
 * jobs' next times while none of them has come. The caller holds the writer lock.
 */
export class StatusSnapshot {
  private changed = false;

  private constructor(
    private readonly warehouse: string,
    private snap: Snapshot,
  ) {}

  static read(warehouse: string): StatusSnapshot {
    let snap: Snapshot | null = null;
    try {
      snap = JSON.parse(readFileSync(snapshotPathOf(warehouse), 'utf8')) as Snapshot;
    } catch {
      // None yet, or unreadable: started afresh.
    }
    if (snap?.format !== FORMAT) snap = { format: FORMAT, stamp: '', facts: null, nextTimes: {} };
    return new StatusSnapshot(warehouse, snap);
  }

  /**
   * The facts, if the warehouse has not changed since they were read. Not when a run is still
   * marked running: the writer lock is ours, so its process is gone, and reading the warehouse
   * records its end.
   */
  facts(): WarehouseFacts | null {
    const { facts, stamp } = this.snap;
    if (!facts || stamp !== warehouseStamp(this.warehouse)) return null;
    return facts.runs.some((r) => r.status === 'running') ? null : facts;
  }

  /** Facts just read from the warehouse, now closed: stamped with it as it is now. */
  keepFacts(facts: WarehouseFacts): void {
    this.snap = { ...this.snap, stamp: warehouseStamp(this.warehouse), facts };
    this.changed = true;
  }

  /** Whether the next times of this cron are remembered for `now`. */
  remembers(cron: string, timezone: string, now: Date): boolean {
    const kept = this.snap.nextTimes[`${cron}|${timezone}`];
    return !!kept && Date.parse(kept.from) <= now.getTime() && now.getTime() < Date.parse(kept.times[0] ?? '');
  }

  /** A next-times function for `now` that answers from memory where it can, computing the rest. */
  nextTimesAt(now: Date, compute: NextTimesOf | null): NextTimesOf {
    return (cron, timezone) => {
      const key = `${cron}|${timezone}`;
      if (this.remembers(cron, timezone, now)) return this.snap.nextTimes[key]!.times;
      if (!compute) throw new Error(`status: the next times of "${cron}" were neither remembered nor computed`);
      const times = compute(cron, timezone);
      this.snap.nextTimes[key] = { from: now.toISOString(), times };
      this.changed = true;
      return times;
    };
  }

  /** Writes what changed (a temporary file renamed over the last). */
  save(): void {
    if (!this.changed) return;
    try {
      writeAtomicSync(snapshotPathOf(this.warehouse), JSON.stringify(this.snap));
    } catch {
      // A snapshot is only a shortcut: without it the next status reads the warehouse.
    }
  }
}
