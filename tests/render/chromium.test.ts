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

test('a step that would wait forever is rejected once Chromium is gone, and the profile folder goes with it', async () => {
  const { launchBrowser, profilesRoot, whileConnected } = await import('../../pipelines/render/pdf.ts');
  const { existsSync, readdirSync } = await import('node:fs');
  const browser = await launchBrowser();
  const proc = browser.process()!;
  const profile = readdirSync(profilesRoot()).find((n) => n.startsWith(`${process.pid}-`));
  assert.ok(profile, 'a profile folder of this process while Chromium runs');
  // What puppeteer's newPage() does when Chromium dies at the wrong moment: never settle.
  const never = new Promise<never>(() => undefined);
  const step = whileConnected(browser, never);
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await assert.rejects(step, /Target closed \(Chromium disconnected\)/);
  await exited;
  // A step started after the browser went is refused at once.
  await assert.rejects(whileConnected(browser, never), /Chromium disconnected/);
  // Chromium's helpers may still be writing in it for a moment: removal is retried until they stop.
  for (let i = 0; i < 250 && existsSync(`${profilesRoot()}/${profile}`); i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(existsSync(`${profilesRoot()}/${profile}`), false);
});
