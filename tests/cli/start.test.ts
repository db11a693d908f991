// How the CLI starts: from its compiled JavaScript (dist/, scripts/build.mjs), compiled again
// when the sources changed, through tsx when it cannot be compiled; and what each command
// loads, so that --help and status stay quick (no timings here: the modules loaded are checked).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { ROOT } from '../helpers/workspace.ts';

const RECORDER = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(join(ROOT, 'tests', 'helpers', 'load-recorder.mjs')).href)})`;
/** Packages that only printing, mail, scraping or spreadsheets need. */
const HEAVY = ['puppeteer-core', 'vega', 'vega-lite', 'exceljs', 'nodemailer', 'cheerio', 'handlebars', 'iconv-lite', 'opencc-js', 'axios'];

/** Runs bin/xian-report.js of the project at root; loads: the module URLs it loaded. */
function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xian-report-loads-'));
  const loads = join(dir, 'loads.txt');
  writeFileSync(loads, '');
  try {
    const res = spawnSync(process.execPath, ['--import', RECORDER, join(root, 'bin', 'xian-report.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, XIAN_REPORT_TSX: '', ...env, XIAN_REPORT_LOADS: loads },
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr, loads: readFileSync(loads, 'utf8').split('\n').filter(Boolean) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packagesIn = (loads: string[]) => new Set(loads.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));

describe('the CLI as installed', () => {
  let dir: string;
  let config: string;
  before(async () => {
    // Compiled already, as after set-up (the first start would load esbuild to compile it).
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(built.status, 0, built.stderr);
    dir = mkdtempSync(join(tmpdir(), 'xian-report-start-'));
    config = join(dir, 'xian-report.config.yaml');
    writeFileSync(config, 'warehouse: warehouse/test.duckdb\n');
    (await Warehouse.open(join(dir, 'warehouse', 'test.duckdb'))).close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--help runs the compiled build, and loads commander alone', () => {
    const res = cli(ROOT, ['--help']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^Usage: xian-report/);
    assert.equal(res.stderr, '');
    assert.ok(res.loads.some((u) => /\/dist\/build-[0-9a-f]+\/main\.js$/.test(u)), 'ran dist/build-*/main.js');
    assert.ok(!res.loads.some((u) => u.endsWith('.ts')), 'no TypeScript loaded');
    assert.deepEqual([...packagesIn(res.loads)].filter((p) => p !== 'commander'), []);
  });

  test('status reads a warehouse without loading printing, mail or scraping', () => {
    const res = cli(ROOT, ['status', '--json', '-c', config]);
    assert.equal(res.code, 0, res.stderr);
    const status = JSON.parse(res.stdout) as { warehouse: { exists: boolean }; latestEdition: unknown };
    assert.equal(status.warehouse.exists, true);
    assert.equal(status.latestEdition, null);
    assert.deepEqual(HEAVY.filter((p) => packagesIn(res.loads).has(p)), []);
  });

  // From the sources, each module is its own file: the list says exactly what a command imports.
  test('from the sources: --help loads no config reader nor logger, status no heavy package', () => {
    const help = cli(ROOT, ['--help'], { XIAN_REPORT_TSX: '1' });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^Usage: xian-report/);
    assert.ok(help.loads.some((u) => u.endsWith('/pipelines/cli/main.ts')), 'ran the TypeScript');
    assert.ok(!help.loads.some((u) => u.endsWith('/pipelines/config.ts')), 'config.ts not loaded');
    for (const p of ['consola', 'zod', 'yaml', '@duckdb/node-api', 'date-fns', ...HEAVY]) assert.ok(!packagesIn(help.loads).has(p), `--help loaded ${p}`);

    // --fresh: the status before this one kept its facts, and this one is to read the warehouse.
    const status = cli(ROOT, ['status', '--json', '--fresh', '-c', config], { XIAN_REPORT_TSX: '1' });
    assert.equal(status.code, 0, status.stderr);
    assert.ok(packagesIn(status.loads).has('@duckdb/node-api'), 'the recorder sees packages');
    assert.deepEqual(HEAVY.filter((p) => packagesIn(status.loads).has(p)), []);
  });
});

describe('a copy of the project whose sources change', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'xian-report-copy-'));
    for (const p of ['bin', 'scripts', 'pipelines', 'package.json', 'package-lock.json']) cpSync(join(ROOT, p), join(root, p), { recursive: true });
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(root, 'node_modules'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const builds = () => (existsSync(join(root, 'dist')) ? readdirSync(join(root, 'dist')).filter((n) => /^build-[0-9a-f]+$/.test(n)) : []);

  test('no build yet: the first start compiles one', () => {
    const res = cli(root, ['--help']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^Usage: xian-report/);
    assert.equal(builds().length, 1);
  });

  test('a changed source is compiled again before it runs', () => {
    const main = join(root, 'pipelines', 'cli', 'main.ts');
    writeFileSync(main, readFileSync(main, 'utf8').replace("Keeps the analysis of Xi'an's advanced manufacturing current", 'Edited by the start test'));
    const res = cli(root, ['--help']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /Edited by the start test/);
    assert.equal(builds().length, 2);
    assert.ok(res.loads.some((u) => /\/dist\/build-[0-9a-f]+\/main\.js$/.test(u)));
  });

  test('when it cannot be compiled, the sources run through tsx, with a note', () => {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    writeFileSync(join(root, 'dist'), 'not a folder');
    const main = join(root, 'pipelines', 'cli', 'main.ts');
    writeFileSync(main, `${readFileSync(main, 'utf8')}\n// changed again\n`);
    const res = cli(root, ['--help']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /Edited by the start test/);
    assert.match(res.stderr, /^xian-report: running the TypeScript sources through tsx \(could not compile them into dist\/: .+\)\n$/);
  });
});

