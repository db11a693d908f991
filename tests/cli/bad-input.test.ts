// A bad file as a source, through the real CLI on a real DuckDB file: read on every run but
// stored once, each check recorded, the messages free of raw bytes; an oversized file refused.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { runCli } from '../helpers/workspace.ts';

// Bytes that are neither text nor CSV, the same on every run of the test.
const garbage = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 5) * 131) % 256));
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001a\u001c-\u001f\u007f-\u009f\ufffd]/;

describe('a bad file as a source', () => {
  let dir: string;
  let cfg: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'xian-report-bad-input-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'ranks.csv'), garbage);
    cfg = join(dir, 'xian-report.config.yaml');
    writeFileSync(
      cfg,
      'warehouse: warehouse/test.duckdb\nfiles: { maxBytes: 1048576 }\n' +
        'sources:\n  - name: ranks\n    adapter: table-csv\n    location: data/ranks.csv\n    provenance: test\n    settings: { table: rankings }\n' +
        'schedule:\n  jobs:\n    - name: load-all\n      cron: "0 6 * * 1"\n      do: load\n',
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const query = async <T>(sql: string): Promise<T[]> => {
    const wh = await Warehouse.open(join(dir, 'warehouse', 'test.duckdb'));
    try {
      return await wh.all<T>(sql);
    } finally {
      wh.close();
    }
  };

  test('read twice, stored once; the second check names the failed snapshot; no raw bytes printed', async () => {
    const first = await runCli(['job', 'load-all', '-c', cfg]);
    assert.equal(first.code, 1);
    assert.match(first.stderr + first.stdout, /ranks\.csv, row \d+: /);
    const second = await runCli(['job', 'load-all', '-c', cfg]);
    assert.equal(second.code, 1);
    const [snap] = await query<{ id: number }>('select id from snapshots');
    assert.match(second.stderr + second.stdout, new RegExp(`ranks\\.csv: unchanged since the failed snapshot ${snap!.id}; not stored again \\(it failed: row \\d+: `));
    for (const out of [first, second]) assert.doesNotMatch(out.stderr + out.stdout, UNPRINTABLE);
    assert.deepEqual(await query('select status, octet_length(content) as size from snapshots'), [{ status: 'failed', size: garbage.length }]);
    const checks = await query<{ outcome: string; snapshot_id: number | null }>('select outcome, snapshot_id from source_checks order by id');
    assert.deepEqual(checks, [
      { outcome: 'failed', snapshot_id: snap!.id },
      { outcome: 'failed', snapshot_id: snap!.id },
    ]);
  });

  test('a file above files.maxBytes is refused, naming the file, the limit and the setting', async () => {
    writeFileSync(join(dir, 'data', 'ranks.csv'), Buffer.alloc(2 * 1024 * 1024 + 512, 'x'));
    const res = await runCli(['job', 'load-all', '-c', cfg]);
    assert.equal(res.code, 1);
    assert.match(
      res.stderr + res.stdout,
      /data\/ranks\.csv: the file is 2 MB \(2097664 bytes\), above the limit of 1 MB \(files\.maxBytes\); not read or stored \(fix: .*raise files\.maxBytes/,
    );
    assert.equal((await query('select id from snapshots')).length, 1);
  });
});
