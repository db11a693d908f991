// The bulk path of large observations CSVs (pipelines/load/bulk-csv.ts) against the Node path,
// each through loadSource into a real DuckDB file: the same rows, words, offsets, quarantine
// reasons and errors, on small fixtures forced through each path (bulkMinBytes 0 or never),
// and a generated file of 50,000 rows through the default threshold.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import iconv from 'iconv-lite';
import { writeObservationsCsv } from '../../bench/generate-observations-csv.ts';
import type { SourceConfig } from '../../pipelines/config.ts';
import { lookupPlace } from '../../pipelines/geo/places.ts';
import { stageCsvObservations } from '../../pipelines/load/bulk-csv.ts';
import { loadSource, type LoadDeps } from '../../pipelines/load/load-source.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

const dir = mkdtempSync(join(tmpdir(), 'xian-bulk-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const HEADER = 'geo,indicator,period_year,month_from,month_to,measure,value,unit,comparison_group';
const source = (location: string, settings: Record<string, unknown> = { table: 'observations' }): SourceConfig =>
  ({ name: 'obs', adapter: 'table-csv', location, provenance: 'test', enabled: true, settings }) as SourceConfig;
const deps = (bulkMinBytes: number): LoadDeps => ({
  now: () => new Date('2026-11-28T00:00:00Z'),
  defaultCity: "Xi'an",
  bulkMinBytes,
  files: { maxBytes: 100 * 1024 * 1024 } as LoadDeps['files'],
});

/** What a load left in the warehouse, or the error it threw. */
interface Loaded {
  counts?: unknown;
  error?: string;
  observations: unknown[];
  quarantine: unknown[];
}

async function loadInto(wh: Warehouse, file: string, bulkMinBytes: number, settings?: Record<string, unknown>): Promise<Loaded> {
  let counts: unknown;
  let error: string | undefined;
  try {
    counts = (await loadSource(wh, source(file, settings), deps(bulkMinBytes))).counts;
  } catch (err) {
    error = (err as Error).message;
  }
  const observations = await wh.all(
    `select geo_code, geo, geo_zh, indicator, period_year, month_from, month_to, measure, value, unit, comparison_group, quote, quote_offset, year_source
     from observations order by quote_offset`,
  );
  const quarantine = await wh.all('select row_number, row_text, reason from quarantine order by id');
  return { counts, error, observations, quarantine };
}

/** Loads the same bytes through the bulk path and the Node path, each into a fresh warehouse. */
async function bothPaths(body: string | Buffer, settings?: Record<string, unknown>): Promise<{ bulk: Loaded; node: Loaded; file: string }> {
  const file = join(dir, `f${++n}.csv`);
  writeFileSync(file, body);
  const out: Loaded[] = [];
  for (const threshold of [0, Number.MAX_SAFE_INTEGER]) {
    const wh = await Warehouse.open(join(dir, `w${n}-${threshold}.duckdb`));
    try {
      out.push(await loadInto(wh, file, threshold, settings));
    } finally {
      wh.close();
    }
  }
  return { bulk: out[0]!, node: out[1]!, file };
}

/** Whether the bulk path takes a file (true) or leaves it to the Node path (false). */
async function takesBulkPath(body: string | Buffer, encoding = 'utf-8', settings: Record<string, unknown> = { table: 'observations' }): Promise<boolean> {
  const wh = await Warehouse.open(':memory:');
  try {
    const ctx = { source: 's', location: 'x.csv', published: null, defaultPlace: null, lookupPlace, settings };
    return (await stageCsvObservations(wh, Buffer.from(body), encoding, ctx)) !== null;
  } finally {
    wh.close();
  }
}

// Good rows, padded and quoted cells, blank lines, unknown places, implausible values, a figure
// stated twice with one value (loaded once) and with two (both quarantined).
const MIXED = [
  HEADER,
  '西安,gdp,2023,1,12,yoy_pct,5.1,%,',
  '',
  '"西安",gdp,2024,1,12,yoy_pct,5.3,%,',
  ' 西安市 , industrial_value_added ,2023,1,6,yoy_pct,11,%,',
  '西安,gdp,2023,1,12,level,"12,010.76",亿元,',
  'Atlantis,gdp,2023,1,12,yoy_pct,3,%,',
  '西安,gdp,2022,1,12,yoy_pct,250,%,',
  '成都,gdp,1900,1,12,level,100,亿元,',
  '成都,gdp,2022,6,3,level,100,亿元,',
  '成都,gdp,2022,1,12,yoy_pct,4,%,',
  '成都,gdp,2022,1,12,yoy_pct,4.5,%,',
  '重庆,gdp,2022,1,12,yoy_pct,2,%,',
  '重庆市,gdp,2022,1,12,yoy_pct,2.0,%,',
  '西安,top100_cities_count,2022,1,12,count,2.5,个,',
  '西安,gdp,2022,1,12,peer_rank,3,rank,the same period of the past five years',
  '西安,gdp,2021,1,12,level,-5,亿元,',
  '西安,gdp,2021,1,12,plan_share_pct,80,%,',
  '',
].join('\n');

test('the bulk path loads the same rows, words, offsets and quarantine reasons as the Node path', async () => {
  assert.equal(await takesBulkPath(MIXED), true);
  const { bulk, node } = await bothPaths(`\uFEFF${MIXED}`);
  assert.deepEqual(bulk, node);
  assert.deepEqual(bulk.counts, { rankings: 0, observations: 7, firms: 0, quarantined: 8 });
  assert.deepEqual(
    bulk.quarantine.map((q) => (q as { row_number: number }).row_number),
    [6, 7, 8, 9, 14, 16, 10, 11], // unknown place, then implausible rows in order, then the conflict
  );
  const reasons = bulk.quarantine.map((q) => (q as { reason: string }).reason);
  assert.match(reasons[0]!, /^not in the gazetteer: Atlantis; add it to data\/reference\/cities\.csv/);
  assert.equal(reasons[1], 'yoy_pct 250 is outside -100..100');
  assert.equal(reasons[6], "conflicting yoy_pct figures 4 and 4.5 for Chengdu 成都 (510100), gdp, 2022 months 1-12 on one page");
  const first = bulk.observations[0] as { quote: string; quote_offset: number };
  assert.deepEqual([first.quote, first.quote_offset], ['西安,gdp,2023,1,12,yoy_pct,5.1,%,', HEADER.length + 1]);
});

test('CRLF line ends, blank lines before the header, GBK bytes and Chinese headers mapped by settings.columns take the bulk path with the same result', async () => {
  const crlf = `\n\n${MIXED}`.replaceAll('\n', '\r\n'); // blank lines before the header too
  assert.equal(await takesBulkPath(crlf), true);
  const a = await bothPaths(crlf);
  assert.deepEqual(a.bulk, a.node);
  assert.equal(a.bulk.observations.length, 7);

  const columns = { geo: '地区', indicator: '指标', period_year: '年份', month_from: '起月', month_to: '止月', measure: '口径', value: '数值', unit: '单位' };
  const zh = MIXED.replace(HEADER, '地区,指标,年份,起月,止月,口径,数值,单位,备注');
  const gbk = iconv.encode(zh, 'gbk');
  const settings = { table: 'observations', columns };
  assert.equal(await takesBulkPath(gbk, 'gb18030', settings), true);
  const b = await bothPaths(gbk, settings);
  assert.deepEqual(b.bulk, b.node);
  assert.equal(b.bulk.observations.length, 7);
  assert.deepEqual(b.bulk.observations[0] as object, { ...(b.bulk.observations[0] as object), geo_code: '610100', geo_zh: '西安' });
});

test('a malformed cell fails the file naming the row, the column and the fix, as the Node path does', async () => {
  const body = `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\n\n"西安",gdp,2023,1,12,growth,5.1,%,\n西安,gdp,20x3,1,12,yoy_pct,5.1,%,\n`;
  const { bulk, node } = await bothPaths(body);
  assert.deepEqual(bulk, node);
  assert.match(bulk.error!, /f\d+\.csv, row 3: column "measure": "growth" is not one of level, yoy_pct.*\(fix: correct the row in the file, then run again\)/);
  assert.equal(bulk.observations.length, 0);

  const year = await bothPaths(`${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\n西安,gdp,20x3,1,12,yoy_pct,5.1,%,\n`);
  assert.deepEqual(year.bulk, year.node);
  assert.match(year.bulk.error!, /row 3: column "period_year": "20x3" is not a whole number/);

  const missing = await bothPaths('geo,indicator,period_year,month_from,month_to,measure,unit\n西安,gdp,2023,1,12,yoy_pct,%\n');
  assert.deepEqual(missing.bulk, missing.node);
  assert.match(missing.bulk.error!, /row 1: no column "value" in the header \(fix: add it, or map the field with settings\.columns\.value\)/);
});

/** The rows the bulk path reads as plain (typed in SQL) rather than handing them to the Node code. */
async function plainRows(body: string, settings: Record<string, unknown> = { table: 'observations' }): Promise<number[]> {
  const wh = await Warehouse.open(':memory:');
  try {
    const ctx = { source: 's', location: 'x.csv', published: null, defaultPlace: null, lookupPlace, settings };
    assert.notEqual(await stageCsvObservations(wh, Buffer.from(body), 'utf-8', ctx), null);
    return (await wh.all<{ row_number: number }>('select row_number from csv_records where plain order by row_number')).map((r) => r.row_number);
  } finally {
    wh.close();
  }
}

// Lines at the edges of what SQL reads as plain: numbers written as the Node code reads them but
// SQL would write back otherwise, cells missing or added, spaces of several kinds at a cell's edge.
const EDGES = [
  HEADER,
  '西安,gdp,2001,01,12,level,1,亿元,',
  '西安,gdp,2002,1,12,level,1e3,亿元,',
  '西安,gdp,2003,1,12,level,.5,亿元,',
  '西安,gdp,2004,1,12,level,5.,亿元,',
  '西安,gdp,2005,1,12,level,0012,亿元,',
  '西安,gdp,02006,1,12,level,1,亿元,',
  '西安,gdp,2007,1,12,level,1,亿元',
  '西安,gdp,2008,1,12,level,1,亿元,,extra',
  '西安 ,gdp,2009,1,12,level,1,亿元,',
  '西安\u3000,gdp,2010,1,12,level,1,亿元,',
  '西安,\u3000gdp,2010,2,12,level,1,亿元,',
  '西安,gdp\t,2011,1,12,level,1,亿元,',
  '西安,gdp,2012,1,12,level,1,亿元, peers',
  '西安,gdp,2013,1,12,level,1,亿元,peer group',
  '西安,gdp,2014,1,12,level,-0,亿元,',
  '西安,gdp,2015,1,12,level,9999999999999999,亿元,',
  '西安,gdp,2016,1,12,yoy_pct,100,%,',
  '西安,gdp,99999,1,12,level,1,亿元,',
  '西安,gdp,2147483648,1,12,level,1,亿元,',
  '',
].join('\n');

test('lines at the edges of what SQL reads as plain load as the Node path loads them, with any delimiter', async () => {
  assert.deepEqual(await plainRows(EDGES), [6, 15, 16, 18, 19]);
  const { bulk, node } = await bothPaths(EDGES);
  assert.deepEqual(bulk, node);
  assert.equal(bulk.error, undefined);
  for (const delimiter of [';', '||', '\t']) {
    const body = EDGES.replaceAll(',', delimiter);
    const settings = { table: 'observations', delimiter };
    if (delimiter !== '\t') assert.deepEqual(await plainRows(body, settings), [6, 15, 16, 18, 19], delimiter);
    const other = await bothPaths(body, settings);
    assert.deepEqual(other.bulk, other.node, delimiter);
  }
  // Columns in another order, one the table does not read, and no comparison_group column.
  const reordered = ['note,value,unit,measure,month_to,month_from,period_year,indicator,geo', 'a,5.1,%,yoy_pct,12,1,2023,gdp,西安', ',6,%,yoy_pct,12,1,2024,gdp,西安', ' b,7,%,yoy_pct,12,1,2025,gdp,西安'].join('\n');
  assert.deepEqual(await plainRows(reordered), [2, 3]);
  const r = await bothPaths(reordered);
  assert.deepEqual(r.bulk, r.node);
  assert.equal(r.bulk.observations.length, 3);
});

test('shapes the line-by-line reading cannot follow are left to the Node path, with the same result', async () => {
  const shapes = {
    'a quoted cell over two lines': `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,"one\ntwo"\n西安,gdp,2024,1,12,yoy_pct,5.3,%,\n`,
    'a line of spaces': `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\n   \n西安,gdp,2024,1,12,yoy_pct,5.3,%,\n`,
    'a character beyond the BMP': `${HEADER}\n西安,gdp,2023,1,12,peer_rank,2,rank,𠀀 peers\n西安,gdp,2024,1,12,yoy_pct,5.3,%,\n`,
    'a bare CR': `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\r西安,gdp,2024,1,12,yoy_pct,5.3,%,\n`,
    'a file with no rows': '\n\n',
  };
  for (const [shape, body] of Object.entries(shapes)) {
    assert.equal(await takesBulkPath(body), false, shape);
    const { bulk, node } = await bothPaths(body);
    assert.deepEqual(bulk, node, shape);
  }
});

test('a changed file replaces the rows and quarantined rows of the one before; an unchanged one is not loaded again', async () => {
  const file = join(dir, 'reload.csv');
  const wh = await Warehouse.open(join(dir, 'reload.duckdb'));
  try {
    writeFileSync(file, `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.1,%,\nAtlantis,gdp,2023,1,12,yoy_pct,3,%,\n`);
    const first = await loadSource(wh, source(file), deps(0));
    assert.deepEqual(first.counts, { rankings: 0, observations: 1, firms: 0, quarantined: 1 });
    const again = await loadSource(wh, source(file), deps(0));
    assert.equal(again.status, 'unchanged');

    writeFileSync(file, `${HEADER}\n西安,gdp,2023,1,12,yoy_pct,5.2,%,\n西安,gdp,2024,1,12,yoy_pct,5.3,%,\n西安,gdp,2024,1,12,level,-1,亿元,\n`);
    const second = await loadSource(wh, source(file), deps(0));
    assert.deepEqual(second.counts, { rankings: 0, observations: 2, firms: 0, quarantined: 1 });
    assert.deepEqual(await wh.all('select value, snapshot_id from observations order by value'), [
      { value: 5.2, snapshot_id: second.snapshotId },
      { value: 5.3, snapshot_id: second.snapshotId },
    ]);
    assert.deepEqual(await wh.all('select row_number, reason, snapshot_id from quarantine'), [
      { row_number: 4, reason: 'level -1 is below 0', snapshot_id: second.snapshotId },
    ]);
    // Every raw file is kept.
    assert.deepEqual(await wh.all('select count(*)::int as n from snapshots'), [{ n: 2 }]);
  } finally {
    wh.close();
  }
});

test('a generated CSV of 50,000 rows loads through the default threshold with the right counts and values', async () => {
  const file = join(dir, 'big.csv');
  const { bad } = await writeObservationsCsv(file, { rows: 50_000, badEvery: 1000 });
  assert.equal(bad, 50);
  const lines = readFileSync(file, 'utf8').split('\n');
  const wh = await Warehouse.open(join(dir, 'big.duckdb'));
  try {
    const { counts } = await loadSource(wh, source(file), deps(1 << 20));
    assert.deepEqual(counts, { rankings: 0, observations: 49_950, firms: 0, quarantined: 50 });
    assert.deepEqual(await wh.all('select count(*)::int as n, count(distinct geo)::int as places from observations where year_source = \'column\''), [
      { n: 49_950, places: (await wh.all<{ n: number }>('select count(distinct geo)::int as n from observations'))[0]!.n },
    ]);
    // Row 2 is the first data line; row 40,002 is data line 40,000.
    for (const row of [2, 40_002]) {
      const line = lines[row - 1]!;
      const offset = lines.slice(0, row - 1).reduce((sum, l) => sum + l.length + 1, 0);
      const [o] = await wh.all<{ quote: string; value: number; indicator: string }>('select quote, value, indicator from observations where quote_offset = $offset', { offset });
      assert.equal(o?.quote, line);
      const cells = line.split(',');
      assert.equal(o.indicator, cells[1]);
      assert.equal(o.value, Number(cells[6]));
    }
    const [q] = await wh.all<{ row_number: number; reason: string; row_text: string }>('select row_number, reason, row_text from quarantine order by row_number limit 1');
    assert.deepEqual(q, { row_number: 1001, reason: 'yoy_pct 250 is outside -100..100', row_text: lines[1000] });
  } finally {
    wh.close();
  }
});
