// Measures the CJK font on the Chinese edition: the same edition.html printed with each font
// in turn (alternating, so a busy machine weighs on both alike), the medians of time and size.
// Usage: npx tsx bench/cjk-font.bench.ts <edition.html of a zh edition> [--runs 5]
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, printPdf } from '../pipelines/render/pdf.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' } } });
const html = readFileSync(positionals[0] ?? 'out/editions/latest-zh/edition.html', 'utf8');
const fonts = ['WenQuanYi Micro Hei', 'Noto Sans CJK SC'];
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'cjk-bench-'));
const times: Record<string, number[]> = {};
const sizes: Record<string, number> = {};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  for (let i = 0; i < runs; i++) {
    for (const font of i % 2 ? [...fonts].reverse() : fonts) {
      const page = html.replace(/--cjk: "[^"]*"/, `--cjk: "${font}"`).replaceAll('WenQuanYi Micro Hei', font);
      const t0 = performance.now();
      const browser = await launchBrowser();
      const pdf = join(dir, `${i}-${font}.pdf`);
      await printPdf(browser, page, pdf, { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 120_000 });
      await browser.close();
      (times[font] ??= []).push(performance.now() - t0);
      sizes[font] = statSync(pdf).size;
    }
  }
  for (const font of fonts) console.log(`${font.padEnd(22)} launch + print median ${Math.round(median(times[font]!))} ms  PDF ${Math.round(sizes[font]! / 1024)} kB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
