// Values kept between processes (pipelines/kept.ts): given back while their files and code are
// as they were, derived afresh after any change; and the reference tables read through it.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { kept, keptDir } from '../pipelines/kept.ts';
import { readReferenceCsv } from '../pipelines/reference-csv.ts';
import { GAZETTEER_PATH } from '../pipelines/geo/gazetteer.ts';
import { rankChartSvg } from '../pipelines/render/chart.ts';
import { readdirSync } from 'node:fs';

let dir: string;
const tmpBefore = process.env.TMPDIR;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xian-report-kept-test-'));
  process.env.TMPDIR = join(dir, 'tmp'); // where kept values go, for this test alone
});
after(() => {
  if (tmpBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpBefore;
  rmSync(dir, { recursive: true, force: true });
});

test('derived once while the file and the code are unchanged; again after either changes', () => {
  const file = join(dir, 'source.txt');
  writeFileSync(file, 'one');
  let derived = 0;
  const read = (code = 'v1') => kept('length', [file], code, () => (derived++, readFileSync(file, 'utf8').length));
  assert.equal(read(), 3);
  assert.equal(read(), 3);
  assert.equal(derived, 1, 'the second read took the kept value');
  writeFileSync(file, 'three');
  assert.equal(read(), 5, 'a changed file is read again');
  assert.equal(derived, 2);
  assert.equal(read('v2'), 5);
  assert.equal(derived, 3, 'other code derives afresh');
  rmSync(file);
  assert.throws(() => read(), /ENOENT/, 'a missing file is not answered from memory');
});

test('a reference table read through the keeper equals the parser reading it', () => {
  const direct = parse(readFileSync(GAZETTEER_PATH, 'utf8'), { columns: true, skip_empty_lines: true });
  assert.deepEqual(readReferenceCsv(GAZETTEER_PATH), direct);
  assert.deepEqual(readReferenceCsv(GAZETTEER_PATH), direct, 'and again, from what was kept');
});

test('a chart is drawn once per spec: the same points give the kept SVG, other points a new one', async () => {
  const points = [2018, 2020, 2022].map((year, i) => ({ series: "Xi'an", x: String(year), order: i, y: [20, 16, 12][i]!, label: String([20, 16, 12][i]) }));
  const text = { title: 'Rank', yTitle: 'rank' };
  const kept = () => readdirSync(keptDir()).length;
  const first = await rankChartSvg(points, "Xi'an", text, 'sans-serif');
  assert.match(first, /^<svg/);
  const before = kept();
  assert.equal(await rankChartSvg(points, "Xi'an", text, 'sans-serif'), first);
  assert.equal(kept(), before, 'nothing new kept for the same spec');
  const moved = points.map((p) => (p.x === '2022' ? { ...p, y: 9, label: '9' } : p));
  assert.notEqual(await rankChartSvg(moved, "Xi'an", text, 'sans-serif'), first);
  assert.equal(kept(), before + 1);
});

test("the folder is this user's alone: one open to others is closed and emptied, another user's is not used", (t) => {
  const file = join(dir, 'source.txt');
  writeFileSync(file, 'one');
  let derived = 0;
  const read = () => kept('folder', [file], 'v1', () => (derived++, readFileSync(file, 'utf8').length));
  const useTmp = (name: string) => {
    process.env.TMPDIR = join(dir, name);
    mkdirSync(process.env.TMPDIR, { recursive: true });
  };

  // Made by the keeper: only its owner can enter it.
  useTmp('made');
  read();
  assert.equal(statSync(keptDir()).mode & 0o777, 0o700);

  // Ours but open to all, with a file someone put there: closed, and the file is gone.
  useTmp('open');
  mkdirSync(keptDir());
  chmodSync(keptDir(), 0o777);
  writeFileSync(join(keptDir(), 'planted.json'), '{}');
  derived = 0;
  assert.equal(read(), 3);
  assert.equal(read(), 3);
  assert.equal(derived, 1, 'kept once closed');
  assert.equal(statSync(keptDir()).mode & 0o777, 0o700);
  assert.ok(!readdirSync(keptDir()).includes('planted.json'));

  // Another user's folder: nothing is taken from it or written to it.
  if (process.getuid?.() !== 0) return t.diagnostic('not root: the other-user case needs chown');
  useTmp('other');
  mkdirSync(keptDir(), { mode: 0o700 });
  chownSync(keptDir(), 65534, 65534);
  derived = 0;
  read();
  read();
  assert.equal(derived, 2, 'derived each time');
  assert.deepEqual(readdirSync(keptDir()), []);
});
