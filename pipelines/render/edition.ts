// Builds one edition in one language: indicator models → the analysis (sentences, charts,
// tables, every figure cited) → HTML → PDF, whose contents page gives the page each heading
// landed on (printed once when the last edition's pages still hold, twice otherwise). The warehouse row is the commit point: the PDF is printed in a
// scratch folder, put in place inside the transaction that inserts the row, and out/latest.*
// follow only once it committed (out-dir.ts brings out/ back in line after a crash).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { PrintError } from '../errors.ts';
import { join, relative } from 'node:path';
import type { Config } from '../config.ts';
import { compare, isComparable, isEmpty, sourceLine, summarize, type EditionSummary } from '../deliver/changes.ts';
import { citySlug, editionCity } from '../geo/edition-city.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { rankChartSvg, seriesChartSvg } from './chart.ts';
import { Citations } from './citations.ts';
import { readEditionData, type EditionData } from './edition-data.ts';
import { cityNamed, dateText, joinList, listText, monthText, nameBoth, nameIn, type Language } from './format.ts';
import { templateFiles } from './templates-dir.ts';
import { recall, remember } from '../kept.ts';
import { esc, t } from './messages.ts';
import { analyse } from './narrative.ts';
import { writeLatest } from './out-dir.ts';
import { pagesOfAnchors, samePages } from './page-numbers.ts';
import { SharedBrowser } from './pdf.ts';

/** The CJK font the edition prints with, chosen by measurement (README, "Speed"). */
export const CJK_FONT = 'WenQuanYi Micro Hei';

export interface EditionResult {
  id: number;
  key: string;
  language: Language;
  pdfPath: string;
  htmlPath: string;
  latestPath: string;
  pdfBytes: number;
  fingerprint: string;
  /** What the next edition is compared with. */
  summary: EditionSummary;
  /** How many times it was printed: 1 when the contents page's numbers held, 2 otherwise. */
  prints: number;
  /** The page each heading landed on. */
  pages: Record<string, number>;
}

export interface BuildOptions {
  /** YYYY-MM-DD; today in the config's timezone when not given. */
  editionDate: string;
  runId: number | null;
  language: Language;
  /** What readEditionData and fingerprintOf return, when the caller has read them already. */
  data?: EditionData;
  fingerprint?: string;
  /** The previous edition of this city in this language, if any: its summary, and its PDF's pages. */
  previous?: { id: number; edition_key?: string; edition_date?: string; summary: string | null } | null;
  /** The number the edition takes; default the next after the last committed (given when several print at once). */
  number?: number;
  /** The run's browser; default a browser of its own, closed after the print. */
  browser?: SharedBrowser;
  /** Pages to try on the contents page when the previous edition gives none (e.g. another city's, same language). */
  pagesHint?: Record<string, number>;
  /** The last committed edition (named if the print fails); read from the warehouse when not given. */
  lastEdition?: { id: number; edition_key: string } | null;
  /** More to commit with the edition's row (its summary, its deliveries), in the same transaction. */
  withinCommit?: (edition: { id: number; key: string; summary: EditionSummary }) => Promise<void>;
}

