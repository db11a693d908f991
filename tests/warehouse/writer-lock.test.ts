// The writer lock on real files: held, busy, taken over from the dead and from a torn write.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WarehouseBusyError } from '../../pipelines/errors.ts';
import { acquireLock, tryLock } from '../../pipelines/warehouse/writer-lock.ts';

const withDir = (fn: (lock: string) => Promise<void> | void) => async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xian-lock-'));
  try {
    await fn(join(dir, 'w.duckdb.lock'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test('a held lock names its holder to the next one, and is free once released', withDir(async (lock) => {
  const held = tryLock(lock, { command: 'xian-report run' });
  assert.ok('release' in held);
  // Our own pid is alive, so a second try sees the holder.
  const other = tryLock(lock, { command: 'xian-report build' });
  assert.ok(!('release' in other));
  assert.equal(other.command, 'xian-report run');
  await assert.rejects(acquireLock(lock, { command: 'xian-report build' }, { waitMs: 30, pollMs: 10 }), (e: unknown) => {
    assert.ok(e instanceof WarehouseBusyError);
    assert.match(e.message, new RegExp(`warehouse is being written by pid ${process.pid} \\(xian-report run, since `));
    return true;
  });
  held.release();
  assert.ok(!existsSync(lock));
  const again = tryLock(lock, { command: 'xian-report build' });
  assert.ok('release' in again);
  again.release();
}));

test('a lock whose holder died is taken over', withDir((lock) => {
  // pid 2^22+1 is above Linux's pid_max default, so no process has it.
  writeFileSync(lock, JSON.stringify({ pid: 4194305, command: 'xian-report schedule', since: '2026-11-28T00:00:00Z' }));
  const held = tryLock(lock, { command: 'xian-report run' });
  assert.ok('release' in held);
  held.release();
}));

test('a torn lock file is waited on while fresh, and taken over once stale', withDir((lock) => {
  writeFileSync(lock, '{"pid": 12');
  const busy = tryLock(lock, { command: 'xian-report run' });
  assert.ok(!('release' in busy));
  assert.match(busy.command, /being written/);
  const old = new Date(Date.now() - 60_000);
  utimesSync(lock, old, old);
  const held = tryLock(lock, { command: 'xian-report run' });
  assert.ok('release' in held);
  held.release();
}));
