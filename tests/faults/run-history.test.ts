// The runs table tells the truth after a fault: a run whose process died reads "interrupted"
// with its last sign of life as its end (not the moment someone noticed); a stop that arrives
// after a run's last step is no interruption; `job publish` fails (exit 1) while mail waits.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createConsola } from 'consola';
import { loadConfig } from '../../pipelines/config.ts';
import { runPipeline } from '../../pipelines/run.ts';
import { reconcileInterrupted } from '../../pipelines/warehouse/run-history.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { tally } from '../helpers/fault-ledger.ts';
import { makeMailWorkspace } from '../helpers/mail-fixture.ts';
import { freePort } from '../helpers/smtp.ts';
import { makeWorkspace, runCli } from '../helpers/workspace.ts';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((c) => c()));
const quiet = createConsola({ level: 0 });

test('a dead run reads interrupted, ended at its last heartbeat', async () => {
  const ws = makeWorkspace();
  cleanups.push(ws.cleanup);
  const wh = await Warehouse.open(ws.warehouse);
  try {
    const started = '2026-11-29T01:00:00.000Z';
    const lastBeat = '2026-11-29T01:00:07.000Z';
    const [{ id }] = await wh.allFile<{ id: number }>('statements/start_run', { command: 'run', job: null, trigger: 'manual', started_at: started, pid: 2 ** 22 + 7 });
    await wh.execFile('statements/run_heartbeat', { id, now: lastBeat });
    // Found an hour later by the next writer.
    await reconcileInterrupted(wh, new Date('2026-11-29T02:00:00Z'));
    const [run] = await wh.all<{ status: string; finished_at: Date; error: string }>(`select status, finished_at, error from runs where id = ${id}`);
    assert.equal(run!.status, 'interrupted');
    assert.equal(new Date(run!.finished_at).toISOString(), lastBeat);
    assert.match(run!.error, /the process \(pid 4194311\) ended before the run finished/);
  } finally {
    wh.close();
  }
  tally({ suite: 'run history', trials: 1, faults: 1 });
});

test('a stop asked during the only step of a load: the step commits and the run is ok', async () => {
  const ws = makeWorkspace();
  cleanups.push(ws.cleanup);
  const cfg = loadConfig(ws.config);
  const result = await runPipeline(
    cfg,
    { load: true, sources: ['shipped-top100-ranks'], build: false, command: 'load', job: 'rankings-weekly' },
    { log: quiet, now: () => new Date(), shouldStop: () => true },
  );
  assert.equal(result.loads.length, 1);
  const wh = await Warehouse.open(ws.warehouse);
  try {
    const runs = await wh.all<{ status: string }>('select status from runs');
    assert.deepEqual(runs.map((r) => r.status), ['ok']);
  } finally {
    wh.close();
  }
});

test('job publish exits 1 while mail is pending, as the README says', async () => {
  const port = await freePort();
  const ws = await makeMailWorkspace(port, ['ada@example.test', 'ben@example.test']);
  cleanups.push(ws.cleanup);
  const res = await runCli(['job', 'publish', '--config', ws.config]);
  assert.equal(res.code, 1, res.stdout + res.stderr);
  assert.match(res.stdout + res.stderr, /publish: mail 0 sent, 2 still pending, 0 failed, 0 unknown/);
});