/** "September 2022 (statistics); 2022 list (rankings)". */
function cutoffPhrase(lang: Language, c: EditionData['cutoff']): string {
  const sep = lang === 'zh' ? '；' : '; ';
  const parts = [
    c?.stats_year != null && c.stats_month != null ? t(lang, 'cutoff.statistics', { month: monthText(lang, c.stats_year, c.stats_month) }) : null,
    c?.ranking_year != null ? t(lang, 'cutoff.rankings', { year: c.ranking_year }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(sep) : t(lang, 'cutoff.none');
}

const TOC = [
  { id: 'changes', key: 'changes.heading' },
  { id: 'intro', key: 'intro.heading' },
  { id: 'meaning', key: 'meaning.heading' },
  { id: 'achievements', key: 'achievements.heading' },
  { id: 'problems', key: 'problems.heading' },
  { id: 'paths', key: 'paths.heading' },
  { id: 'conclusion', key: 'conclusion.heading' },
  { id: 'notes', key: 'notes.heading' },
];

/** The edition's title: the config's, or the messages' for the city. */
export function titleOf(edition: Pick<Config['edition'], 'title'>, lang: Language, city: string): string {
  const named = cityNamed(city);
  return (lang === 'en' && edition.title) || t(lang, 'title', { city: nameIn(lang, named) });
}

/** What the edition shows, as plain data for the template, and the summary of what it states. */
export async function viewOf(
  cfg: Config,
  data: EditionData,
  lang: Language,
  editionKey: string,
  editionDate: string,
  previous: BuildOptions['previous'] = null,
) {
  const other: Language = lang === 'zh' ? 'en' : 'zh';
  const city = cityNamed(data.city, data.cityZh);
  const cite = new Citations(data.sources);
  const analysis = analyse(data, lang, cite);
  const sentences = [...analysis.rank, ...analysis.standing, ...analysis.growth, ...analysis.plan];
  const summary = summarize(data, lang, sentences);
  const font = `DejaVu Sans, ${CJK_FONT}, sans-serif`;
  const chartTitle = (key: string, vars: Record<string, string> = {}) => t(lang, `achievements.${key}`, vars);
  const rankChart = analysis.rankPoints.some((p) => p.y != null)
    ? await rankChartSvg(analysis.rankPoints, analysis.mainSeries, { title: chartTitle('rankChartTitle', { list: listText(lang, data.list) }), yTitle: chartTitle('rankAxis') }, font)
    : null;
  const growthChart = analysis.growthPoints.length ? await seriesChartSvg(analysis.growthPoints, { title: chartTitle('growthChartTitle'), yTitle: '%' }, font) : null;
  const planChart = analysis.planPoints.length
    ? await seriesChartSvg(analysis.planPoints, { title: chartTitle('planChartTitle'), yTitle: '%' }, font, t(lang, 'achievements.calendarSeries'))
    : null;

  // What changed since the previous edition of this city in this language.
  let changes = null;
  const prevSummary = previous?.summary ? (JSON.parse(previous.summary) as unknown) : null;
  if (previous && isComparable(prevSummary)) {
    const c = compare(prevSummary, summary);
    changes = {
      intro: t(lang, 'changes.intro', { previous: previous.id, date: previous.edition_date ? dateText(lang, String(previous.edition_date).slice(0, 10)) : '' }),
      empty: isEmpty(c),
      ranks: c.ranks,
      revised: c.revised.map((r) => ({ ...r, oldSource: sourceLine(r.old.source), newSource: sourceLine(r.new.source) })),
      added: c.added.map((f) => ({ ...f, sourceText: sourceLine(f.source) })),
      removed: c.removed,
      sentences: c.sentences,
    };
  }

  const sep = lang === 'zh' ? '、' : '; ';
  const clusters = [...new Set(data.firms.filter((f) => f.role === 'cluster_leader').map((f) => f.cluster ?? ''))].map((name) => {
    const firms = data.firms.filter((f) => f.role === 'cluster_leader' && (f.cluster ?? '') === name);
    return {
      name: nameBoth(lang, { name, nameZh: firms[0]?.cluster_zh ?? null }),
      firms: firms.map((f) => nameBoth(lang, { name: f.firm, nameZh: f.firm_zh })),
    };
  });
  const giants = data.firms.filter((f) => f.role === 'peer_giant');
  const giantsHtml = giants.length
    ? t(lang, 'problems.giantsLead') +
      joinList(
        lang,
        giants.map((g) => t(lang, 'problems.giantIn', { firm: esc(nameBoth(lang, { name: g.firm, nameZh: g.firm_zh })), city: esc(nameIn(lang, cityNamed(g.city, g.city_zh))) })),
      )
    : '';
  const listName = listText(lang, data.list);
  const latestRank = analysis.latestRank;
  const { SafeString } = (await import('handlebars')).default;
  const notes = cite.notes().map((n) => ({
    ...n,
    location: /^https?:/.test(n.source.location) ? n.source.location : relative(cfg.baseDir, n.source.location) || n.source.location,
    read: new Date(n.source.fetched_at).toISOString().slice(0, 10),
    offset: n.offset != null ? t(lang, 'notes.offset', { offset: n.offset }) : null,
  }));
  // Notes of one snapshot sit under one heading naming it, in the order they were first cited.
  const noteGroups: { source: (typeof notes)[number]['source']; location: string; read: string; notes: typeof notes }[] = [];
  for (const n of notes) {
    const group = noteGroups.find((g) => g.source.snapshot_id === n.source.snapshot_id);
    if (group) group.notes.push(n);
    else noteGroups.push({ source: n.source, location: n.location, read: n.read, notes: [n] });
  }
  const title = titleOf(cfg.edition, lang, data.cityCode);
  const view = {
    htmlLang: lang === 'zh' ? 'zh-CN' : 'en',
    otherLang: other === 'zh' ? 'zh-CN' : 'en',
    cjkFont: CJK_FONT,
    title,
    titleOther: t(other, 'title', { city: nameIn(other, city) }),
    publisher: cfg.edition.publisher ?? t(lang, 'publisher'),
    editionKey,
    editionDate,
    editionDateText: dateText(lang, editionDate),
    dataCutoff: cutoffPhrase(lang, data.cutoff),
    city: data.city,
    cityName: nameIn(lang, city),
    cityBoth: nameBoth(lang, city),
    listName,
    latestRank: latestRank ? { ...latestRank, html: new SafeString(latestRank.html) } : null,
    rankClause: new SafeString(latestRank ? t(lang, 'conclusion.rankClause', { rank: latestRank.html, year: latestRank.year }) : ''),
    giants: new SafeString(giantsHtml),
    analysis,
    rankChart,
    growthChart,
    planChart,
    clusters,
    listSep: sep,
    changes,
    changesHeading: t(lang, 'changes.heading'),
    notes,
    noteGroups,
    toc: TOC.filter((e) => e.id !== 'changes' || changes).map((e) => ({ id: e.id, text: t(lang, e.key).replace(/<[^>]+>/g, ''), page: '' as string | number })),
  };
  return { view, summary };
}

/**
 * A hash of what the edition reads (its data, its language, the snapshots and the adapter
 * versions that parsed them, its templates), not of when it was built.
 */
export async function fingerprintOf(data: EditionData, language: string): Promise<string> {
  const hash = createHash('sha256');
  const { sources, ...figures } = data;
  // Version 1 adds nothing, so fingerprints made before adapters had versions still match.
  const read = sources.map((s) => ((s.adapter_version ?? 1) > 1 ? `${s.sha256} ${s.adapter}@${s.adapter_version}` : s.sha256));
  hash.update(JSON.stringify({ figures, language, sources: read }));
  for (const file of templateFiles()) hash.update(file).update(await readFile(file));
  return hash.digest('hex');
}

/** Chromium's failures in plain words: what failed, then the original message. */
function describePrintFailure(err: Error, timeoutMs: number): { what: string; detail: string } {
  const msg = err.message ?? String(err);
  const firstLine = (t: string) => t.split('\n').map((l) => l.trim()).find(Boolean) ?? t;
  if (err.name === 'TimeoutError') return { what: `Chromium did not finish within chromium.timeoutMs (${timeoutMs} ms)`, detail: firstLine(msg) };
  if (err.name === 'ChromiumStartError') return { what: 'Chromium could not start', detail: msg };
  if ((err as { chromiumGone?: boolean }).chromiumGone || /Target closed|Session closed|Connection closed|Protocol error|detached|crash|disconnected|too early/i.test(msg)) {
    return { what: 'Chromium closed or crashed while printing', detail: firstLine(msg) };
  }
  return { what: 'Chromium could not print the page', detail: firstLine(msg) };
}

/** The running header and footer, in the edition's language (no script: Chromium fills the numbers). */
function headerFooter(lang: Language, title: string, city: string, key: string) {
  const style = `width:100%;font-size:7.5px;color:#777;padding:0 18mm;display:flex;justify-content:space-between;font-family:'DejaVu Sans','${CJK_FONT}',sans-serif;`;
  const pageOf = t(lang, 'pageOf', { page: '<span class="pageNumber"></span>', pages: '<span class="totalPages"></span>' });
  return {
    headerHtml: `<div style="${style}"><span>${esc(t(lang, 'runningHeader', { title, city }))}</span><span>${esc(key)}</span></div>`,
    footerHtml: `<div style="${style}"><span>${esc(t(lang, 'publisher'))}</span><span>${pageOf}</span></div>`,
  };
}

/** An edition printed in its scratch folder, not yet committed: commitEdition or discardEdition. */
export interface PrintedEdition {
  n: number;
  key: string;
  language: Language;
  /** The city's English name (a label) and its division code (the key). */
  city: string;
  cityCode: string;
  fingerprint: string;
  dataCutoff: string;
  summary: EditionSummary;
  workDir: string;
  finalDir: string;
  pdfPath: string;
  htmlPath: string;
  pdfBytes: number;
  /** 1 when the contents page's numbers held from the first print, 2 when it was printed again. */
  prints: number;
  /** The page each heading landed on. */
  pages: Record<string, number>;
}

/** The pages of the previous edition's headings, read from its PDF (like LaTeX's .aux): a guess, checked after the print. */
async function previousPages(cfg: Config, previous: BuildOptions['previous'], ids: string[]): Promise<Record<string, number> | null> {
  if (!previous?.edition_key) return null;
  const pdf = join(cfg.outDir, 'editions', previous.edition_key, 'edition.pdf');
  if (!existsSync(pdf)) return null;
  return readFile(pdf)
    .then((bytes) => pagesOfAnchors(pdf, ids, bytes))
    .catch(() => null);
}

/**
 * Makes the edition's HTML and prints it in a scratch folder. The contents page is filled with
 * a guess (the pages of the previous edition of this city and language, else opts.pagesHint, else
 * the layout last printed for this city, language and headings on this machine),
 * and the print is checked against the PDF's named destinations: when every heading is where the contents page says, one
 * print was enough; otherwise (the first edition, a layout that changed) the pages just read are
 * filled in and it is printed again. Page numbers sit in fixed boxes, so the second print is right.
 */
export async function printEdition(wh: Warehouse, cfg: Config, opts: BuildOptions): Promise<PrintedEdition> {
  const { city, rankingList } = cfg.edition;
  const language = opts.language;
  const data = opts.data ?? (await readEditionData(wh, city, rankingList, cfg.edition.peers));
  const fingerprint = opts.fingerprint ?? (await fingerprintOf(data, language));
  const n = opts.number ?? (await wh.allFile<{ n: number }>('statements/next_edition_number'))[0]!.n;
  const latest = opts.lastEdition !== undefined ? opts.lastEdition : (await wh.allFile<{ id: number; edition_key: string }>('queries/last_edition'))[0];
  const slug = citySlug(editionCity(data.cityCode, 'edition.city'));
  const key = `${opts.editionDate}-${slug}-${language}-${String(n).padStart(4, '0')}`;
  const { view, summary } = await viewOf(cfg, data, language, key, opts.editionDate, opts.previous);
  const ids = view.toc.map((e) => e.id);
  // The last layout of this city's edition in this language and with these headings, in any
  // warehouse of this machine: the guess for a first edition here (a rebuilt warehouse, another config).
  const layoutKey = `pages ${data.cityCode} ${language} ${ids.join(' ')}`;
  const guess = (await previousPages(cfg, opts.previous, ids)) ?? opts.pagesHint ?? recall<Record<string, number>>(layoutKey) ?? {};
  // Handlebars is loaded only when an edition is printed: a tick that finds no change needs none.
  const { renderHtml } = await import('./html.ts');
  const withPages = (pages: Record<string, number>) => renderHtml({ ...view, toc: view.toc.map((e) => ({ ...e, page: pages[e.id] ?? '' })) }, language);

  // Print in a scratch folder named for our pid (swept at the next start if we are killed).
  const editionsDir = join(cfg.outDir, 'editions');
  const finalDir = join(editionsDir, key);
  const workDir = join(editionsDir, `.${key}.${process.pid}.tmp`);
  const pdfPath = join(finalDir, 'edition.pdf');
  const htmlPath = join(finalDir, 'edition.html');
  await mkdir(workDir, { recursive: true });
  const own = opts.browser ? null : new SharedBrowser(cfg.chromium.executablePath);
  const shared = opts.browser ?? own!;
  try {
    const print = { ...headerFooter(language, view.title, view.cityName, key), timeoutMs: cfg.chromium.timeoutMs };
    let pdfBytes: number;
    let prints = 1;
    let pages: Record<string, number>;
    try {
      const browser = await shared.get();
      try {
        const workPdf = join(workDir, 'edition.pdf');
        let html = withPages(guess);
        let pdf = await shared.print(browser, html, workPdf, print);
        pages = await pagesOfAnchors(workPdf, ids, pdf);
        if (!samePages(guess, pages, ids)) {
          prints = 2;
          html = withPages(pages);
          pdf = await shared.print(browser, html, workPdf, print);
        }
        pdfBytes = pdf.byteLength;
        remember(layoutKey, pages);
        await writeFile(join(workDir, 'edition.html'), html);
      } catch (err) {
        // Whatever puppeteer's words, a browser gone while printing is a crash.
        const proc = browser.process();
        if (!browser.connected || proc?.exitCode != null || proc?.signalCode != null) Object.assign(err as object, { chromiumGone: true });
        throw err;
      }
    } catch (err) {
      if (err instanceof Error && err.name === 'ChromiumNotFoundError') throw err;
      const { what, detail } = describePrintFailure(err as Error, cfg.chromium.timeoutMs);
      throw new PrintError(what, detail, latest ? { id: latest.id, key: latest.edition_key } : null);
    } finally {
      await own?.close();
    }
    return { n, key, language, city: data.city, cityCode: data.cityCode, fingerprint, dataCutoff: view.dataCutoff, summary, workDir, finalDir, pdfPath, htmlPath, pdfBytes, prints, pages };
  } catch (err) {
    await rm(workDir, { recursive: true, force: true });
    throw err;
  }
}

/** Removes a printed edition that will not be committed. */
export async function discardEdition(printed: PrintedEdition): Promise<void> {
  await rm(printed.workDir, { recursive: true, force: true });
}

/**
 * Commits a printed edition: its row, what the caller adds, and its folder put in place, all or
 * none; then out/latest.* name it. Editions are committed in the order of their numbers.
 */
export async function commitEdition(
  wh: Warehouse,
  cfg: Config,
  printed: PrintedEdition,
  opts: Pick<BuildOptions, 'editionDate' | 'runId' | 'withinCommit'>,
): Promise<EditionResult> {
  const { n, key, language, city, cityCode, fingerprint, summary, workDir, finalDir, pdfPath, htmlPath, pdfBytes } = printed;
  try {
    await wh.transaction(async () => {
      await wh.execFile('statements/insert_edition', {
        id: n,
        edition_key: key,
        city,
        city_code: cityCode,
        language,
        edition_date: opts.editionDate,
        data_cutoff: printed.dataCutoff,
        fingerprint,
        pdf_path: pdfPath,
        html_path: htmlPath,
        pdf_bytes: pdfBytes,
        run_id: opts.runId,
        summary: JSON.stringify(summary),
      });
      await opts.withinCommit?.({ id: n, key, summary });
      await rm(finalDir, { recursive: true, force: true });
      await rename(workDir, finalDir);
    });
  } catch (err) {
    await discardEdition(printed);
    throw err;
  }
  const latestPath = await writeLatest(cfg.outDir, key, pdfPath);
  return { id: n, key, language, pdfPath, htmlPath, latestPath, pdfBytes, fingerprint, summary, prints: printed.prints, pages: printed.pages };
}

/** Prints one edition and commits it (printEdition, then commitEdition). */
export async function buildEdition(wh: Warehouse, cfg: Config, opts: BuildOptions): Promise<EditionResult> {
  return commitEdition(wh, cfg, await printEdition(wh, cfg, opts), opts);
}
