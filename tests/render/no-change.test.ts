// A build that found nothing new to print is remembered beside the warehouse (render/no-change.ts)
// and given again while nothing it read has changed; any write, new data or --force reads again.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

const DATE = '2026-11-28';
/** The line a build prints when it reads the figures (models and data tests). */
const READ_FIGURES = /indicators: \d+ models built, \d+ data tests passed/;

describe('a build that found no change, remembered', () => {
  let ws: Workspace;
  const cli = (...args: string[]) => runCli([...args, '--config', ws.config, '--edition-date', DATE]);
  before(async () => {
    ws = makeWorkspace();
    const first = await cli('run');
    assert.equal(first.code, 0, first.stderr);
  });
  after(() => ws.cleanup());

  test('the second build with nothing changed gives the same answer without reading the figures', async () => {
    const checked = await cli('build');
    assert.equal(checked.code, 0, checked.stderr);
    assert.match(checked.stdout, READ_FIGURES);
    assert.match(checked.stdout, /no change since edition 1 \(2026-11-28-xian-en-0001\)/);
    assert.ok(existsSync(`${ws.warehouse}.no-change.json`));

    const recalled = await cli('build');
    assert.equal(recalled.code, 0, recalled.stderr);
    assert.doesNotMatch(recalled.stdout, READ_FIGURES);
    assert.match(recalled.stdout, /no change since edition 1 \(2026-11-28-xian-en-0001\)/);
  });

  test('a write to the warehouse by anything else: the figures are read again', async () => {
    const wh = await Warehouse.open(ws.warehouse);
    await wh.exec("insert into runs (id, command, trigger, started_at, finished_at, status) values (9001, 'send', 'manual', now(), now(), 'ok')");
    wh.close();
    const again = await cli('build');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, READ_FIGURES);
    assert.match(again.stdout, /no change since edition 1/);
  });

  test('new data loaded, or --force: an edition is printed', async () => {
    const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/2022,\d+,西安/, '2022,9,西安'));
    const loaded = await cli('run');
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /edition 2026-11-28-xian-en-0002/);

    assert.equal((await cli('build')).code, 0); // remembers "no change since edition 2"
    const forced = await cli('build', '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /edition 2026-11-28-xian-en-0003/);
  });
});
