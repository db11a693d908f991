// A config with each kind of error: every one stops at start with one line naming the file,
// the key and what is wrong (exit code 2 through the real CLI), and nothing is written.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../pipelines/config.ts';
import { ConfigError } from '../../pipelines/errors.ts';
import { checkSources } from '../../pipelines/sources/registry.ts';
import { tally } from '../helpers/fault-ledger.ts';
import { runCli } from '../helpers/workspace.ts';

const dir = mkdtempSync(join(tmpdir(), 'xian-report-config-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const source = (extra = '') => `sources:\n  - { name: ranks, adapter: table-csv, location: ranks.csv, provenance: "p", settings: { table: rankings }${extra} }\n`;

/** Each kind of error: the config text and what the message must name. */
const CASES: { kind: string; text: string | null; names: RegExp }[] = [
  { kind: 'missing file', text: null, names: /config file not found/ },
  { kind: 'not YAML', text: 'sources: [\n  - {', names: /not valid YAML/ },
  { kind: 'unknown key', text: 'colour: red\n', names: /unknown key "colour"/ },
  { kind: 'wrong type', text: 'http: { timeoutMs: fast }\n', names: /"http\.timeoutMs"/ },
  { kind: 'value out of range', text: 'http: { retries: 99 }\n', names: /"http\.retries"/ },
  { kind: 'not one of the choices', text: 'edition: { language: fr }\n', names: /"edition\.language"/ },
  { kind: 'unknown timezone', text: 'timezone: Mars/Olympus\n', names: /"timezone": not a known IANA timezone/ },
  { kind: 'bad source name', text: 'sources:\n  - { name: Bad Name, adapter: table-csv, location: a.csv, provenance: p }\n', names: /"sources\.0\.name"/ },
  { kind: 'duplicate source', text: `${source()}  - { name: ranks, adapter: table-csv, location: b.csv, provenance: "p", settings: { table: rankings } }\n`, names: /duplicate source name "ranks"/ },
  { kind: 'unknown adapter', text: 'sources:\n  - { name: ranks, adapter: pdf-table, location: a.pdf, provenance: p }\n', names: /unknown adapter "pdf-table"/ },
  { kind: 'bad adapter setting', text: source(', colour: 1').replace('settings: { table: rankings }', 'settings: { table: rankings, colour: 1 }').replace(', colour: 1 }\n', ' }\n'), names: /sources\.0\.settings\.colour|unknown key "sources\.0\.colour"/ },
  { kind: 'bad cron', text: 'schedule:\n  jobs:\n    - { name: weekly, cron: "every monday", do: publish }\n', names: /"schedule\.jobs\.0\.cron": not a valid cron expression/ },
  { kind: 'job naming no source', text: `${source()}schedule:\n  jobs:\n    - { name: load, cron: "0 6 * * 1", do: load, sources: [nope] }\n`, names: /"schedule\.jobs\.0\.sources\.0": no source named "nope"/ },
  { kind: 'bad subscriber address', text: 'subscribers:\n  - { address: not-an-address }\n', names: /"subscribers\.0\.address": not an email address/ },
  { kind: 'smtp port out of range', text: 'smtp: { host: 127.0.0.1, port: 70000, from: a@b.test }\n', names: /"smtp\.port"/ },
];

test('each kind of config error stops at start with a message naming the file and the key', async () => {
  let faults = 0;
  for (const c of CASES) {
    const file = join(dir, `${c.kind.replace(/\W+/g, '-')}.yaml`);
    if (c.text != null) writeFileSync(file, c.text);
    faults++;
    await assert.rejects(
      async () => {
        const cfg = loadConfig(file);
        await checkSources(cfg.sources, cfg.file);
      },
      (err: unknown) => {
        assert.ok(err instanceof ConfigError, `${c.kind}: ${(err as Error).message}`);
        assert.equal(err.exitCode, 2);
        assert.match(err.message, c.names, c.kind);
        assert.ok(err.message.includes(file), `${c.kind}: names the file`);
        assert.equal(err.message.split('\n').length, 1, `${c.kind}: one line`);
        return true;
      },
      c.kind,
    );
  }
  tally({ suite: 'config errors', trials: CASES.length, faults });
});

test('through the CLI: exit code 2, one line, and no warehouse or output written', async () => {
  for (const c of CASES.filter((x) => ['unknown key', 'bad adapter setting', 'bad cron'].includes(x.kind))) {
    const file = join(dir, `cli-${c.kind.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, `warehouse: wh.duckdb\noutDir: out\n${c.text}`);
    const res = await runCli(['run', '--config', file]);
    assert.equal(res.code, 2, `${c.kind}: ${res.stdout}${res.stderr}`);
    assert.match(res.stderr + res.stdout, c.names);
    assert.ok(!existsSync(join(dir, 'wh.duckdb')) && !existsSync(join(dir, 'out')), `${c.kind}: nothing written`);
  }
  // The SMTP password is missing from the environment: `send` says which variable to set.
  const file = join(dir, 'cli-no-password.yaml');
  writeFileSync(file, 'warehouse: wh2.duckdb\nsmtp: { host: 127.0.0.1, port: 2525, tls: "off", user: reports, from: a@b.test }\n');
  const res = await runCli(['send', '--config', file], { env: { XIAN_REPORT_SMTP_PASSWORD: '' } });
  assert.ok(res.code === 2 || /nothing to send/.test(res.stdout), res.stdout + res.stderr);
});
