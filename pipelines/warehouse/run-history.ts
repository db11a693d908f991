// The runs table: each command or job is one row, started, then ok, failed or interrupted
// with its counts. A run whose process died is found by the next lock holder and recorded as
// interrupted at its last sign of life (the last step it committed), not at the moment found.
import { InterruptedError } from '../errors.ts';
import type { Warehouse } from './warehouse.ts';

export type Trigger = 'manual' | 'schedule' | 'catch-up';

/** What a run's body gets: its id, counts to fill, and a heartbeat to call after each step it commits. */
export interface RunContext {
  runId: number;
  counts: Record<string, number>;
  heartbeat: () => Promise<void>;
}

/** Marks what dead processes left "running" or "sending"; only the writer lock's holder calls it. */
export async function reconcileInterrupted(wh: Warehouse, now: Date): Promise<void> {
  await wh.execFile('statements/reconcile_interrupted', { now: now.toISOString() });
}

/**
 * Records one run in the runs table around fn. The caller holds the writer lock, so a run
 * still "running" is a dead one.
 */
export async function recordRun<T>(
  wh: Warehouse,
  meta: { command: string; job?: string; trigger: Trigger },
  deps: { now: () => Date },
  fn: (run: RunContext) => Promise<T>,
): Promise<T> {
  await reconcileInterrupted(wh, deps.now());
  const [{ id: runId }] = await wh.allFile<{ id: number }>('statements/start_run', {
    command: meta.command,
    job: meta.job ?? null,
    trigger: meta.trigger,
    started_at: deps.now().toISOString(),
    pid: process.pid,
  });
  const counts: Record<string, number> = {};
  const finish = (status: 'ok' | 'failed' | 'interrupted', error: string | null) =>
    wh.execFile('statements/finish_run', {
      id: runId,
      finished_at: deps.now().toISOString(),
      status,
      counts: JSON.stringify(counts),
      error,
    });
  const heartbeat = () => wh.execFile('statements/run_heartbeat', { id: runId, now: deps.now().toISOString() });
  try {
    const result = await fn({ runId, counts, heartbeat });
    await finish('ok', null);
    return result;
  } catch (err) {
    await finish(err instanceof InterruptedError ? 'interrupted' : 'failed', (err as Error).message).catch(() => undefined);
    throw err;
  }
}
