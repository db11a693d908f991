// The fault suite's tally: each fault test adds what it injected and what it found left over
// to a ledger file (XIAN_REPORT_FAULT_LEDGER, set by `scripts/test.mjs --faults`), and the
// script prints the totals at the end. Without the variable the entries go nowhere.
import { appendFileSync } from 'node:fs';

export interface FaultTally {
  suite: string;
  trials: number;
  faults: number;
  rowsLost?: number;
  deliveriesLost?: number;
  deliveriesDoubled?: number;
  /** Deliveries left "unknown" where the server had received the whole mail (allowed: a person decides). */
  unknownWithMail?: number;
  /** Deliveries left "unknown" where the server never had the whole mail (a kill between recording and the final dot). */
  unknownWithoutMail?: number;
  filesLeft?: number;
  processesLeft?: number;
  /** The SMTP password seen in output, status, the warehouse or an .eml. */
  secretsLeaked?: number;
}

export function tally(t: FaultTally): void {
  const file = process.env.XIAN_REPORT_FAULT_LEDGER;
  if (file) appendFileSync(file, `${JSON.stringify(t)}\n`);
}

/** A small seeded generator (mulberry32), so that the kill points of a run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: XIAN_REPORT_FAULT_SEED, or a fixed default. */
export const faultSeed = (): number => Number(process.env.XIAN_REPORT_FAULT_SEED ?? 20261129);
