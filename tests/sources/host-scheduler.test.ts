// The per-host spacing, by an injected clock that moves only when something sleeps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHostScheduler } from '../../pipelines/sources/host-scheduler.ts';

function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    advance: (ms: number) => void (t += ms),
    clock: { now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) },
  };
}

test('the first request to a host goes at once; the next waits what is left of the gap', async () => {
  const c = fakeClock();
  const s = createHostScheduler(c.clock);
  await s.turn('stats.xa.gov.cn', 1000);
  c.advance(300); // the request itself took 300 ms
  await s.turn('stats.xa.gov.cn', 1000);
  assert.deepEqual(c.sleeps, [700]);
});

test('other hosts do not wait for each other', async () => {
  const c = fakeClock();
  const s = createHostScheduler(c.clock);
  await s.turn('stats.xa.gov.cn', 1000);
  await s.turn('www.stats.gov.cn', 1000);
  await s.turn('tjj.shaanxi.gov.cn', 1000);
  assert.deepEqual(c.sleeps, []);
});

test('concurrent requests to one host queue up instead of all going after one wait', async () => {
  const c = fakeClock();
  const s = createHostScheduler(c.clock);
  const order: number[] = [];
  await Promise.all([1, 2, 3].map((i) => s.turn('stats.xa.gov.cn', 500).then(() => order.push(i))));
  assert.deepEqual(order, [1, 2, 3]);
  assert.deepEqual(c.sleeps, [500, 500]);
});

test('a gap of 0 never sleeps', async () => {
  const c = fakeClock();
  const s = createHostScheduler(c.clock);
  for (let i = 0; i < 3; i++) await s.turn('stats.xa.gov.cn', 0);
  assert.deepEqual(c.sleeps, []);
});
