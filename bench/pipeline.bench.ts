// Times each step of an edition over several runs and prints the medians:
// load, validate (data tests), indicators (models), render HTML, launch Chromium, print PDF.
// Also prints the same page with another CJK font, to keep the font choice measured.
// Usage: npx tsx bench/pipeline.bench.ts [--runs 5] [--compare-font "Noto Sans CJK SC"]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../pipelines/config.ts';
import { buildModels, runDataTests } from '../pipelines/indicators/models.ts';
import { loadSource } from '../pipelines/load/load-source.ts';
import { Warehouse } from '../pipelines/warehouse/warehouse.ts';
import { readEditionData } from '../pipelines/render/edition-data.ts';
import { CJK_FONT, viewOf } from '../pipelines/render/edition.ts';
import { renderHtml } from '../pipelines/render/html.ts';
import { launchBrowser, printPdf } from '../pipelines/render/pdf.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'compare-font': { type: 'string', default: 'Noto Sans CJK SC' } },
});
const runs = Number(values.runs);
const compareFont = values['compare-font']!;
const cfg = loadConfig(join(import.meta.dirname, '..', 'xian-report.config.yaml'));
const times: Record<string, number[]> = {};
const time = async <T>(step: string, fn: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  const out = await fn();
  (times[step] ??= []).push(performance.now() - t0);
  return out;
};
const cjkHeavyPage = (font: string) =>
  `<html><body style="font-family:'${font}';font-size:11pt">${Array.from({ length: 2000 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7)).join('')}</body></html>`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'xian-report-bench-'));
try {
  for (let i = 0; i < runs; i++) {
    const wh = await Warehouse.open(join(dir, `run-${i}.duckdb`));
    await time('load (4 shipped sources, fresh warehouse)', async () => {
      for (const s of cfg.sources) await loadSource(wh, s, { now: () => new Date(), defaultCity: cfg.edition.city });
    });
    await time('indicators (build models)', () => buildModels(wh));
    await time('validate (data tests)', () => runDataTests(wh));
    const html = await time('render HTML (models → sentences, chart, template)', async () => {
      const data = await readEditionData(wh, cfg.edition.city, cfg.edition.rankingList);
      return renderHtml((await viewOf(cfg, data, cfg.edition.languages[0]!, `bench-${i}`, '2026-11-28')).view, cfg.edition.languages[0]!);
    });
    const browser = await time('launch Chromium', () => launchBrowser(cfg.chromium.executablePath));
    await time('print PDF', () => printPdf(browser, html, join(dir, `a-${i}.pdf`), { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 60_000 }));
    await browser.close();
    // Fonts, each in a browser of its own (a font's first use costs most), in alternating order:
    // the edition as it is, and a page of 2,000 distinct characters such as a Chinese edition holds.
    const fonts = i % 2 === 0 ? [CJK_FONT, compareFont] : [compareFont, CJK_FONT];
    for (const font of fonts) {
      const page = html.replaceAll(CJK_FONT, font);
      await time(`launch + print the edition (${font})`, async () => {
        const b = await launchBrowser(cfg.chromium.executablePath);
        await printPdf(b, page, join(dir, `f-${i}.pdf`), { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 60_000 });
        await b.close();
      });
      await time(`launch + print a CJK-heavy page (${font})`, async () => {
        const b = await launchBrowser(cfg.chromium.executablePath);
        await printPdf(b, cjkHeavyPage(font), join(dir, `c-${i}.pdf`), { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 60_000 });
        await b.close();
      });
    }
    wh.close();
  }
  console.log(`medians over ${runs} runs (ms):`);
  for (const [step, xs] of Object.entries(times)) console.log(`  ${step.padEnd(52)} ${median(xs).toFixed(0).padStart(6)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
