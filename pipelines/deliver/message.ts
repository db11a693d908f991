// The mail of one edition to one subscriber: subject, plain text and HTML saying what changed,
// and the PDF attached.
import type { SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';
import type { EditionSummary } from './changes.ts';
import { describeChanges, isComparable } from './changes.ts';
import { titleOf } from '../render/edition.ts';
import type { Language } from '../render/format.ts';
import { t } from '../render/messages.ts';
import { readSummaries } from '../warehouse/edition-summaries.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

export interface MailEdition {
  id: number;
  edition_key: string;
  edition_date: string;
  data_cutoff: string;
  pdf_path: string;
  /** The edition's language and city: the mail is written in the language. */
  language?: string | null;
  city?: string | null;
  /** The city's division code (null for an edition printed before codes whose city was ambiguous). */
  city_code?: string | null;
  summary: string | null;
  previous_id: number | null;
  previous_summary: string | null;
}

/** An edition as its mail tells of it: queries/edition_for_mail.sql, and the two summaries. */
export async function readMailEdition(wh: Warehouse, id: number): Promise<MailEdition | undefined> {
  const [row] = await wh.allFile<Omit<MailEdition, 'summary' | 'previous_summary'>>('queries/edition_for_mail', { id });
  if (!row) return undefined;
  const summaries = await readSummaries(wh, [row.id, row.previous_id]);
  return { ...row, summary: summaries.get(row.id) ?? null, previous_summary: row.previous_id == null ? null : (summaries.get(row.previous_id) ?? null) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const languageOf = (e: MailEdition): Language => (e.language === 'zh' ? 'zh' : 'en');

/** The lines saying what changed since the previous edition (the same computation as the edition's page). */
export function changesOf(e: MailEdition): { heading: string; lines: string[] } {
  const lang = languageOf(e);
  const next = e.summary ? (JSON.parse(e.summary) as unknown) : null;
  const prev = e.previous_summary ? (JSON.parse(e.previous_summary) as unknown) : null;
  if (!isComparable(next)) return { heading: t(lang, e.previous_id == null ? 'mail.whatIsIn' : 'mail.whatChanged', { previous: e.previous_id ?? '' }), lines: [t(lang, e.previous_id == null ? 'changes.first' : 'mail.noSummary')] };
  if (e.previous_id == null) return { heading: t(lang, 'mail.whatIsIn'), lines: describeChanges(null, next) };
  const heading = t(lang, 'mail.whatChanged', { previous: e.previous_id });
  if (!isComparable(prev)) return { heading, lines: [t(lang, 'mail.noPrevious')] };
  return { heading, lines: describeChanges(prev, next) };
}

/** The mail of edition e to one address; `edition` is the config's edition section (title, publisher, city). */
export function composeMessage(
  edition: Pick<Config['edition'], 'title' | 'publisher' | 'city'>,
  e: MailEdition,
  pdf: Buffer,
  to: string,
  messageId: string,
  from: string,
): SendMailOptions {
  const lang = languageOf(e);
  const title = titleOf(edition, lang, e.city_code ?? e.city ?? edition.city);
  const { heading, lines } = changesOf(e);
  const colon = lang === 'zh' ? '：' : ':';
  const intro = t(lang, 'mail.intro', { id: e.id, title, date: e.edition_date, cutoff: e.data_cutoff });
  const footer = t(lang, 'mail.footer', { publisher: edition.publisher ?? t(lang, 'publisher'), to });
  const text = [intro, '', `${heading}${colon}`, ...lines.map((l) => `- ${l}`), '', footer, ''].join('\n');
  const html =
    `<!doctype html><html><body style="font-family: sans-serif">` +
    `<p>${escapeHtml(intro)}</p><p><strong>${escapeHtml(heading)}${colon}</strong></p>` +
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    `<p style="color:#666;font-size:small">${escapeHtml(footer)}</p></body></html>`;
  return {
    from,
    to,
    subject: t(lang, 'mail.subject', { title, id: e.id, date: e.edition_date }),
    messageId,
    text,
    html,
    attachments: [{ filename: `${e.edition_key}.pdf`, content: pdf, contentType: 'application/pdf' }],
  };
}
