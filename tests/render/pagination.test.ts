// The contents page's numbers, taken from the previous edition (or the layout last printed on
// this machine) and checked after one print, or printed again when the headings moved: right either way, read back with pdftotext; the pages
// read from the PDF's named destinations are pdfinfo's. And one
// Chromium per run, however many languages it prints.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConsola } from 'consola';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../pipelines/config.ts';
import type { EditionResult } from '../../pipelines/render/edition.ts';
import { pagesOfAnchors, skiaDests } from '../../pipelines/render/page-numbers.ts';
import { launchCount } from '../../pipelines/render/pdf.ts';
import { runPipeline } from '../../pipelines/run.ts';
import { makeWorkspace, type Workspace } from '../helpers/workspace.ts';

const quiet = createConsola({ level: 0 });
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** Asserts that each contents entry gives the page its heading is printed on (pdftotext, not the PDF's links). */
function assertContentsTrue(ed: EditionResult): void {
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', ed.pdfPath, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  const tocPage = pages.findIndex((p) => /^(Contents|目录)\s*$/m.test(p));
  assert.equal(tocPage, 1, 'contents on page 2');
  const html = readFileSync(ed.htmlPath, 'utf8');
  const entries = [...html.matchAll(/<span class="toc-text">([^<]+)<\/span><span class="toc-dots"><\/span><span class="toc-page">(\d*)<\/span>/g)].map((m) => ({
    heading: m[1]!.replace(/&#x27;/g, "'"),
    page: Number(m[2]),
  }));
  assert.ok(entries.length >= 7, 'contents lists the sections');
  for (const { heading, page } of entries) {
    assert.match(squash(pages[tocPage]!), new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${page}`), `${ed.key}: the printed contents carries the number of "${heading}"`);
    const landed: number = pages.findIndex((p: string, k: number): boolean => k !== tocPage && p.split('\n').some((l) => l.trim() === heading || (l.trim().length > 8 && heading.startsWith(l.trim())))) + 1;
    assert.equal(page, landed, `${ed.key}: "${heading}" is on page ${landed}, contents says ${page}`);
  }
}

describe('contents page numbers', () => {
  let ws: Workspace;
  const build = async (load = false) => {
    const before = launchCount();
    const res = await runPipeline(loadConfig(ws.config), { load, force: true, editionDate: '2026-11-28' }, { log: quiet, now: () => new Date() });
    assert.equal(launchCount() - before, 1, 'one Chromium for the run, both languages');
    assert.deepEqual(res.editions.map((e) => e.language), ['zh', 'en']);
    for (const ed of res.editions) assertContentsTrue(ed);
    return res.editions;
  };
  const tmpBefore = process.env.TMPDIR;
  before(() => {
    ws = makeWorkspace({ languages: ['zh', 'en'] });
    // A temporary folder of its own: no layout remembered from other runs on this machine.
    mkdirSync(ws.path('tmp'));
    process.env.TMPDIR = ws.path('tmp');
  });
  after(() => {
    if (tmpBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpBefore;
    ws.cleanup();
  });

  test('first edition: printed twice; then the last edition\'s numbers are reused and checked (one print), and printed again when the headings moved', async () => {
    const first = await build(true);
    assert.deepEqual(first.map((e) => e.prints), [2, 2], 'no previous edition: the numbers are read from a first print');
    // The pages are read from Chromium's PDF itself; pdfinfo, which reads any PDF, agrees.
    for (const ed of first) {
      const read = skiaDests(readFileSync(ed.pdfPath));
      assert.ok(read && read.size >= 7, `${ed.key}: the named destinations are read from the PDF`);
      assert.deepEqual(Object.fromEntries(read), await pagesOfAnchors(ed.pdfPath, [...read.keys()]), `${ed.key}: the same pages as pdfinfo -dests`);
    }

    // The second edition adds "what changed" before the introduction, which moves the headings;
    // the third lays out as the second did.
    await build();
    const third = await build();
    assert.deepEqual(third.map((e) => e.prints), [1, 1], "the previous edition's numbers held: printed once");
    assert.deepEqual(third.map((e) => e.pages), (await build()).map((e) => e.pages));

    // Forty more leading firms lengthen the achievements: the headings after them move.
    const csv = ws.path('data', 'shipped', 'xian-industry-clusters.csv');
    const more = Array.from({ length: 40 }, (_, i) => `西安,cluster_leader,Aerospace,航空航天,Supplier number ${i + 1} of the aerospace cluster,`).join('\n');
    writeFileSync(csv, `${readFileSync(csv, 'utf8').trimEnd()}\n${more}\n`);
    const moved = await build(true);
    assert.ok(
      moved.every((e, i) => e.prints === 2 && JSON.stringify(e.pages) !== JSON.stringify(third[i]!.pages)),
      `the layout changed: the check failed and the edition was printed again (${moved.map((e) => `${e.language} ${e.prints} ${JSON.stringify(e.pages)}`).join('; ')})`,
    );

    // A new warehouse, twice with the same data: no previous edition either time, but the second
    // time the layout the first printed on this machine (same city, language, headings) is the
    // guess, and it holds.
    const afresh = async () => {
      rmSync(ws.warehouse);
      rmSync(ws.path('out'), { recursive: true });
      return build(true);
    };
    const once = await afresh();
    const twice = await afresh();
    assert.deepEqual(twice.map((e) => e.prints), [1, 1], 'the remembered layout held: printed once');
    assert.deepEqual(twice.map((e) => e.pages), once.map((e) => e.pages));
  });
});
