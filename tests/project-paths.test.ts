// The project's files are found from its root in one place, so that the compiled CLI (dist/)
// finds them as the sources do.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fromRoot, ROOT as PROJECT_ROOT } from '../pipelines/project-paths.ts';
import { ROOT } from './helpers/workspace.ts';

test('the root is the folder that holds package.json and pipelines/', () => {
  assert.equal(PROJECT_ROOT, ROOT);
  assert.equal(JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).name, 'xian-report');
});

test('no module under pipelines/ finds files relative to itself (import.meta.url, import.meta.dirname)', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const offenders = walk(join(ROOT, 'pipelines'))
    .filter((f) => !f.endsWith('project-paths.ts'))
    .filter((f) => /import\.meta\.(url|dirname|filename)/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f));
  assert.deepEqual(offenders, [], 'use fromRoot() from pipelines/project-paths.ts: compiled, a module runs from dist/');
});
