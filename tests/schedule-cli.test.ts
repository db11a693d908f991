// `xian-report schedule` as it runs in production: the real CLI, jobs in child processes on a
// fast schedule (every 2 s), a real DuckDB file, a real SMTP server that is down and then up;
// the writer lock between processes; SIGTERM once (clean stop) and twice (at once).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import type { Status } from '../pipelines/schedule/status.ts';
import { lockPathOf, tryLock } from '../pipelines/warehouse/writer-lock.ts';
import { nextTimes } from '../pipelines/schedule/cron-times.ts';
import { freePort, smtpConfig, startSmtp, type TestSmtp } from './helpers/smtp.ts';
import { CLI, ROOT, makeWorkspace, runCli, type Workspace } from './helpers/workspace.ts';

const ALICE = 'alice@example.test';
const BOB = 'bob@example.test';

const bases = new Map<string, string>();

function configure(ws: Workspace, port: number, lockWaitMs: number): void {
  if (!bases.has(ws.config)) bases.set(ws.config, readFileSync(ws.config, 'utf8').replace(/\n# What `xian-report schedule` runs[\s\S]*$/, ''));
  const base = bases.get(ws.config)!;
  writeFileSync(
    ws.config,
    [
      base,
      'writerLock:',
      `  waitMs: ${lockWaitMs}`,
      'schedule:',
      '  catchUp: once',
      '  jobs:',
      '    - { name: load-all, cron: "*/2 * * * * *", do: load }',
      '    - { name: publish, cron: "*/2 * * * * *", do: publish }',
      smtpConfig(port),
      'subscribers:',
      `  - { address: ${ALICE} }`,
      `  - { address: ${BOB} }`,
      '',
    ].join('\n'),
  );
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Every scheduler started: a test that gave up leaves its scheduler running, which would keep the file from ending. */
const started: ChildProcess[] = [];

function startScheduler(ws: Workspace): Running {
  const child = spawn(process.execPath, [CLI, 'schedule', '--config', ws.config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until cond() holds; the bound only keeps a broken test from hanging. */
async function until(cond: () => boolean, what: string, context: () => string, boundMs = 60_000): Promise<void> {
  const end = Date.now() + boundMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}; output:\n${context()}`);
    await sleep(100);
  }
}

/** True when no live process holds the warehouse's writer lock (taking it and letting go at once). */
function lockIsFree(ws: Workspace): boolean {
  const lock = tryLock(lockPathOf(ws.warehouse), { command: 'test probe' });
  if (!('release' in lock)) return false;
  lock.release();
  return true;
}

const count = (text: string, re: RegExp) => (text.match(new RegExp(re.source, 'g')) ?? []).length;

async function runsOf(ws: Workspace) {
  const wh = await Warehouse.open(ws.warehouse);
  try {
    return await wh.all<{ command: string; job: string | null; trigger: string; status: string }>('select command, job, trigger, status from runs order by id');
  } finally {
    wh.close();
  }
}

describe('xian-report schedule', () => {
  let ws: Workspace;
  let port: number;
  let smtp: TestSmtp | null = null;
  let sched: Running | null = null;
  before(async () => {
    ws = makeWorkspace();
    port = await freePort();
    configure(ws, port, 20_000);
  });
  after(async () => {
    for (const child of started) if (child.exitCode == null && child.signalCode == null) child.kill('SIGKILL');
    await smtp?.close();
    ws.cleanup();
  });

  test('runs the jobs on their ticks; mail waits while the server is down and goes exactly once per recipient when it is up; SIGTERM stops cleanly', async () => {
    sched = startScheduler(ws);
    const out = sched.output;
    // Mail not delivered fails the job (exit 1), as for `send`; the scheduler says so and goes on.
    await until(() => /publish: schedule run failed \(exit 1\)/.test(out()) && /not delivered yet/.test(out()), 'a publish run with the server down', out);
    assert.equal(count(out(), /→ alice@example\.test: sent/), 0);

    smtp = await startSmtp(port);
    await until(() => smtp!.countFor(ALICE) >= 1 && smtp!.countFor(BOB) >= 1, 'both mails', out);
    // A few more publish ticks: nothing changed, so no new edition and no second mail.
    const doneBefore = count(out(), /publish: schedule run done/);
    await until(() => count(out(), /publish: schedule run done/) >= doneBefore + 2, 'two more publish runs', out);

    sched.child.kill('SIGTERM');
    assert.equal(await sched.exited, 0, out());
    assert.match(out(), /scheduler stopped/);
    assert.equal(smtp.countFor(ALICE), 1);
    assert.equal(smtp.countFor(BOB), 1);

    const runs = await runsOf(ws);
    assert.ok(runs.some((r) => r.job === 'load-all' && r.command === 'load' && r.trigger === 'schedule' && r.status === 'ok'));
    assert.ok(runs.filter((r) => r.job === 'publish' && r.status === 'ok').length >= 3);
    assert.ok(runs.every((r) => r.status !== 'running'), 'no run left half done');
    const editions = await runCli(['editions', '--json', '--config', ws.config]);
    assert.equal(JSON.parse(editions.stdout).length, 1, 'one edition: later ticks found no change');
  });

  test('a run missed while the scheduler was down is caught up once at start', async () => {
    // A tick of each job falls due while nothing runs: wait until the clock has passed the next one.
    const due = nextTimes('*/2 * * * * *', 'UTC', new Date())[0]!;
    await until(() => Date.now() > due.getTime(), 'a tick to fall due while the scheduler is down', () => '');
    sched = startScheduler(ws);
    const out = sched.output;
    await until(() => /load-all: catch-up run done/.test(out()) && /publish: catch-up run done/.test(out()), 'the catch-up runs', out);
    sched.child.kill('SIGTERM');
    assert.equal(await sched.exited, 0, out());
    const runs = await runsOf(ws);
    assert.equal(runs.filter((r) => r.trigger === 'catch-up' && r.job === 'load-all').length, 1);
    assert.equal(runs.filter((r) => r.trigger === 'catch-up' && r.job === 'publish').length, 1);
    assert.equal(count(out(), /missed the run due at/), 2);
  });

  test('status shows the last run and next times of each job, the sources, the latest edition', async () => {
    const res = await runCli(['status', '--config', ws.config]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /scheduler: not running/);
    assert.match(res.stdout, /publish +publish +"\*\/2 \* \* \* \* \*"\n +last: ok (schedule|catch-up) /);
    assert.match(res.stdout, /shipped-top100-ranks +checked .* \(unchanged\) +changed /);
    assert.match(res.stdout, /#1 \d{4}-\d\d-\d\d-xian-en-0001/);
    assert.match(res.stdout, /Deliveries: 2 sent/);
    const json = JSON.parse((await runCli(['status', '--json', '--config', ws.config])).stdout) as Status;
    assert.equal(json.jobs.length, 2);
    assert.equal(json.jobs[1]!.next.length, 2);
    assert.ok(new Date(json.jobs[1]!.next[0]!) > new Date(json.now));
  });

  test('a second signal stops at once, mid-step, and leaves the warehouse usable', async () => {
    // New data, so that publish prints an edition, with a Chromium that never answers: the step
    // is cut short whatever the machine's speed (a real print could end between the signals).
    const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2022,12,西安', '2022,9,西安'));
    appendFileSync(ws.config, `chromium:\n  executablePath: ${join(ROOT, 'tests', 'fixtures', 'chromium', 'never-answers.mjs')}\n`);
    sched = startScheduler(ws);
    const out = sched.output;
    await until(() => /printing a new edition \(en\): inputs changed since edition 1/.test(out()), 'publish to start printing', out);
    sched.child.kill('SIGTERM');
    // Signals of one kind do not queue: the second is sent once the first was seen.
    await until(() => /stopping after the current step/.test(out()), 'the first signal', out);
    sched.child.kill('SIGTERM');
    assert.equal(await sched.exited, 130, out());
    assert.match(out(), /stopping now/);
    // The job the scheduler started is stopped with it: wait until its lock is free.
    await until(() => lockIsFree(ws), "the stopped job's writer lock to be released", out);
    // The next writer (with the real Chromium) finds the warehouse whole and marks the run cut short as interrupted.
    configure(ws, port, 20_000);
    const res = await runCli(['job', 'publish', '--config', ws.config]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const runs = await runsOf(ws);
    assert.ok(runs.every((r) => r.status !== 'running'));
    assert.equal(runs.filter((r) => r.status === 'interrupted').length, 1, JSON.stringify(runs) + out());
    assert.equal(smtp!.countFor(ALICE), 2, 'edition 1 and edition 2, once each');
    assert.equal(smtp!.countFor(BOB), 2);
  });

  test('the writer lock: a second writer waits, then gives up naming the holder', async () => {
    configure(ws, port, 800);
    const lock = tryLock(lockPathOf(ws.warehouse), { command: 'xian-report schedule', job: 'publish' });
    assert.ok('release' in lock);
    try {
      const res = await runCli(['run', '--config', ws.config]);
      assert.equal(res.code, 1);
      assert.match(res.stdout + res.stderr, new RegExp(`warehouse is being written by pid ${process.pid} \\(xian-report schedule, job publish, since \\d{4}-\\d\\d-\\d\\dT`));
    } finally {
      lock.release();
    }
    // Released within the wait: the waiter goes ahead.
    configure(ws, port, 20_000);
    const again = tryLock(lockPathOf(ws.warehouse), { command: 'xian-report run' });
    assert.ok('release' in again);
    // Released once status says it waits (the event, not a time: a loaded machine starts slowly).
    const waiting = runCli(['status', '--config', ws.config], { onOutput: (o) => /waiting up to/.test(o) && again.release() });
    const res = await waiting;
    again.release();
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr + res.stdout, /waiting up to 20 s for the warehouse: written by pid \d+ \(xian-report run/);

    // A lock left by a process that died is taken over.
    writeFileSync(lockPathOf(ws.warehouse), JSON.stringify({ pid: 2 ** 22 + 1, command: 'xian-report run', since: new Date().toISOString() }));
    const stale = await runCli(['status', '--config', ws.config]);
    assert.equal(stale.code, 0, stale.stderr);
  });
});
