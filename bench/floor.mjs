#!/usr/bin/env node
// The floor of one edition: a bare Node script (no TypeScript, no project code) that launches
// the same Chromium with the same flags as pipelines/render/pdf.ts and prints the given final
// edition.html files (both languages, as an edition prints both) to A4 PDFs, once each, with the
// edition's page settings. What `build` does beyond this (loading modules, the warehouse, the
// models, the first print for the contents page) is what the bench's ratio measures.
//
// Usage: node bench/floor.mjs <chromium> <out-dir> <edition.html> [<edition.html> ...]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

const [executablePath, outDir, ...files] = process.argv.slice(2);
if (!executablePath || !outDir || files.length === 0) {
  console.error('usage: node bench/floor.mjs <chromium> <out-dir> <edition.html> [...]');
  process.exit(2);
}
// The flags pipelines/render/pdf.ts launches with (QUIET_FLAGS), from the same file.
const args = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'pipelines', 'render', 'chromium-flags.json'), 'utf8'));
const browser = await puppeteer.launch({ executablePath, headless: true, pipe: true, args });
try {
  for (const [i, file] of files.entries()) {
    const page = await browser.newPage();
    await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<span style="font-size:7.5px"><span class="pageNumber"></span> / <span class="totalPages"></span></span>',
      margin: { top: '18mm', bottom: '18mm', left: '18mm', right: '18mm' },
    });
    writeFileSync(join(outDir, `floor-${i}.pdf`), pdf);
    await page.close();
  }
} finally {
  await browser.close();
}
