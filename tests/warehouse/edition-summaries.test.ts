// Editions' summaries live in a table of their own (migration 053): a warehouse whose summaries
// are still in `editions` has them moved, none lost, and the readers (the latest edition a build
// compares with, the mail of an edition and the one before it) find them there.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readMailEdition } from '../../pipelines/deliver/message.ts';
import { latestKey, readLatestEditions } from '../../pipelines/render/edition-data.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xian-report-summaries-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const edition = (id: number, language: string, summary: string | null) =>
  `(${id}, '2026-01-0${id}-xian-${language}-000${id}', 'Xi''an', '610100', '${language}', '2026-01-0${id}', 'x', 'f${id}', 'p${id}', 'h${id}', 1, ${summary == null ? 'null' : `'${summary}'`}, now())`;

test('migration 053 moves every summary out of editions, and the readers find them', async () => {
  const path = join(dir, 'old.duckdb');
  // A warehouse as 052 left it: summaries in editions, no edition_summaries.
  let wh = await Warehouse.open(path);
  await wh.exec('drop table edition_summaries');
  await wh.exec("delete from schema_migrations where name = '053_edition_summaries.sql'");
  await wh.exec(`
    insert into editions (id, edition_key, city, city_code, language, edition_date, data_cutoff, fingerprint, pdf_path, html_path, pdf_bytes, summary, created_at) values
      ${edition(1, 'en', '{"n":1}')}, ${edition(2, 'zh', '{"n":2}')}, ${edition(3, 'en', '{"n":3}')}, ${edition(4, 'en', null)};
  `);
  wh.close();

  wh = await Warehouse.open(path);
  try {
    assert.deepEqual(await wh.all('select edition_id, summary::varchar as summary from edition_summaries order by edition_id'), [
      { edition_id: 1, summary: '{"n":1}' },
      { edition_id: 2, summary: '{"n":2}' },
      { edition_id: 3, summary: '{"n":3}' },
    ]);
    assert.deepEqual(await wh.all('select count(*) as n from editions where summary is not null'), [{ n: 0 }]);

    // The newest edition of each language, each with its own summary (4 has none).
    const latest = await readLatestEditions(wh, ['610100']);
    assert.equal(latest.get(latestKey('610100', 'zh'))?.summary, '{"n":2}');
    assert.equal(latest.get(latestKey('610100', 'en'))?.id, 4);
    assert.equal(latest.get(latestKey('610100', 'en'))?.summary, null);

    // The mail of edition 3 compares it with edition 1, the one before it in its language.
    const mail = await readMailEdition(wh, 3);
    assert.equal(mail?.summary, '{"n":3}');
    assert.equal(mail?.previous_id, 1);
    assert.equal(mail?.previous_summary, '{"n":1}');
    assert.equal((await readMailEdition(wh, 1))?.previous_summary, null);
    assert.equal(await readMailEdition(wh, 99), undefined);

    // A new edition's summary goes to the new table with it, and comes back by its id.
    await wh.execFile('statements/insert_edition', {
      id: 5, edition_key: '2026-01-05-xian-en-0005', city: "Xi'an", city_code: '610100', language: 'en', edition_date: '2026-01-05',
      data_cutoff: 'x', fingerprint: 'f5', pdf_path: 'p5', html_path: 'h5', pdf_bytes: 1, run_id: null, summary: '{"n":5}',
    });
    assert.equal((await readLatestEditions(wh, ['610100'])).get(latestKey('610100', 'en'))?.summary, '{"n":5}');
    assert.equal((await readMailEdition(wh, 5))?.previous_id, 4);
  } finally {
    wh.close();
  }
});