// What a start keeps for the next: the checked config (config-cache.ts) and status's facts
// (schedule/status-snapshot.ts), each used only while the file it came from is unchanged.
describe('what a start keeps for the next', () => {
  let dir: string;
  let config: string;
  let warehouse: string;
  const tsx = { XIAN_REPORT_TSX: '1' };
  const jsonOf = (stdout: string) => {
    const { now: _now, ...rest } = JSON.parse(stdout) as { now: string };
    return rest;
  };
  const job = (name: string) => `schedule:\n  jobs:\n    - name: ${name}\n      cron: "0 6 * * 1"\n      do: publish\n`;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xian-report-kept-'));
    config = join(dir, 'xian-report.config.yaml');
    warehouse = join(dir, 'warehouse', 'test.duckdb');
    writeFileSync(config, `warehouse: warehouse/test.duckdb\n${job('weekly')}`);
    (await Warehouse.open(warehouse)).close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('status again on an unchanged warehouse: the same answer, without DuckDB, the YAML parser, zod or node-cron', () => {
    const first = cli(ROOT, ['status', '--json', '-c', config], tsx);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(packagesIn(first.loads).has('@duckdb/node-api'), 'the first status reads the warehouse');
    assert.ok(existsSync(`${warehouse}.status.json`), 'and keeps what it read beside it');
    const again = cli(ROOT, ['status', '--json', '-c', config], tsx);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(jsonOf(again.stdout), jsonOf(first.stdout));
    for (const p of ['@duckdb/node-api', 'yaml', 'zod', 'node-cron']) assert.ok(!packagesIn(again.loads).has(p), `loaded ${p}`);
    assert.ok(!again.loads.some((u) => u.endsWith('/pipelines/config.ts')), 'config.ts not loaded');
  });

  test('a write to the warehouse, a changed config, a damaged snapshot: each is read afresh', async () => {
    // A run recorded by another process: the warehouse file changes, so its facts are read again.
    const wh = await Warehouse.open(warehouse);
    await wh.exec("insert into runs (id, command, trigger, started_at, finished_at, status) values (9001, 'build', 'manual', now(), now(), 'ok')");
    wh.close();
    const afterWrite = cli(ROOT, ['status', '--json', '-c', config], tsx);
    assert.equal(afterWrite.code, 0, afterWrite.stderr);
    assert.ok(packagesIn(afterWrite.loads).has('@duckdb/node-api'));
    assert.ok((JSON.parse(afterWrite.stdout) as { commands: { id: number }[] }).commands.some((c) => c.id === 9001), 'the new run is shown');

    // The config edited: checked again (a new job shows; a bad value is the usual error).
    writeFileSync(config, `warehouse: warehouse/test.duckdb\n${job('renamed')}`);
    const edited = cli(ROOT, ['status', '--json', '-c', config], tsx);
    assert.equal(edited.code, 0, edited.stderr);
    assert.deepEqual((JSON.parse(edited.stdout) as { jobs: { name: string }[] }).jobs.map((j) => j.name), ['renamed']);
    writeFileSync(config, `warehouse: warehouse/test.duckdb\ntimezone: Mars/Olympus\n`);
    const bad = cli(ROOT, ['status', '-c', config], tsx);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /"timezone": not a known IANA timezone/);
    writeFileSync(config, `warehouse: warehouse/test.duckdb\n${job('weekly')}`);

    // A snapshot cut short (a full disk, say) is read past, not trusted.
    const kept = readFileSync(`${warehouse}.status.json`, 'utf8');
    writeFileSync(`${warehouse}.status.json`, kept.slice(0, kept.length / 2));
    const damaged = cli(ROOT, ['status', '--json', '-c', config], tsx);
    assert.equal(damaged.code, 0, damaged.stderr);
    assert.ok(packagesIn(damaged.loads).has('@duckdb/node-api'));
    assert.ok((JSON.parse(damaged.stdout) as { commands: { id: number }[] }).commands.some((c) => c.id === 9001));
    assert.doesNotThrow(() => JSON.parse(readFileSync(`${warehouse}.status.json`, 'utf8')), 'written whole again');
  });

  test('--fresh reads the warehouse even when its snapshot holds', () => {
    assert.equal(cli(ROOT, ['status', '-c', config], tsx).code, 0);
    const fresh = cli(ROOT, ['status', '--fresh', '-c', config], tsx);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.ok(packagesIn(fresh.loads).has('@duckdb/node-api'));
  });
});
