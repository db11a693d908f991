// `xian-report reparse` through the real CLI in a child process, on a real DuckDB file: what it
// prints after a settings change, its usage errors, and a reparse killed while it writes,
// which must leave each source with its old rows or its new ones, never a mix or both.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { CLI, runCli } from '../helpers/workspace.ts';

const FIRMS_PER_SOURCE = 1000;
const SOURCES = ['firms-a', 'firms-b', 'firms-c'];

/** A firms table: firm_zh says 甲, alt_zh says 乙, so which column a parse read shows in every row. */
function firmsCsv(n: number): string {
  const lines = ['city,role,cluster,firm,firm_zh,alt_zh'];
  for (let i = 1; i <= n; i++) lines.push(`西安,cluster_leader,Test cluster,Firm ${i},甲${i},乙${i}`);
  return `${lines.join('\n')}\n`;
}

function config(dir: string, firmZhColumn: string | null, ranksExtra = ''): string {
  const columns = firmZhColumn ? `, columns: { firm_zh: ${firmZhColumn} }` : '';
  const sources = SOURCES.map(
    (name) => `  - name: ${name}\n    adapter: table-csv\n    location: data/${name}.csv\n    provenance: test\n    settings: { table: firms${columns} }\n`,
  ).join('');
  const file = join(dir, 'xian-report.config.yaml');
  writeFileSync(
    file,
    `warehouse: warehouse/test.duckdb\noutDir: out\nwriterLock: { waitMs: 5000 }\nsources:\n${sources}` +
      `  - name: ranks\n    adapter: table-csv\n    location: data/ranks.csv\n    provenance: test\n    settings: { table: rankings${ranksExtra} }\n` +
      `schedule:\n  jobs:\n    - name: load-all\n      cron: "0 6 * * 1"\n      do: load\n`,
  );
  return file;
}

describe('xian-report reparse', () => {
  let dir: string;
  let cfg: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xian-report-reparse-cli-'));
    mkdirSync(join(dir, 'data'));
    for (const name of SOURCES) writeFileSync(join(dir, 'data', `${name}.csv`), firmsCsv(FIRMS_PER_SOURCE));
    writeFileSync(join(dir, 'data', 'ranks.csv'), 'list,year,rank,city,score\nl,2022,1,西安,90\nl,2022,2,Atlantis,80\n');
    cfg = config(dir, null);
    const res = await runCli(['job', 'load-all', '-c', cfg]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const firmZh = async () => {
    const wh = await Warehouse.open(join(dir, 'warehouse', 'test.duckdb'));
    try {
      return await wh.all<{ source: string; n: number; old: number; new: number; snapshots: number }>(
        `select s.source, count(*) as n, count(*) filter (where f.firm_zh like '甲%') as old,
                count(*) filter (where f.firm_zh like '乙%') as new, count(distinct f.snapshot_id) as snapshots
         from firms as f join snapshots as s on s.id = f.snapshot_id group by s.source order by s.source`,
      );
    } finally {
      wh.close();
    }
  };

  test('--help names the command and its options', async () => {
    const res = await runCli(['reparse', '--help']);
    assert.equal(res.code, 0);
    assert.match(res.stdout, /without\s+fetching/);
    assert.match(res.stdout, /--source <name>/);
    const top = await runCli(['--help']);
    assert.match(top.stdout, /reparse \[options\]/);
  });

  test('an unknown --source exits 2 naming it', async () => {
    const res = await runCli(['reparse', '-c', cfg, '--source', 'nope']);
    assert.equal(res.code, 2);
    assert.match(res.stderr + res.stdout, /--source: no source named "nope"/);
  });

  test('a reparse killed while it writes leaves each source with its old rows or its new ones, never both', async () => {
    config(dir, 'alt_zh');
    const child = spawn(process.execPath, [CLI, 'reparse', '-c', cfg], { timeout: 120_000 });
    let out = '';
    // Killed as the second source's parse starts: the first is done, the second is being written.
    const killed = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
      const onData = (d: Buffer) => {
        out += d;
        if ((out.match(/re-parsing firms-/g) ?? []).length >= 2) child.kill('SIGKILL');
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', reject);
      child.on('close', (_code, signal) => resolve(signal));
    });
    assert.equal(killed, 'SIGKILL', `the reparse ended before it was killed:\n${out}`);
    const after = await firmZh();
    assert.deepEqual(after.map((r) => r.source), SOURCES);
    for (const r of after) {
      assert.equal(r.n, FIRMS_PER_SOURCE, `${r.source}: every row once`);
      assert.equal(r.snapshots, 1, `${r.source}: rows of one snapshot`);
      assert.ok(r.old === r.n || r.new === r.n, `${r.source}: all old or all new, not ${r.old} old and ${r.new} new`);
    }
    assert.equal(after[0]!.new, FIRMS_PER_SOURCE, 'the first source was re-parsed before the kill');
    assert.equal(after[2]!.old, FIRMS_PER_SOURCE, 'the last source was not reached');

    // The next reparse takes over the dead process's lock and finishes the job.
    const res = await runCli(['reparse', '-c', cfg]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.ok((await firmZh()).every((r) => r.new === FIRMS_PER_SOURCE && r.n === FIRMS_PER_SOURCE));
  });

  test('prints per source the rows before and after, and says which parses changed nothing', async () => {
    // The ranks' scores are no longer read: as many rows as before, but other rows.
    config(dir, 'alt_zh', ', columns: { score: none }');
    const res = await runCli(['reparse', '-c', cfg]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const lines = res.stdout.split('\n').filter((l) => /^[a-z-]+: /.test(l));
    assert.deepEqual(lines.map((l) => l.replace(/snapshot \d+/, 'snapshot N')), [
      ...SOURCES.map((s) => `${s}: firms ${FIRMS_PER_SOURCE} → ${FIRMS_PER_SOURCE}, same rows (snapshot N, table-csv@3)`),
      'ranks: rankings 1 → 1, quarantined 1 → 1 (snapshot N, table-csv@3)',
    ]);
    const only = await runCli(['reparse', '-c', cfg, '--source', 'ranks', '--json']);
    assert.equal(only.code, 0, only.stderr);
    const json = JSON.parse(only.stdout) as { source: string; status: string; before: object; after: object }[];
    assert.deepEqual(json.map((o) => [o.source, o.status]), [['ranks', 'loaded']]);
  });
});
