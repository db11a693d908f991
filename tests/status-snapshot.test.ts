// The snapshot status keeps beside the warehouse: facts while the warehouse file is unchanged,
// next times while none of them has come (the CLI's side is in tests/cli/start.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { nextTimesOf } from '../pipelines/schedule/cron-times.ts';
import { StatusSnapshot } from '../pipelines/schedule/status-snapshot.ts';
import { readWarehouseFacts } from '../pipelines/schedule/status.ts';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';

const dir = mkdtempSync(join(tmpdir(), 'xian-report-snapshot-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('next times are remembered until the first of them comes, then computed again', () => {
  const warehouse = join(dir, 'times.duckdb');
  const cron = '30 6 * * *';
  const tz = 'Asia/Shanghai';
  const t0 = new Date('2026-12-02T10:00:00Z');
  const first = StatusSnapshot.read(warehouse);
  assert.deepEqual(first.nextTimesAt(t0, nextTimesOf(t0))(cron, tz), nextTimesOf(t0)(cron, tz));
  first.save();

  // Before the first next time: the same times, and nothing is computed (null would throw).
  const later = new Date('2026-12-02T22:29:00Z');
  const kept = StatusSnapshot.read(warehouse);
  assert.ok(kept.remembers(cron, tz, later));
  assert.deepEqual(kept.nextTimesAt(later, null)(cron, tz), nextTimesOf(later)(cron, tz));

  // Once it has come (06:30 in Shanghai is 22:30 UTC): computed again, and the new ones kept.
  const past = new Date('2026-12-02T22:31:00Z');
  assert.equal(kept.remembers(cron, tz, past), false);
  assert.throws(() => kept.nextTimesAt(past, null)(cron, tz), /neither remembered nor computed/);
  assert.deepEqual(kept.nextTimesAt(past, nextTimesOf(past))(cron, tz), ['2026-12-03T22:30:00.000Z', '2026-12-04T22:30:00.000Z']);
  assert.equal(kept.remembers('0 6 * * 1', tz, past), false, 'another cron is not answered for');
});

test('facts are given back only while the warehouse file is as it was when they were read', async () => {
  const warehouse = join(dir, 'facts.duckdb');
  (await Warehouse.open(warehouse)).close();
  const now = new Date();
  const snap = StatusSnapshot.read(warehouse);
  assert.equal(snap.facts(), null, 'none kept yet');
  const facts = await readWarehouseFacts(warehouse, now);
  snap.keepFacts(facts);
  snap.save();
  assert.deepEqual(StatusSnapshot.read(warehouse).facts(), facts);

  const wh = await Warehouse.open(warehouse);
  await wh.exec("insert into runs (id, command, trigger, started_at, status) values (1, 'run', 'manual', now(), 'running')");
  wh.close();
  assert.equal(StatusSnapshot.read(warehouse).facts(), null, 'the file changed');

  // Kept while a run is marked running: not given back, since reading records that run's end.
  const withRunning = StatusSnapshot.read(warehouse);
  withRunning.keepFacts({ ...facts, runs: [{ id: 1, command: 'run', job: null, trigger: 'manual', startedAt: now.toISOString(), finishedAt: null, status: 'running', counts: {}, error: null }] });
  withRunning.save();
  assert.equal(StatusSnapshot.read(warehouse).facts(), null);
});
