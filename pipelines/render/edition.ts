// Builds one edition: indicator models → sentences, chart and tables → HTML → PDF, written
// to out/editions/<key>/ and copied to out/latest.pdf, and recorded in the warehouse.
// The warehouse row is the commit point: the PDF is printed in a scratch folder, put in place
// inside the transaction that inserts the row, and out/latest.* follow only once it committed
// (out-dir.ts brings out/ back in line after a crash).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { PrintError } from '../errors.ts';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import type { Config } from '../config.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { rankTrajectorySvg } from './chart.ts';
import { readEditionData, type EditionData } from './edition-data.ts';
import { renderHtml, templateFiles } from './html.ts';
import { indicatorName, listName } from './labels.ts';
import { monthYear, narrate, pct, periodPhrase } from './narrative.ts';
import { writeLatest } from './out-dir.ts';
import { launchBrowser, printPdf } from './pdf.ts';

export const CJK_FONT = 'WenQuanYi Micro Hei';

export interface EditionResult {
  id: number;
  key: string;
  pdfPath: string;
  htmlPath: string;
  latestPath: string;
  pdfBytes: number;
  fingerprint: string;
}

export interface BuildOptions {
  /** YYYY-MM-DD; today in the config's timezone when not given. */
  editionDate: string;
  runId: number | null;
  /** What readEditionData and fingerprintOf return, when the caller has read them already. */
  data?: EditionData;
  fingerprint?: string;
  /** More to commit with the edition's row (its summary, its deliveries), in the same transaction. */
  withinCommit?: (edition: { id: number; key: string }) => Promise<void>;
}

