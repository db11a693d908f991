import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ChromiumNotFoundError } from '../../pipelines/errors.ts';
import { findChromium } from '../../pipelines/render/chromium.ts';

test('PUPPETEER_EXECUTABLE_PATH comes first', () => {
  assert.equal(findChromium(undefined, { PUPPETEER_EXECUTABLE_PATH: process.execPath }), process.execPath);
});

test('no browser anywhere: the error names what was tried and the fix', (t) => {
  // Only the usual paths would remain; pretend they are absent by testing the error itself.
  const err = new ChromiumNotFoundError(['/nope/chrome']);
  assert.match(err.message, /tried \/nope\/chrome/);
  assert.match(err.message, /npm run setup|apt-get install chromium|PUPPETEER_EXECUTABLE_PATH/);
  t.diagnostic(err.message);
});

test('a step that would wait forever is rejected once Chromium is gone, and the profile folder (with its socket folder) goes with it', async () => {
  const { launchBrowser, profilesRoot, whileConnected } = await import('../../pipelines/render/pdf.ts');
  const { existsSync, readdirSync, statSync } = await import('node:fs');
  const browser = await launchBrowser();
  const proc = browser.process()!;
  const profile = readdirSync(profilesRoot()).find((n) => n.startsWith(`${process.pid}-`));
  assert.ok(profile, 'a profile folder of this process while Chromium runs');
  // In a folder of this user's that only this user can enter (pipelines/private-folder.ts).
  const folder = statSync(profilesRoot());
  const ours = { uid: folder.uid, mode: folder.mode & 0o777 };
  // Chromium's singleton-socket folder is made in its TMPDIR: the profile, so it goes with it
  // (asserted once Chromium is killed: a failure here must not leave it running).
  const socketInProfile = readdirSync(`${profilesRoot()}/${profile}`).some((n) => n.startsWith('org.chromium.Chromium.'));
  // What puppeteer's newPage() does when Chromium dies at the wrong moment: never settle.
  const never = new Promise<never>(() => undefined);
  const step = whileConnected(browser, never);
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await assert.rejects(step, /Target closed \(Chromium disconnected\)/);
  await exited;
  assert.ok(socketInProfile, 'the socket folder inside the profile');
  // A step started after the browser went is refused at once.
  await assert.rejects(whileConnected(browser, never), /Chromium disconnected/);
  // Chromium's helpers may still be writing in it for a moment: removal is retried until they stop.
  for (let i = 0; i < 250 && existsSync(`${profilesRoot()}/${profile}`); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(existsSync(`${profilesRoot()}/${profile}`), false);
  assert.deepEqual(ours, { uid: process.getuid!(), mode: 0o700 });
});

test('start(pages) opens the pages the prints then use: two prints at once open no page of their own', async () => {
  const { SharedBrowser } = await import('../../pipelines/render/pdf.ts');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'xian-report-pages-'));
  const shared = new SharedBrowser();
  try {
    shared.start(2);
    const browser = await shared.get();
    const opts = { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 30_000 };
    // Asked for before the pages are open: each print waits for one of them.
    await Promise.all(['a', 'b'].map((n) => shared.print(browser, `<p>${n}</p>`, join(dir, `${n}.pdf`), opts)));
    assert.ok(readFileSync(join(dir, 'a.pdf')).subarray(0, 5).toString() === '%PDF-');
    // The tab Chromium starts with, and the two start() opened.
    assert.equal((await browser.pages()).length, 3);
    // A later start() launches nothing and opens nothing more.
    shared.start(2);
    await shared.print(browser, '<p>c</p>', join(dir, 'c.pdf'), opts);
    assert.equal((await browser.pages()).length, 3);
  } finally {
    await shared.close();
    await shared.close(); // a second close waits for the first
    rmSync(dir, { recursive: true, force: true });
  }
});

test('under a long TMPDIR Chromium still starts: its socket folder goes to a short folder of its own, removed with it', async () => {
  const { launchBrowser } = await import('../../pipelines/render/pdf.ts');
  const { mkdirSync, mkdtempSync, readdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const base = mkdtempSync(join(tmpdir(), 'xian-report-long-'));
  const long = join(base, 'a'.repeat(60));
  mkdirSync(long);
  const before = process.env.TMPDIR;
  process.env.TMPDIR = long;
  const shortDirs = () => readdirSync('/tmp').filter((n) => n.startsWith('xrc-'));
  // One left by a process that was killed: the next launch removes it.
  const { spawnSync } = await import('node:child_process');
  const stale = join('/tmp', `xrc-${spawnSync('true').pid}-left`);
  mkdirSync(stale);
  const had = shortDirs();
  try {
    // A socket path of more than 107 bytes made Chromium abort at start ("Socket path too long").
    const browser = await launchBrowser();
    assert.ok(browser.connected);
    const made = shortDirs().filter((n) => !had.includes(n));
    assert.equal(made.length, 1, 'one short folder for its socket');
    assert.ok(!shortDirs().includes(stale.slice('/tmp/'.length)), "a killed process's short folder is swept");
    const exited = new Promise((r) => browser.process()!.once('exit', r));
    await browser.close();
    await exited;
    assert.ok(!shortDirs().includes(made[0]!), 'removed once Chromium exited');
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(base, { recursive: true, force: true });
    rmSync(stale, { recursive: true, force: true });
  }
});
