// Chromium's faults, through the real `run`: the browser killed in the middle of printing,
// a Chromium that dies while puppeteer attaches to it, and one that cannot start (a wrapper
// failing as Debian's shell wrapper would). Each says what failed, that no edition was printed
// and which edition stays the latest; none uses up an edition number, and none leaves a
// scratch folder or a process behind.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { privateFolderPath } from '../../pipelines/private-folder.ts';
import { tally } from '../helpers/fault-ledger.ts';
import { descendants, waitGone } from '../helpers/processes.ts';
import { makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

describe('Chromium faults', () => {
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  let faults = 0;
  let filesLeft = 0;
  let processesLeft = 0;
  const csv = () => ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
  const bumpData = (rank: number) => writeFileSync(csv(), readFileSync(csv(), 'utf8').replace(/2022,\d+,西安/, `2022,${rank},西安`));
  const leftovers = () => [
    ...readdirSync(ws.path('out', 'editions')).filter((d) => d.endsWith('.tmp')),
    ...readdirSync(ws.path('out')).filter((d) => d.endsWith('.tmp')),
  ];

  before(async () => {
    ws = makeWorkspace();
    mkdirSync(ws.path('tmp'));
    env = { TMPDIR: ws.path('tmp') };
    const first = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28'], { env });
    assert.equal(first.code, 0, first.stdout + first.stderr);
  });
  after(() => {
    tally({ suite: 'Chromium faults', trials: 4, faults, filesLeft, processesLeft });
    ws.cleanup();
  });

  const latestKey = () => readFileSync(ws.path('out', 'latest.txt'), 'utf8').trim();
  const numberOf = (key: string) => Number(key.slice(-4));
  /** The message of a run that printed nothing, while `key` stays the latest. */
  const nothingPrinted = (what: string, key: string) =>
    new RegExp(`printing failed: Chromium ${what}\\. No edition was printed; edition ${numberOf(key)} \\(${key}\\) stays the latest\\.`);

  test('the browser killed while printing: a plain message, the last edition stays the latest, no number used', async () => {
    let res;
    let tree: number[] = [];
    let before = latestKey();
    // The kill lands once a page is open in Chromium; should the print win the race, new data and again.
    for (let attempt = 0; attempt < 3; attempt++) {
      before = latestKey();
      bumpData(9 - attempt);
      let child: ChildProcess | null = null;
      let done = false;
      const running = runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28'], { env, onSpawn: (c) => (child = c) });
      void running.then(() => (done = true));
      while (!done) {
        const procs = child ? descendants((child as ChildProcess).pid!) : [];
        if (procs.some((p) => /--type=renderer/.test(p.cmdline))) {
          const browser = procs.find((p) => /chrom/i.test(p.cmdline) && !/--type=/.test(p.cmdline));
          tree = procs.map((p) => p.pid);
          if (browser) process.kill(browser.pid, 'SIGKILL');
          break;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
      res = await running;
      if (res.code !== 0) break;
    }
    faults++;
    const out = res!.stdout + res!.stderr;
    assert.equal(res!.code, 1, out);
    // A renderer can exist while the browser is still starting: killed then, it "could not start".
    assert.match(out, nothingPrinted('(?:closed or crashed while printing|could not start) \\(.+\\)', before));
    assert.doesNotMatch(out, /^\s*(ERROR\s+)?Protocol error/m, 'not protocol noise alone');
    const gone = await waitGone(tree);
    processesLeft += gone.length;
    assert.deepEqual(gone, []);
    filesLeft += leftovers().length;
    assert.deepEqual(leftovers(), []);
    assert.equal(latestKey(), before);
  });

  test('a Chromium that dies while puppeteer attaches to it: "could not start", not a process left waiting on nothing', async () => {
    // puppeteer-core's launch() never settles at that moment; before the fix Node ended with exit 13.
    const before = latestKey();
    const standIn = fileURLToPath(new URL('../fixtures/chromium/dies-while-attaching.mjs', import.meta.url));
    // The stand-in notes what it received and when it left: if the run ever hangs, the failure says where.
    const standInLog = ws.path('stand-in.log');
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28', '--force'], {
      env: { ...env, PUPPETEER_EXECUTABLE_PATH: standIn, XR_STANDIN_LOG: standInLog },
    });
    faults++;
    const out = res.stdout + res.stderr;
    assert.equal(res.code, 1, `${out}\nthe stand-in's log:\n${existsSync(standInLog) ? readFileSync(standInLog, 'utf8') : '(none: it never started)'}`);
    // At some moments it is noticed only by the launch's watchdog (the test below makes that moment happen).
    assert.match(out, nothingPrinted('could not start \\(.*Chromium closed while puppeteer was attaching to it(?: \\(no answer in 30 s\\))?\\)', before));
    filesLeft += leftovers().length;
    assert.deepEqual(leftovers(), []);
  });

  test('a Chromium that dies once puppeteer talks to its tab: given up on after 30 s, not a run that never ends', async () => {
    // puppeteer-core then leaves a handle open in Node's event loop: without the launch's watchdog and
    // the CLI ending itself, this run never ended (the test timed out).
    const before = latestKey();
    const standIn = fileURLToPath(new URL('../fixtures/chromium/dies-while-attaching.mjs', import.meta.url));
    const standInLog = ws.path('stand-in-late.log');
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28', '--force'], {
      env: { ...env, PUPPETEER_EXECUTABLE_PATH: standIn, XR_STANDIN_LOG: standInLog, XR_STANDIN_LATE: '1' },
    });
    faults++;
    const out = res.stdout + res.stderr;
    assert.equal(res.code, 1, `${out}\nthe stand-in's log:\n${existsSync(standInLog) ? readFileSync(standInLog, 'utf8') : '(none)'}`);
    assert.match(readFileSync(standInLog, 'utf8'), /got Runtime\.runIfWaitingForDebugger \(session S1\)\n.*exits/);
    assert.match(out, nothingPrinted('could not start \\(.*Chromium closed while puppeteer was attaching to it \\(no answer in 30 s\\)\\)', before));
    filesLeft += leftovers().length;
    assert.deepEqual(leftovers(), []);
  });

  test('a Chromium that cannot start: its own words, then the next good run prints edition 2', async () => {
    const broken = ws.path('broken-chromium');
    writeFileSync(broken, '#!/bin/sh\necho "/usr/bin/chromium: 76: .: cannot open /etc/chromium.d/default-flags: Permission denied" >&2\nexit 2\n');
    chmodSync(broken, 0o755);
    const before = latestKey();
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28'], { env: { ...env, PUPPETEER_EXECUTABLE_PATH: broken } });
    faults++;
    const out = res.stdout + res.stderr;
    assert.equal(res.code, 1, out);
    assert.match(out, nothingPrinted('could not start \\(.*cannot open /etc/chromium\\.d/default-flags: Permission denied.*\\)', before));
    filesLeft += leftovers().length;
    assert.deepEqual(leftovers(), []);

    const good = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28'], { env });
    assert.equal(good.code, 0, good.stdout + good.stderr);
    const next = `2026-11-28-xian-en-${String(numberOf(before) + 1).padStart(4, '0')}`;
    assert.match(good.stdout, new RegExp(`edition ${next}`), 'the failed prints used no edition number');
    assert.ok(existsSync(ws.path('out', 'editions', next, 'edition.pdf')));
    const profilesDir = privateFolderPath(ws.path('tmp'), 'xian-report-chromium');
    const profiles = existsSync(profilesDir) ? readdirSync(profilesDir) : [];
    filesLeft += profiles.length;
    assert.deepEqual(profiles, [], 'no Chromium profile folder left');
  });
});