/** "September 2022 (statistics); 2022 list (rankings)". */
function cutoffPhrase(c: EditionData['cutoff']): string {
  const parts = [
    c?.stats_year != null && c.stats_month != null ? `${monthYear(c.stats_year, c.stats_month)} (statistics)` : null,
    c?.ranking_year != null ? `${c.ranking_year} list (rankings)` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no data loaded';
}

/** What the edition shows, as plain data (no Date objects), for the template. */
export async function viewOf(cfg: Config, data: EditionData, editionKey: string, editionDate: string) {
  const narrative = narrate(data, cfg.edition.language);
  const list = listName(data.list);
  const fmt = (v: number | null) => (v == null ? '—' : pct(v));
  const indicatorRows = data.growth.map((g) => {
    const name = indicatorName(g.indicator);
    const pace = data.planPace.find((p) => p.indicator === g.indicator && p.period_year === g.period_year && p.month_to === g.month_to);
    const also = [
      g.item_count != null ? `${g.item_count} ${g.item_unit ?? ''}`.trim() : null,
      g.level != null ? `${g.level} ${g.level_unit ?? ''}`.trim() : null,
      g.peer_rank != null ? `No. ${g.peer_rank} among ${g.peer_group}` : null,
      g.rank_over_years != null ? `No. ${g.rank_over_years} of ${g.years_group}` : null,
    ].filter(Boolean);
    return {
      // Names sit inside sentences in the vocabulary; a table cell starts with a capital.
      name: name.en.charAt(0).toUpperCase() + name.en.slice(1),
      nameZh: name.zh,
      period: periodPhrase(g.period_year, g.month_from, g.month_to).replace(/^the /, ''),
      yoy: fmt(g.yoy_pct),
      plan: fmt(g.plan_share_pct),
      elapsed: pace ? fmt(pace.year_elapsed_pct) : '—',
      also: also.join('; '),
    };
  });
  const clusters = [...new Set(data.firms.filter((f) => f.role === 'cluster_leader').map((f) => f.cluster ?? ''))].map((name) => {
    const firms = data.firms.filter((f) => f.role === 'cluster_leader' && (f.cluster ?? '') === name);
    return { name, nameZh: firms[0]?.cluster_zh ?? '', firms: firms.map((f) => ({ firm: f.firm, firmZh: f.firm_zh })) };
  });
  const rankChart = await rankTrajectorySvg(
    data.trajectory.map((r) => ({ year: r.year, rank: r.rank })),
    { title: `${data.city}: rank on the ${list.en} list`, yTitle: 'Rank', notAvailable: 'n/a' },
    `DejaVu Sans, ${CJK_FONT}, sans-serif`,
  );
  return {
    title: cfg.edition.title,
    publisher: cfg.edition.publisher,
    editionKey,
    editionDate,
    dataCutoff: cutoffPhrase(data.cutoff),
    city: data.city,
    cityZh: data.cityZh ?? '',
    listEn: list.en,
    listZh: list.zh,
    listPublisher: list.publisher,
    latestRank: narrative.latestRank,
    narrative,
    rankChart: data.trajectory.length ? rankChart : '<p>No rank is available in the data.</p>',
    indicatorRows,
    clusters,
    peerGiants: data.firms.filter((f) => f.role === 'peer_giant').map((f) => ({ firm: f.firm, firmZh: f.firm_zh, city: f.city, cityZh: f.city_zh })),
    sources: data.sources.map((s) => ({
      ...s,
      location: /^https?:/.test(s.location) ? s.location : relative(cfg.baseDir, s.location) || s.location,
    })),
  };
}

/**
 * A hash of what the edition reads (its data, the snapshots and the adapter versions that
 * parsed them, its templates), not of when it was built.
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

export async function buildEdition(wh: Warehouse, cfg: Config, opts: BuildOptions): Promise<EditionResult> {
  const { city, language, rankingList } = cfg.edition;
  const data = opts.data ?? (await readEditionData(wh, city, rankingList));
  const fingerprint = opts.fingerprint ?? (await fingerprintOf(data, language));
  const [{ n }] = await wh.allFile<{ n: number }>('statements/next_edition_number');
  const [latest] = await wh.allFile<{ id: number; edition_key: string }>('queries/last_edition');
  const slug = city.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const key = `${opts.editionDate}-${slug}-${language}-${String(n).padStart(4, '0')}`;
  const view = await viewOf(cfg, data, key, opts.editionDate);
  const html = renderHtml(view, language);

  // Print in a scratch folder named for our pid (swept at the next start if we are killed).
  const editionsDir = join(cfg.outDir, 'editions');
  const finalDir = join(editionsDir, key);
  const workDir = join(editionsDir, `.${key}.${process.pid}.tmp`);
  const pdfPath = join(finalDir, 'edition.pdf');
  const htmlPath = join(finalDir, 'edition.html');
  await mkdir(workDir, { recursive: true });
  let pdfBytes: number;
  try {
    await writeFile(join(workDir, 'edition.html'), html);
    try {
      const browser = await launchBrowser(cfg.chromium.executablePath);
      try {
        pdfBytes = await printPdf(browser, html, join(workDir, 'edition.pdf'), {
          footerLabel: Handlebars.escapeExpression(`${cfg.edition.title} · ${opts.editionDate}`),
          timeoutMs: cfg.chromium.timeoutMs,
        });
      } catch (err) {
        // Whatever puppeteer's words, a browser gone while printing is a crash.
        const proc = browser.process();
        if (!browser.connected || proc?.exitCode != null || proc?.signalCode != null) Object.assign(err as object, { chromiumGone: true });
        throw err;
      } finally {
        await browser.close().catch(() => undefined);
      }
    } catch (err) {
      if (err instanceof Error && err.name === 'ChromiumNotFoundError') throw err;
      const { what, detail } = describePrintFailure(err as Error, cfg.chromium.timeoutMs);
      throw new PrintError(what, detail, latest ? { id: latest.id, key: latest.edition_key } : null);
    }
    // The row, what the caller adds, and the folder put in place: all of it, or none.
    await wh.transaction(async () => {
      await wh.execFile('statements/insert_edition', {
        id: n,
        edition_key: key,
        city,
        language,
        edition_date: opts.editionDate,
        data_cutoff: view.dataCutoff,
        fingerprint,
        pdf_path: pdfPath,
        html_path: htmlPath,
        pdf_bytes: pdfBytes,
        run_id: opts.runId,
      });
      await opts.withinCommit?.({ id: n, key });
      await rm(finalDir, { recursive: true, force: true });
      await rename(workDir, finalDir);
    });
  } catch (err) {
    await rm(workDir, { recursive: true, force: true });
    throw err;
  }
  const latestPath = await writeLatest(cfg.outDir, key, pdfPath);
  return { id: n, key, pdfPath, htmlPath, latestPath, pdfBytes, fingerprint };
}
