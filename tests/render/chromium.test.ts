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
