// The mail of one edition to one subscriber: subject, plain text and HTML saying what changed,
// and the PDF attached.
import type { SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';
import type { EditionSummary } from './changes.ts';
import { describeChanges } from './changes.ts';

export interface MailEdition {
  id: number;
  edition_key: string;
  edition_date: string;
  data_cutoff: string;
  pdf_path: string;
  summary: string | null;
  previous_id: number | null;
  previous_summary: string | null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The lines saying what changed since the previous edition. */
export function changesOf(e: MailEdition): { heading: string; lines: string[] } {
  const next = e.summary ? (JSON.parse(e.summary) as EditionSummary) : null;
  const prev = e.previous_summary ? (JSON.parse(e.previous_summary) as EditionSummary) : null;
  if (!next) return { heading: 'What changed', lines: ['(no summary of the figures was recorded for this edition)'] };
  if (e.previous_id == null) return { heading: 'What is in it', lines: describeChanges(null, next) };
  if (!prev) return { heading: `What changed since edition ${e.previous_id}`, lines: ['(the previous edition has no summary of its figures to compare with)'] };
  return { heading: `What changed since edition ${e.previous_id}`, lines: describeChanges(prev, next) };
}

/** The mail of edition e to one address; `edition` is the config's edition section (title, publisher). */
export function composeMessage(edition: Pick<Config['edition'], 'title' | 'publisher'>, e: MailEdition, pdf: Buffer, to: string, messageId: string, from: string): SendMailOptions {
  const title = edition.title;
  const { heading, lines } = changesOf(e);
  const intro = `Edition ${e.id} of "${title}", dated ${e.edition_date} (data up to ${e.data_cutoff}), is attached as a PDF.`;
  const footer = `${edition.publisher}. You receive this because ${to} is on the subscriber list of xian-report.`;
  const text = [intro, '', `${heading}:`, ...lines.map((l) => `- ${l}`), '', footer, ''].join('\n');
  const html =
    `<!doctype html><html><body style="font-family: sans-serif">` +
    `<p>${escapeHtml(intro)}</p><p><strong>${escapeHtml(heading)}:</strong></p>` +
    `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    `<p style="color:#666;font-size:small">${escapeHtml(footer)}</p></body></html>`;
  return {
    from,
    to,
    subject: `${title}: edition ${e.id} (${e.edition_date})`,
    messageId,
    text,
    html,
    attachments: [{ filename: `${e.edition_key}.pdf`, content: pdf, contentType: 'application/pdf' }],
  };
}
