// The bench's verdicts and tables (bench/lib/figures.ts): no benchmark runs here, only the
// arithmetic that turns measured figures into ✔/✘ and README rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { line, markdown, passes, type Figure } from '../../bench/lib/figures.ts';

const build: Figure = {
  id: 'edition.build',
  goal: 2,
  label: 'build --force (new process)',
  value: 5.1,
  unit: 's',
  reference: { label: 'floor', value: 4.6, unit: 's' },
  ratio: 5.1 / 4.6,
  target: { op: '≤', value: 1.3, of: 'ratio' },
};

test('a ratio target is judged on the ratio, a value target on the value', () => {
  assert.equal(passes(build), true);
  assert.equal(passes({ ...build, ratio: 1.31 }), false);
  const perEdition: Figure = { id: 'cities.all', goal: 3, label: 'build --all', value: 0.31, unit: 's/edition', target: { op: '≤', value: 0.3, of: 'value' } };
  assert.equal(passes(perEdition), false);
  assert.equal(passes({ ...perEdition, value: 0.3 }), true);
  const speedup: Figure = { ...perEdition, ratio: 4.9, target: { op: '≥', value: 5, of: 'ratio' } };
  assert.equal(passes(speedup), false);
  assert.equal(passes({ ...speedup, ratio: 5 }), true);
});

test('a broken condition fails the figure whatever its value; a skipped or untargeted one is not judged', () => {
  const tick: Figure = { id: 'idle.publish', goal: 5, label: 'idle publish tick', value: 0.2, unit: 's', target: { op: '≤', value: 0.5, of: 'value' } };
  assert.equal(passes(tick), true);
  assert.equal(passes({ ...tick, violations: ['Chromium started 1 times'] }), false);
  assert.equal(passes({ ...tick, skipped: 'no build --all' }), null);
  assert.equal(passes({ ...tick, target: undefined }), null);
  assert.equal(passes({ ...tick, value: NaN }), null);
});

test('a line shows the value, the reference, the ratio, the target and the verdict', () => {
  assert.match(line(build), /^build --force \(new process\)\s+5\.10 s\s+floor 4\.60 s\s+ratio 1\.11×\s+target ≤ 1\.3×\s+✔$/);
  assert.match(line({ ...build, ratio: 2 }), /✘$/);
});

test('the README table puts before and after side by side, by id, and says when before measured something else', () => {
  const before = [{ ...build, value: 11.97, reference: { label: 'floor', value: 4.65, unit: 's' as const }, ratio: 11.97 / 4.65 }];
  const loading: Figure = { id: 'loading.ratio', goal: 4, label: 'import 1,000,000 rows (CSV)', value: 3, unit: 's', reference: { label: 'read_csv', value: 2.7, unit: 's' }, ratio: 3 / 2.7, target: { op: '≤', value: 1.2, of: 'ratio' } };
  const oldLoading: Figure = { ...loading, label: 'import 20,000 rows (CSV)', value: 217, ratio: 8.33 };
  const table = markdown([build, loading], [...before, oldLoading]).split('\n');
  assert.equal(table[0], '| goal | figure | before | after | target |');
  assert.equal(table[2], '| 2 | build --force (new process) | **2.57×** (12.0 s / 4.65 s) ✘ | **1.11×** (5.10 s / 4.60 s) ✔ | ≤ 1.3× |');
  assert.match(table[3]!, /\| \*\*8\.33×\*\* \(217\.0 s \/ 2\.70 s\) ✘ \[import 20,000 rows \(CSV\)\] \| \*\*1\.11×\*\*/);
  // Only before: the after cell stays empty for the lead to fill.
  assert.equal(markdown([], before).split('\n')[2], '| 2 | build --force (new process) | **2.57×** (12.0 s / 4.65 s) ✘ |  | ≤ 1.3× |');
});
