#!/usr/bin/env node
// Runs every tests/**/*.test.ts with Node's own test runner (Node 20 takes no globs itself).
// The slow fault trials (tests/faults/slow/: kill -9 at random moments) run only with
// --faults, which runs the whole fault suite (tests/faults/**, and the source faults of
// tests/sources-over-http.test.ts) and prints its tally at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const faults = args.includes('--faults');
const only = args.filter((a) => a !== '--faults');
const SLOW = join('tests', 'faults', 'slow');
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'fixtures' ? [] : walk(join(dir, e.name))) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
const all = walk(join(ROOT, 'tests')).map((f) => relative(ROOT, f));
let files;
if (only.length) files = only;
else if (faults) files = all.filter((f) => f.startsWith(join('tests', 'faults')) || f === join('tests', 'sources-over-http.test.ts'));
else files = all.filter((f) => !f.startsWith(SLOW));
files.sort();

const ledgerDir = mkdtempSync(join(tmpdir(), 'xian-report-faults-'));
const ledger = join(ledgerDir, 'ledger.jsonl');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...(faults ? ['--test-concurrency=1'] : []), ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  // Tests pin the timezone so that dates in PDFs and runs do not depend on the machine.
  env: { ...process.env, TZ: 'UTC', XIAN_REPORT_TEST: '1', XIAN_REPORT_FAULT_LEDGER: ledger },
});

// The tally closes `npm run test:faults`; under `npm test` the test runner's own summary stays the last lines (CI reads them).
if (faults) printTally();
rmSync(ledgerDir, { recursive: true, force: true });
process.exit(result.status ?? 1);

function printTally() {
  const rows = existsSync(ledger)
    ? readFileSync(ledger, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  if (rows.length === 0) return;
  const keys = [
    ['trials', 'trials'],
    ['faults', 'faults injected'],
    ['rowsLost', 'rows lost'],
    ['deliveriesLost', 'deliveries lost'],
    ['deliveriesDoubled', 'deliveries doubled'],
    ['unknownWithMail', 'unknown, server had the mail'],
    ['unknownWithoutMail', 'unknown, server lacked the final dot'],
    ['filesLeft', 'files left behind'],
    ['processesLeft', 'processes left behind'],
    ['secretsLeaked', 'SMTP password seen'],
  ];
  const sum = (k) => rows.reduce((n, r) => n + (r[k] ?? 0), 0);
  console.log('\nFault suite tally');
  for (const r of rows) {
    const parts = keys.filter(([k]) => r[k] != null && k !== 'trials' && k !== 'faults').map(([k, label]) => `${label} ${r[k]}`);
    console.log(`  ${r.suite}: ${r.trials} trials, ${r.faults} faults${parts.length ? `; ${parts.join(', ')}` : ''}`);
  }
  console.log('Totals');
  for (const [k, label] of keys) console.log(`  ${label.padEnd(38)} ${sum(k)}`);
  const bad = ['rowsLost', 'deliveriesLost', 'deliveriesDoubled', 'filesLeft', 'processesLeft', 'secretsLeaked'].filter((k) => sum(k) > 0);
  console.log(bad.length ? `NOT HELD: ${bad.join(', ')}` : 'held: nothing lost, nothing doubled, nothing left behind');
  if (bad.length && result.status === 0) result.status = 1;
}
