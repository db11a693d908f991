// The edition as a publication, end to end through the real CLI, a real DuckDB file and a real
// Chromium, read back with pdftotext and looked at as images with pdftoppm. One workspace
// grows through the tests: the shipped data, then releases and complete lists, then a revision.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { lookupCity } from '../../pipelines/geo/gazetteer.ts';
import { ROOT, makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ');
/** Chinese text runs on across a line break, without a space. */
const squashZh = (s: string) => s.replace(/\s*\n\s*/g, '').replace(/\s+/g, ' ');

/** The text of each page (pdftotext, in reading order). */
function pages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

/** A page's text without its running header and footer, so a sentence across a page break reads whole. */
const body = (page: string) =>
  page
    .split('\n')
    .filter((l) => !/^(Economic Research Office|经济研究室|Page \d+ of \d+|第\d+页，共\d+页|\d{4}-\d\d-\d\d-[a-z]+-(en|zh)-\d{4})$/.test(l.trim()) && !/ · [^ ]+$/.test(l.trim()))
    .join('\n');

/** The share of a page's pixels that are not white, for each page (pdftoppm, grey, 20 dpi). */
function inkPerPage(pdf: string, dir: string): number[] {
  execFileSync('pdftoppm', ['-r', '20', '-gray', pdf, `${dir}/page`]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.pgm'))
    .sort()
    .map((f) => {
      const bytes = readFileSync(`${dir}/${f}`);
      // P5 header: magic, width, height, maxval, each followed by whitespace.
      const header = bytes.subarray(0, 40).toString('latin1').match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/)!;
      const pixels = bytes.subarray(header[0].length);
      let ink = 0;
      for (const p of pixels) if (p < 200) ink++;
      return ink / pixels.length;
    });
}

/** A complete list of 100 cities for `year`: Xi'an and the peers at the places given, the rest from the gazetteer. */
function completeList(year: number, placed: Record<string, number>): string {
  const fixed = new Map(Object.entries(placed).map(([city, rank]) => [rank, city]));
  const others = readFileSync(`${ROOT}/data/reference/cities.csv`, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[1] === 'city' && !Object.keys(placed).includes(c[3]!))
    // Two cities with one English name (Yichun, Yichun) are one city to the warehouse: keep the first.
    .filter((c, i, all) => all.findIndex((d) => d[6] === c[6]) === i)
    .map((c) => c[3]!);
  const lines = ['list,year,rank,city,province,score'];
  let next = 0;
  for (let rank = 1; rank <= 100; rank++) {
    const city = fixed.get(rank) ?? others[next++]!;
    lines.push(`ccid-top100-advanced-manufacturing-cities,${year},${rank},${city},,${(95 - rank * 0.4).toFixed(1)}`);
  }
  return `${lines.join('\n')}\n`;
}

const western = (csv: string) =>
  csv
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .filter((l) => lookupCity(l.split(',')[3]!)?.region === 'west').length;

describe('the edition', () => {
  let ws: Workspace;
  const editions = () => readdirSync(ws.path('out', 'editions')).filter((d) => !d.startsWith('.')).sort((a, b) => a.slice(-4).localeCompare(b.slice(-4)));
  const newest = (lang: string) => ws.path('out', 'editions', editions().filter((e) => e.includes(`-${lang}-`)).at(-1)!, 'edition.pdf');
  before(() => {
    ws = makeWorkspace({ languages: ['zh', 'en'] });
  });
  after(() => ws.cleanup());

  test('the default edition: zh and en, every figure marked and cited, contents pages true, no blank page', async () => {
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-28']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.deepEqual(editions(), ['2026-11-28-xian-zh-0001', '2026-11-28-xian-en-0002']);

    const en = pages(newest('en'));
    const text = squash(en.map(body).join(' '));
    assert.match(text, /ranked 12th\[(\d+)\], 8 places higher than its 20th\[\d+\] in 2018/);
    assert.match(text, /12\[\d+\] cities of western China \(西部\) were on the 2022 Top-100/);
    assert.match(text, /93\.62%\[\d+\] of the annual plan, 18\.62 points ahead of the 75\.0% of the year/);
    assert.match(text, /first half of 2022, value added of industry above designated size grew 11\.0%\[\d+\] year on year/);
    // A marker leads to a note with the source, its file, its hash and the words read.
    const [, n] = text.match(/ranked 12th\[(\d+)\]/)!;
    const notes = squash(en.slice(en.findIndex((p) => p.includes('Sources of the figures'))).join(' '));
    assert.match(notes, /shipped-top100-ranks — The analysis, §3 Achievements/);
    assert.match(notes, /Read from: data\/shipped\/ccid-top100-rankings\.csv/);
    const sha = createHash('sha256').update(readFileSync(ws.path('data', 'shipped', 'ccid-top100-rankings.csv'))).digest('hex');
    assert.ok(notes.replace(/\s+/g, '').includes(`SnapshotSHA-256:${sha}`), 'the note gives the snapshot\'s full hash');
    assert.match(notes, new RegExp(`\\[${n}\\] Words read \\(at character \\d+\\): “ccid-top100-advanced-manufacturing-cities,2022,12,西安,陕西,”`));
    // Every marker in the text has its note.
    const markers = new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    for (const m of markers) assert.match(notes, new RegExp(`\\[${m}\\] Words read`), `note ${m}`);

    // The contents page gives the page each heading landed on.
    for (const pdf of [newest('en'), newest('zh')]) {
      const ps = pages(pdf);
      const tocPage = ps.findIndex((p) => /^(Contents|目录)\s*$/m.test(p));
      assert.equal(tocPage, 1, 'contents on page 2');
      const html = readFileSync(pdf.replace(/edition\.pdf$/, 'edition.html'), 'utf8');
      const entries = [...html.matchAll(/<span class="toc-text">([^<]+)<\/span><span class="toc-dots"><\/span><span class="toc-page">(\d*)<\/span>/g)].map((m) => ({
        heading: m[1]!.replace(/&#x27;/g, "'"),
        page: Number(m[2]),
      }));
      assert.ok(entries.length >= 7, 'contents lists the sections');
      for (const { heading, page } of entries) {
        assert.match(squash(ps[tocPage]!), new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${page}`), 'the printed contents carries the number');
        const landed: number = ps.findIndex((p: string, k: number): boolean => k !== tocPage && p.split('\n').some((l) => l.trim() === heading || (l.trim().length > 8 && heading.startsWith(l.trim())))) + 1;
        assert.equal(page, landed, `"${heading}" is on page ${landed}, contents says ${page}`);
      }
      // No blank page: every page carries more than its running header and footer.
      const dir = ws.path(`ink-${pdf.includes('-zh-') ? 'zh' : 'en'}`);
      execFileSync('mkdir', ['-p', dir]);
      const ink = inkPerPage(pdf, dir);
      ink.forEach((share, i) => assert.ok(share > 0.01, `page ${i + 1} of ${pdf} is blank (${share})`));
    }

    // The Chinese edition writes periods, units and ranks as Chinese does.
    const zh = squashZh(pages(newest('zh')).map(body).join('\n'));
    assert.match(zh, /2022年上半年，规模以上工业增加值同比增长11\.0%\[\d+\]/);
    assert.match(zh, /西安位居第12位\[\d+\]，比2018年的第20位\[\d+\]上升8位/);
    assert.match(zh, /西部（western China）城市有12\[\d+\]个/);
    assert.match(zh, /截至2022年9月底，先进制造业项目完成投资（225个\[\d+\]）完成年度计划的93\.62%\[\d+\]/);
    assert.doesNotMatch(zh, /first half|ranked/);
    assert.doesNotMatch(text, /亿元|个/);
  });

  test('releases and complete lists grow the analysis: latest against a year before and the release before; counts from the list', async () => {
    const list2023 = completeList(2023, { 西安: 10, 成都: 8, 武汉: 6, 郑州: 20, 长沙: 12, 合肥: 15 });
    const list2024 = completeList(2024, { 西安: 9, 成都: 7, 武汉: 5, 郑州: 18, 长沙: 13, 合肥: 11 });
    writeFileSync(ws.path('data', 'list-2023.csv'), list2023);
    writeFileSync(ws.path('data', 'list-2024.csv'), list2024);
    for (const f of ['stats-2024-05', 'stats-2025-04', 'stats-2025-05']) writeFileSync(ws.path('data', `${f}.txt`), readFileSync(`${ROOT}/tests/fixtures/edition/${f}.txt`));
    const sources = [
      '  - { name: list-2023, adapter: table-csv, location: data/list-2023.csv, provenance: "Test list 2023, complete", settings: { table: rankings, complete: true } }',
      '  - { name: list-2024, adapter: table-csv, location: data/list-2024.csv, provenance: "Test list 2024, complete", settings: { table: rankings, complete: true } }',
      '  - { name: stats-2024-05, adapter: release-prose, location: data/stats-2024-05.txt, provenance: "Test release, January-May 2024", published: 2024-06-20 }',
      '  - { name: stats-2025-04, adapter: release-prose, location: data/stats-2025-04.txt, provenance: "Test release, January-April 2025", published: 2025-05-20 }',
      '  - { name: stats-2025-05, adapter: release-prose, location: data/stats-2025-05.txt, provenance: "Test release, January-May 2025", published: 2025-06-19 }',
    ];
    // The sources list ends where the schedule's comment starts.
    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace('\n# What `xian-report schedule` runs', `${sources.join('\n')}\n\n# What \`xian-report schedule\` runs`));

    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-29']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const en = pages(newest('en'));
    const text = squash(en.map(body).join(' '));
    assert.match(
      text,
      /In January–May 2025, fixed-asset investment fell 1\.5%\[\d+\] year on year: a year earlier, in January–May 2024, it had changed −3\.1%\[\d+\]; in the previous release \(January–April 2025\) the figure was −2\.0%\[\d+\]\./,
    );
    assert.match(text, /In January–May 2025, value added of industry above designated size grew 6\.5%\[\d+\] year on year: a year earlier, in January–May 2024, it had changed \+4\.2%\[\d+\]; in the previous release \(January–April 2025\) the figure was \+6\.0%\[\d+\]\./);
    // A release's count of projects (180个) is not read as a figure (see release-prose), so no count here.
    assert.match(text, /By the end of May 2025, investment in advanced-manufacturing and R&D platform projects had reached 45\.2%\[\d+\] of the annual plan, 3\.53 points ahead of the 41\.67% of the year/);
    assert.match(text, /At the previous release \(April 2025\) the share was 36\.0%\[\d+\]/);
    // One sentence per indicator, its latest period only: the 2022 figure of value added is in the table, not in a sentence.
    assert.doesNotMatch(text.slice(text.indexOf('3.2 Industrial growth')), /In the first half of 2022, value added/);
    assert.ok(text.indexOf('In January–May 2025, value added') < text.indexOf('In January–May 2025, fixed-asset'), 'industry before investment');
    // Counts from the complete 2024 list, with the gazetteer's regions.
    assert.match(text, new RegExp(`${western(list2024)}\\[\\d+\\] cities of western China were on the complete 2024 Top-100`));
    assert.match(text, /Xi'an was \d+(st|nd|rd|th)\[\d+\] among them/);
    assert.match(text, /Among the sub-provincial and national central cities on that list, Xi'an was \d+(st|nd|rd|th)\[\d+\] of \d+\[\d+\]/);
    assert.doesNotMatch(text, /12\[\d+\] cities of western China \(西部\) were on the 2022/);
    assert.match(text, /ranked 9th\[\d+\], 11 places higher than its 20th\[\d+\] in 2018/);
    assert.match(text, /Of its peers, Wuhan was 5th\[\d+\], Chengdu was 7th\[\d+\], Hefei was 11th\[\d+\], Changsha was 13th\[\d+\] and Zhengzhou was 18th\[\d+\]\./);

    // The rank chart: Xi'an's line breaks where 2019-2021 have no rank; peers beside it with scores.
    const html = readFileSync(newest('en').replace(/edition\.pdf$/, 'edition.html'), 'utf8');
    const rankSvg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    const xianPath = [...rankSvg.matchAll(/<path[^>]*stroke="#8c1c13"[^>]*d="([^"]+)"|<path[^>]*d="([^"]+)"[^>]*stroke="#8c1c13"/g)].map((m) => m[1] ?? m[2]!);
    assert.ok(xianPath.some((d) => (d.match(/M/g) ?? []).length >= 2), `Xi'an's line is broken at the gap: ${xianPath.join(' ; ')}`);
    assert.match(rankSvg, /Wuhan 5 \(93\) \[\d+\]/);

    // The what-changed page, near the front.
    const changes = en.findIndex((p) => p.includes('What changed since the previous edition') && !p.includes('Contents'));
    assert.equal(changes, 2, 'what changed is the third page, after the cover and the contents');
    // The section runs until the introduction starts.
    const introAt = en.findIndex((p, k) => k > changes && /^1\. Introduction$/m.test(p));
    const page = squash(en.slice(changes, introAt).map(body).join(' '));
    assert.match(page, /Rank on the Top-100 Advanced Manufacturing Cities list: 12th \(2022\) → 9th \(2024\)/);
    assert.match(page, /Figures added .*Fixed-asset investment, January–May 2025, year on year: −1\.5% \(stats-2025-05, /);
    assert.match(page, /Sentences whose wording changed .*On the Top-100 Advanced Manufacturing Cities list of 2022, Xi'an ranked 12th/);

    // The Chinese edition of the grown data.
    const zh = squashZh(pages(newest('zh')).map(body).join('\n'));
    assert.match(zh, /2025年1—5月，固定资产投资同比下降1\.5%\[\d+\]：上年同期（2024年1—5月）的增速为−3\.1%\[\d+\]；上一期（2025年1—4月）为−2\.0%\[\d+\]。/);
    assert.match(zh, /321\.5亿元\[\d+\]/);
    assert.match(zh, /武汉第5位\[\d+\]/);
    assert.match(zh, /与上一版相比的变化/);
  });

  test('a revised figure shows old → new with both sources, on the page and in the mail body', async () => {
    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace(/^  languages: .*$/m, '  languages: [en]'));
    writeFileSync(ws.path('data', 'stats-2025-05.txt'), readFileSync(ws.path('data', 'stats-2025-05.txt'), 'utf8').replace('下降1.5%', '下降1.2%'));
    const res = await runCli(['run', '--config', ws.config, '--edition-date', '2026-11-30']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const en = pages(newest('en'));
    const page = squash(en.find((p) => p.includes('What changed since the previous edition') && !p.includes('Contents'))!);
    // The table of revisions: the figure, the old value and its source, the new value and its source.
    assert.match(page, /Figures revised/);
    assert.match(page, /Fixed-asset investment,.*January–May 2025, year on year/);
    assert.match(page, /−1\.5% → stats-2025-05, \d{4}-\d\d-\d\d, sha256 [0-9a-f]{12} −1\.2% stats-2025-05, \d{4}-\d\d-\d\d, sha256 [0-9a-f]{12}/);
    const shas = [...page.matchAll(/stats-2025-05, [\d-]+, sha256 ([0-9a-f]{12})/g)].map((m) => m[1]);
    assert.equal(new Set(shas).size, 2, 'the old and the new snapshot are both named');
    assert.match(page, /was: In January–May 2025, fixed-asset investment fell 1\.5% .* now: In January–May 2025, fixed-asset investment fell 1\.2%/);
    assert.match(squash(en.map(body).join(' ')), /fixed-asset investment fell 1\.2%\[\d+\] year on year/);
  });

  test('--city prints another city from the same templates; a city without data gets a clear message', async () => {
    const res = await runCli(['build', '--config', ws.config, '--city', '成都', '--edition-date', '2026-11-30']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    const key = editions().at(-1)!;
    assert.match(key, /-chengdu-en-/);
    const text = squash(pages(ws.path('out', 'editions', key, 'edition.pdf')).map(body).join(' '));
    assert.match(text, /High-quality development of Chengdu's advanced manufacturing/);
    assert.match(text, /On the Top-100 Advanced Manufacturing Cities list of 2024, Chengdu ranked 7th\[\d+\], 1 place higher than its 8th\[\d+\] in 2023/);
    assert.match(text, /Of its peers, Wuhan was 5th/);

    const none = await runCli(['build', '--config', ws.config, '--city', 'Lhasa']);
    assert.equal(none.code, 1, none.stderr + none.stdout);
    assert.match(none.stderr + none.stdout, /no data for Lhasa in the warehouse/);
    const unknown = await runCli(['build', '--config', ws.config, '--city', 'Atlantis']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr + unknown.stdout, /--city: "Atlantis" is not a city in the gazetteer/);
  });
});
