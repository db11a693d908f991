// End to end through the real CLI: a real DuckDB file, a real Chromium, pdftotext on the PDF.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import { makeWorkspace, pdfText, runCli, type Workspace } from './helpers/workspace.ts';

const DATE = '2026-11-28';
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('xian-report run on the shipped data', () => {
  let ws: Workspace;
  before(() => {
    ws = makeWorkspace();
  });
  after(() => ws.cleanup());

  test('prints an edition whose text carries the rank figures, the plan figure and the edition date', async () => {
    const res = await runCli(['run', '--config', ws.config, '--edition-date', DATE]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const editions = readdirSync(ws.path('out', 'editions'));
    assert.equal(editions.length, 1);
    assert.match(editions[0]!, /^2026-11-28-xian-en-0001$/);
    const pdf = ws.path('out', 'editions', editions[0]!, 'edition.pdf');
    assert.ok(existsSync(ws.path('out', 'editions', editions[0]!, 'edition.html')));
    assert.deepEqual(readFileSync(ws.path('out', 'latest.pdf')), readFileSync(pdf));
    assert.match(res.stdout + res.stderr, new RegExp(pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    const text = squash(await pdfText(pdf));
    assert.match(text, /ranked 12th\[\d+\], 8 places higher than its 20th\[\d+\] in 2018/);
    assert.match(text, /ranks for 2019, 2020 and 2021 are not available/);
    assert.match(text, /12\[\d+\] cities of western China \(西部\) were on the 2022/);
    assert.match(text, /93\.62%\[\d+\] of the annual plan, 18\.62 points ahead of the 75\.0% of the year/);
    assert.match(text, /first half of 2022, value added of industry above designated size grew 11\.0%\[\d+\]/);
    assert.match(text, /Edition date 2026-11-28/i);
    assert.match(text, /September 2022 \(statistics\)/);
    assert.match(text, /西安/);
    assert.match(text, /Sany Heavy Industry \(三一重工\) in Changsha/);

    const wh = await Warehouse.open(ws.warehouse);
    try {
      const runs = await wh.all<{ status: string; command: string }>('select status, command from runs');
      assert.deepEqual(runs, [{ status: 'ok', command: 'run' }]);
      const [ed] = await wh.all<{ edition_key: string; pdf_bytes: number }>('select edition_key, pdf_bytes from editions');
      assert.equal(ed!.edition_key, editions[0]);
      assert.equal(ed!.pdf_bytes, statSync(pdf).size);
      const snaps = await wh.all<{ n: number }>("select count(*) as n from snapshots where status = 'loaded'");
      assert.equal(snaps[0]!.n, 4);
    } finally {
      wh.close();
    }
  });

  test('a changed ranking snapshot changes the rank sentence and the chart', async () => {
    const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2022,12,西安', '2022,9,西安') + 'ccid-top100-advanced-manufacturing-cities,2020,15,西安,陕西,\n');
    const res = await runCli(['run', '--config', ws.config, '--edition-date', DATE]);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const key = readFileSync(ws.path('out', 'latest.txt'), 'utf8').trim();
    assert.equal(key, '2026-11-28-xian-en-0002');
    const text = squash(await pdfText(ws.path('out', 'latest.pdf')));
    assert.match(text, /ranked 9th\[\d+\], 11 places higher than its 20th\[\d+\] in 2018/);
    assert.match(text, /previous list in the data \(2020, 15th\[\d+\]\), it moved up 6/);
    assert.match(text, /ranks for 2019 and 2021 are not available/);
    // Only the what-changed page quotes the old sentence, without its markers.
    assert.doesNotMatch(text, /ranked 12th\[/);
    const html = readFileSync(ws.path('out', 'editions', key, 'edition.html'), 'utf8');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    for (const label of [9, 15, 20]) assert.match(svg, new RegExp(`>${label} \\[\\d+\\]<`), `chart shows ${label}`);
    assert.doesNotMatch(svg, />12 \[\d+\]</, 'the old rank is gone from the chart');
    // The unchanged sources were not read into new snapshots.
    const wh = await Warehouse.open(ws.warehouse);
    try {
      const rows = await wh.all<{ source: string; n: number }>(
        "select source, count(*) as n from snapshots group by source order by source",
      );
      assert.deepEqual(
        rows.map((r) => `${r.source}:${r.n}`),
        ['shipped-clusters:1', 'shipped-peer-giants:1', 'shipped-top100-ranks:2', 'shipped-xian-indicators:1'],
      );
    } finally {
      wh.close();
    }
  });

  test('a malformed snapshot fails naming the file and the row, and changes nothing', async () => {
    const latestBefore = readFileSync(ws.path('out', 'latest.pdf'));
    const editionsBefore = readdirSync(ws.path('out', 'editions')).sort();
    const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('2022,9,西安', '2022,nine,西安'));
    const res = await runCli(['run', '--config', ws.config, '--edition-date', DATE]);
    assert.equal(res.code, 1);
    assert.match(res.stderr + res.stdout, /ccid-top100-rankings\.csv, row 3: column "rank": "nine" is not a whole number/);
    assert.deepEqual(readFileSync(ws.path('out', 'latest.pdf')), latestBefore);
    assert.deepEqual(readdirSync(ws.path('out', 'editions')).sort(), editionsBefore);
    const wh = await Warehouse.open(ws.warehouse);
    try {
      const ranks = await wh.all<{ year: number; rank: number }>('select year, rank from rankings order by year');
      assert.deepEqual(ranks, [
        { year: 2018, rank: 20 },
        { year: 2020, rank: 15 },
        { year: 2022, rank: 9 },
      ]);
      const [failed] = await wh.all<{ status: string; error: string }>(
        "select status, error from snapshots where status = 'failed'",
      );
      assert.match(failed!.error, /row 3/);
      const runs = await wh.all<{ status: string }>('select status from runs order by id');
      assert.deepEqual(runs.map((r) => r.status), ['ok', 'ok', 'failed']);
    } finally {
      wh.close();
    }
  });

  test('build re-prints from the warehouse without loading', async () => {
    // Nothing changed since edition 2: no new PDF unless forced.
    const unchanged = await runCli(['build', '--config', ws.config, '--edition-date', '2026-12-01']);
    assert.equal(unchanged.code, 0, unchanged.stderr + unchanged.stdout);
    assert.match(unchanged.stdout + unchanged.stderr, /no change since edition 2/);
    assert.equal(readdirSync(ws.path('out', 'editions')).length, 2);
    const res = await runCli(['build', '--force', '--config', ws.config, '--edition-date', '2026-12-01']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const text = squash(await pdfText(ws.path('out', 'latest.pdf')));
    assert.match(text, /ranked 9th/);
    assert.match(text, /Edition date 2026-12-01/i);
  });
});

describe('xian-report usage errors', () => {
  test('an unknown config key exits 2 and names the key', async () => {
    const ws = makeWorkspace();
    try {
      writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace('edition:\n', 'edition:\n  colour: red\n'));
      const res = await runCli(['run', '--config', ws.config]);
      assert.equal(res.code, 2);
      assert.match(res.stderr + res.stdout, /unknown key "edition\.colour"/);
      assert.ok(!existsSync(ws.warehouse), 'nothing was created');
    } finally {
      ws.cleanup();
    }
  });

  test('a wrong type exits 2 and names the key', async () => {
    const ws = makeWorkspace();
    try {
      writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace('baseYear: 2018', 'baseYear: "last year"'));
      const res = await runCli(['build', '--config', ws.config]);
      assert.equal(res.code, 2);
      assert.match(res.stderr + res.stdout, /"edition\.baseYear"/);
    } finally {
      ws.cleanup();
    }
  });

  test("a source setting its adapter does not know exits 2 and names it", async () => {
    const ws = makeWorkspace();
    try {
      writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace('settings: { table: rankings }', 'settings: { table: rankings, sheet: 2 }'));
      const res = await runCli(['run', '--config', ws.config]);
      assert.equal(res.code, 2);
      assert.match(res.stderr + res.stdout, /"sources\.0\.settings\.sheet": unknown key for adapter table-csv \(source "shipped-top100-ranks"\)/);
    } finally {
      ws.cleanup();
    }
  });

  test('an unknown command exits 2; --help exits 0', async () => {
    assert.equal((await runCli(['frobnicate'])).code, 2);
    const help = await runCli(['run', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--edition-date/);
  });
});
