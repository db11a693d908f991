#!/usr/bin/env node
// Runs every tests/**/*.test.ts with Node's own test runner (Node 20 takes no globs itself).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'fixtures' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
const only = process.argv.slice(2);
const files = (only.length ? only : walk(join(ROOT, 'tests')).map((f) => relative(ROOT, f))).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  // Tests pin the timezone so that dates in PDFs and runs do not depend on the machine.
  env: { ...process.env, TZ: 'UTC', XIAN_REPORT_TEST: '1' },
});
process.exit(result.status ?? 1);
