// `build --all`: every city with data, one Chromium for the run. On a small warehouse of four
// cities (one only on another list, so skipped; one whose print fails, injected) the others are
// built, the summary names each, and the failure makes the exit code 1; the next run through
// the CLI builds the one that failed and finds the others unchanged.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createConsola } from 'consola';
import { after, before, describe, test } from 'node:test';
import { buildAllCities, summaryLines, type BuildAllResult } from '../pipelines/build-all.ts';
import { loadConfig } from '../pipelines/config.ts';
import { latestKey, readEditionData, readEditionDataOf, readLatestEditions } from '../pipelines/render/edition-data.ts';
import { CitiesFailedError, exitCodeOf } from '../pipelines/errors.ts';
import { launchCount } from '../pipelines/render/pdf.ts';
import { runPipeline } from '../pipelines/run.ts';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import { makeWorkspace, pdfText, runCli, type Workspace } from './helpers/workspace.ts';

const quiet = createConsola({ level: 0 });

describe('build --all', () => {
  let ws: Workspace;
  before(async () => {
    ws = makeWorkspace();
    // Chengdu and Hefei on the edition's list; Wuhan only on another list: nothing the edition shows.
    writeFileSync(
      ws.path('data', 'shipped', 'more-cities.csv'),
      [
        'list,year,rank,city,province,score',
        'ccid-top100-advanced-manufacturing-cities,2018,25,成都,四川,',
        'ccid-top100-advanced-manufacturing-cities,2022,8,成都,四川,',
        'ccid-top100-advanced-manufacturing-cities,2022,30,合肥,安徽,',
        'china-city-gdp-ranking,2022,9,武汉,湖北,',
        '',
      ].join('\n'),
    );
    const config = readFileSync(ws.config, 'utf8').replace(
      /^sources:\n/m,
      'sources:\n  - { name: more-cities, adapter: table-csv, location: data/shipped/more-cities.csv, provenance: "Test ranks of three more cities", settings: { table: rankings } }\n',
    );
    writeFileSync(ws.config, config);
    await runPipeline(loadConfig(ws.config), { load: true, build: false }, { log: quiet, now: () => new Date() });
  });
  after(() => ws.cleanup());

  test('one city skipped, one failing: the others built with one browser, the summary names each, exit code 1', async () => {
    const cfg = loadConfig(ws.config);
    const seen: string[] = [];
    const launches = launchCount();
    let failure: unknown = null;
    try {
      await buildAllCities(cfg, { editionDate: '2026-11-28' }, {
        log: quiet,
        now: () => new Date(),
        onCity: (o) => seen.push(`${o.city} ${o.status}`),
        beforePrint: (city) => {
          if (city === 'Hefei') throw new Error('injected: the page could not be printed');
        },
      });
    } catch (err) {
      failure = err;
    }
    assert.ok(failure instanceof CitiesFailedError, `a CitiesFailedError, not ${String(failure)}`);
    assert.equal(exitCodeOf(failure), 1);
    assert.equal(launchCount() - launches, 1, 'one Chromium for every city');
    const result: BuildAllResult = failure.result;
    assert.deepEqual(
      result.cities.map((c) => `${c.city} ${c.status}`),
      ["Xi'an built", 'Chengdu built', 'Hefei failed', 'Wuhan skipped'],
    );
    assert.deepEqual([...seen].sort(), ["Xi'an built", 'Chengdu built', 'Hefei failed', 'Wuhan skipped'].sort(), 'each city reported as it ended');
    const summary = summaryLines(result).join('\n');
    assert.match(summary, /^2 built, 0 unchanged, 1 skipped for lack of data, 1 failed \(4 cities, 2 editions/);
    assert.match(summary, /skipped {2}Wuhan: no rank on the list and no statistics/);
    assert.match(summary, /failed {3}Hefei: en: injected: the page could not be printed/);

    // Each city's edition is its own: its own key and folder, its own city in the text.
    const [xian, chengdu] = result.editions;
    assert.match(xian!.key, /^2026-11-28-xian-en-\d{4}$/);
    assert.match(chengdu!.key, /^2026-11-28-chengdu-en-\d{4}$/);
    assert.match(await pdfText(chengdu!.pdfPath), /Chengdu/);
    // The warehouse row is the commit point: out/latest.* name its last edition.
    const wh = await Warehouse.open(cfg.warehouse);
    try {
      const [last] = await wh.allFile<{ edition_key: string }>('queries/last_edition');
      assert.equal(readFileSync(ws.path('out', 'latest.txt'), 'utf8').trim(), last!.edition_key);
      const rows = await wh.all<{ n: number }>("select count(*)::int as n from editions where city = 'Hefei'");
      assert.equal(rows[0]!.n, 0, 'the failed city has no edition row');
    } finally {
      wh.close();
    }
  });

  test('through the CLI, without a terminal: a plain line per city, the summary, exit code 0 once nothing fails', async () => {
    const res = await runCli(['build', '--all', '--config', ws.config, '--edition-date', '2026-11-28']);
    const out = res.stdout + res.stderr;
    assert.equal(res.code, 0, out);
    assert.match(out, /\[\d\/4\] Hefei: built 2026-11-28-hefei-en-\d{4}/);
    assert.match(out, /\[\d\/4\] Chengdu: unchanged since its last edition/);
    assert.match(out, /1 built, 2 unchanged, 1 skipped for lack of data, 0 failed \(4 cities, 1 editions/);
    assert.doesNotMatch(out, /\r/, 'no progress bar when stdout is not a terminal');
  });

  test('read for many cities at once (as build --all reads), each city gets what a read of it alone gives', async () => {
    const cfg = loadConfig(ws.config);
    const wh = await Warehouse.open(cfg.warehouse);
    try {
      const codes = ['610100', '510100', '340100', '420100']; // Xi'an, Chengdu, Hefei, Wuhan
      const together = await readEditionDataOf(wh, codes, cfg.edition.rankingList, cfg.edition.peers);
      for (const code of codes) assert.deepEqual(together.get(code), await readEditionData(wh, code, cfg.edition.rankingList, cfg.edition.peers), code);
      // Not vacuous: each city's own rows, and the peer giants of the other cities.
      assert.ok(together.get('610100')!.growth.length > 0);
      assert.deepEqual(together.get('510100')!.trajectory.filter((t) => t.rank != null).map((t) => [t.year, t.rank]), [[2018, 25], [2022, 8]]);
      assert.ok(together.get('420100')!.trajectory.every((t) => t.rank == null));
      const xianFirms = together.get('610100')!.firms;
      assert.ok(xianFirms.some((f) => f.role === 'cluster_leader') && xianFirms.some((f) => f.role === 'peer_giant'));
      assert.ok(xianFirms.every((f) => f.role === 'peer_giant' || f.city_code === '610100'));
      // The newest edition of each city and language, none for a city never printed.
      const latest = await readLatestEditions(wh, codes);
      const [xianEn] = await wh.all<{ id: number }>("select max(id) as id from editions where city_code = '610100' and language = 'en'");
      assert.equal(latest.get(latestKey('610100', 'en'))?.id, xianEn!.id);
      assert.equal(latest.get(latestKey('420100', 'en')), undefined);
    } finally {
      wh.close();
    }
  });
});
