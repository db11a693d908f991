// A hostile page cannot act: scraped text is escaped, and the page is printed with JavaScript
// off and every request refused. Counted with a real listener on 127.0.0.1.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, printPdf } from '../../pipelines/render/pdf.ts';
import { startPageServer, type PageServer } from '../helpers/page-server.ts';
import { makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

const text = (pdf: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });

describe('a hostile page', () => {
  let server: PageServer;
  let ws: Workspace;
  before(async () => {
    server = await startPageServer();
    for (const path of ['/js', '/img.png', '/bg.png', '/style.css', '/frame', '/prov.png', '/font.woff'])
      server.route(path, (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('x'));
    ws = makeWorkspace();
  });
  after(async () => {
    await server.close();
    ws.cleanup();
  });

  test('printed as it is, its script does not run and it fetches nothing', async () => {
    const html = `<!doctype html><html><head><link rel="stylesheet" href="${server.url('/style.css')}">
      <style>@font-face { font-family: x; src: url(${server.url('/font.woff')}); } body { font-family: x; }</style></head><body>
      <p id="p">static text</p>
      <script>document.getElementById('p').textContent = 'SCRIPT RAN'; fetch('${server.url('/js')}');</script>
      <img src="${server.url('/img.png')}"><div style="background:url(${server.url('/bg.png')})">box</div>
      <iframe src="${server.url('/frame')}"></iframe></body></html>`;
    const browser = await launchBrowser();
    try {
      const pdf = ws.path('hostile.pdf');
      await printPdf(browser, html, pdf, { headerHtml: '<span></span>', footerHtml: '<span></span>', timeoutMs: 30_000 });
      assert.match(text(pdf), /static text/);
      assert.doesNotMatch(text(pdf), /SCRIPT RAN/);
    } finally {
      await browser.close();
    }
    assert.deepEqual(server.requests.map((r) => r.path), []);
  });

  test('scraped into an edition, it is printed as text: nothing runs, nothing is requested', async () => {
    const evil = `<script>document.write('SCRIPT RAN')</script><img src=${server.url('/img.png')}><b style=""background:url(${server.url('/bg.png')})"">x</b>`;
    writeFileSync(
      ws.path('data', 'shipped', 'xian-indicators-2022.csv'),
      readFileSync(ws.path('data', 'shipped', 'xian-indicators-2022.csv'), 'utf8') +
        `西安,industrial_investment,2022,1,6,yoy_pct,5,%,\n西安,industrial_investment,2022,1,6,peer_rank,2,rank,"${evil}"\n`,
    );
    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace(/provenance: "The analysis, §3 Achievements: industrial value added/, `provenance: "<img src=${server.url('/prov.png')}> The analysis, §3 Achievements: industrial value added`));
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const dir = readdirSync(ws.path('out', 'editions'))[0]!;
    const printed = text(ws.path('out', 'editions', dir, 'edition.pdf')).replace(/\s+/g, ' ');
    assert.match(printed, /<script>document\.write\('SCRIPT RAN'\)<\/script>/, 'the script is shown as text');
    assert.match(printed, /<img src=http:\/\/127\.0\.0\.1:\d+\/prov\.png> The analysis/, 'the provenance is shown as text');
    assert.doesNotMatch(printed.replace(/document\.write\('SCRIPT RAN'\)/g, ''), /SCRIPT RAN/);
    const html = readFileSync(ws.path('out', 'editions', dir, 'edition.html'), 'utf8');
    assert.ok(!/<script|<img /i.test(html), 'no element of the page came through');
    assert.deepEqual(server.requests.map((r) => r.path), []);
  });
});
