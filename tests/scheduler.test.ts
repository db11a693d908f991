// The scheduler's job logic with real node-cron ticks on a fast schedule (every second): one
// run of a job at a time with ticks skipped meanwhile, one job at a time overall, catch-up once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConsola } from 'consola';
import type { JobConfig } from '../pipelines/config.ts';
import { missedSince, nextTimes } from '../pipelines/schedule/cron-times.ts';
import { Scheduler, type SchedulerDeps } from '../pipelines/schedule/scheduler.ts';

const job = (name: string, cron: string): JobConfig => ({ name, cron, timezone: 'Asia/Shanghai', do: 'load' });

/** A logger that keeps its lines. */
function memoryLog() {
  const lines: string[] = [];
  const log = createConsola({ level: 5, reporters: [{ log: (o) => lines.push(`${o.type}: ${o.args.join(' ')}`) }] });
  return { log, lines };
}

/** Waits until cond() holds; the bound only keeps a broken test from hanging. */
async function until(cond: () => boolean, what: string, boundMs = 15_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

describe('scheduler', () => {
  test('a tick that arrives while the previous run still works is skipped and logged', async () => {
    const { log, lines } = memoryLog();
    let release!: () => void;
    const blocked = new Promise<void>((r) => (release = r));
    const calls: string[] = [];
    const deps: SchedulerDeps = {
      log,
      now: () => new Date(),
      lastStarts: async () => new Map(),
      runJob: async (j, trigger) => {
        calls.push(`${j.name}:${trigger}`);
        if (calls.length === 1) await blocked;
        return { code: 0 };
      },
    };
    const s = new Scheduler([job('slow', '* * * * * *')], { catchUp: 'once' }, deps);
    await s.start();
    try {
      await until(() => s.stats.skipped >= 2, 'two skipped ticks');
      assert.deepEqual(calls, ['slow:schedule'], 'no second run while the first works');
      assert.ok(lines.some((l) => /slow: tick at .* skipped: its previous run is still working/.test(l)), lines.join('\n'));
      release();
      await until(() => calls.length >= 2, 'the next tick to run again');
    } finally {
      release();
      await s.stop();
    }
    assert.ok(s.stats.runs.every((r) => r.code === 0));
  });

  test('jobs run one at a time: a job that ticks while another runs waits its turn', async () => {
    const { log } = memoryLog();
    let running = 0;
    let most = 0;
    const done: string[] = [];
    const s = new Scheduler([job('a', '* * * * * *'), job('b', '* * * * * *')], { catchUp: 'once' }, {
      log,
      now: () => new Date(),
      lastStarts: async () => new Map(),
      runJob: async (j) => {
        most = Math.max(most, ++running);
        await sleep(300);
        running--;
        done.push(j.name);
        return { code: 0 };
      },
    });
    await s.start();
    try {
      await until(() => done.includes('a') && done.includes('b'), 'both jobs to run');
    } finally {
      await s.stop();
    }
    assert.equal(most, 1, 'never two jobs at once');
  });

  test('a run missed while the scheduler was down is caught up once, not once per missed tick', async () => {
    const { log, lines } = memoryLog();
    const calls: string[] = [];
    const now = new Date();
    const longAgo = new Date(now.getTime() - 3 * 365 * 86400_000);
    const jobs = [job('yearly', '0 0 1 1 *'), job('hourly', '0 * * * *'), job('new', '0 0 1 1 *'), job('fresh', '0 0 1 1 *')];
    const make = (catchUp: 'once' | 'skip') =>
      new Scheduler(jobs, { catchUp }, {
        log,
        now: () => now,
        // "fresh" ran just now; "new" never ran.
        lastStarts: async () => new Map([['yearly', longAgo], ['hourly', longAgo], ['fresh', now]]),
        runJob: async (j, trigger) => {
          calls.push(`${j.name}:${trigger}`);
          return { code: 0 };
        },
      });
    const s = make('once');
    await s.start();
    await until(() => s.stats.runs.length >= 2, 'the catch-up runs');
    await s.stop();
    assert.deepEqual(calls.sort(), ['hourly:catch-up', 'yearly:catch-up']);
    assert.ok(lines.some((l) => /yearly: missed the run due at .*: catching up once/.test(l)));

    calls.length = 0;
    const skip = make('skip');
    await skip.start();
    await skip.stop();
    assert.deepEqual(calls, [], 'catchUp: skip runs nothing at start');
  });

  test('cron times follow the timezone', () => {
    const from = new Date('2026-11-28T00:00:00Z'); // 08:00 in Shanghai
    assert.deepEqual(nextTimes('0 6 * * 1', 'Asia/Shanghai', from, 2).map((d) => d.toISOString()), ['2026-11-29T22:00:00.000Z', '2026-12-06T22:00:00.000Z']);
    assert.equal(missedSince('0 8 * * *', 'Asia/Shanghai', new Date('2026-11-26T00:00:00Z'), from)?.toISOString(), '2026-11-27T00:00:00.000Z');
    assert.equal(missedSince('0 8 * * *', 'Asia/Shanghai', new Date('2026-11-27T00:00:00Z'), from), null, 'the next run is due exactly now: not missed');
  });
});
