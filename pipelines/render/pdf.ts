// Prints an HTML page to an A4 PDF with headless Chromium. The PDF is written under a
// temporary name and renamed, so a failure never leaves half a file where the last one was.
import { rename, rm, writeFile } from 'node:fs/promises';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findChromium } from './chromium.ts';

// Without these, Chromium keeps reaching for Google's hosts, which this machine cannot reach.
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launchBrowser(executablePath?: string): Promise<Browser> {
  return puppeteer.launch({ executablePath: findChromium(executablePath), headless: true, args: QUIET_FLAGS });
}

export interface PrintOptions {
  /** HTML of the running header and footer (Chromium's pageNumber/totalPages spans allowed). */
  headerHtml: string;
  footerHtml: string;
  timeoutMs: number;
}

/** Prints html to pdfPath (atomically) and returns its size in bytes. */
export async function printPdf(browser: Browser, html: string, pdfPath: string, opts: PrintOptions): Promise<number> {
  const page = await browser.newPage();
  const tmp = `${pdfPath}.${process.pid}.tmp`;
  try {
    // The page is self-contained and may quote hostile pages: no script runs, and every request
    // is refused except the edition's own inline data, so nothing is fetched while printing.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => (req.url().startsWith('data:') || req.url() === 'about:blank' ? req.continue() : req.abort('blockedbyclient')));
    await page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: opts.headerHtml,
      footerTemplate: opts.footerHtml,
      margin: { top: '18mm', bottom: '18mm', left: '18mm', right: '18mm' },
      timeout: opts.timeoutMs,
    });
    await writeFile(tmp, pdf);
    await rename(tmp, pdfPath);
    return pdf.byteLength;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    await page.close().catch(() => undefined);
  }
}
