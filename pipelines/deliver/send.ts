// Sends the deliveries that are due, each at most once: a delivery is marked "sending" (and
// committed) before the server is asked, and "sent" with the server's reply after. A server
// that is down or drops the connection leaves it pending with a backoff; a server that refuses
// the recipient for good fails it; neither touches the other recipients' deliveries.
import { readFile, stat } from 'node:fs/promises';
import type { ConsolaInstance } from 'consola';
import type { SendMailOptions, Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { composeMessage, type MailEdition } from './message.ts';

export interface SendDeps {
  log: ConsolaInstance;
  now: () => Date;
  /** Lazily made, so a pass with nothing due opens no connection. */
  transport: () => Transporter;
  /** Checked between deliveries: a stop request lets the current one finish. */
  shouldStop?: () => boolean;
}

export interface SendFilter {
  editionId?: number | null;
  recipient?: string | null;
  /** On demand: try pending deliveries now, whatever their backoff says. */
  ignoreBackoff?: boolean;
}

export interface SendCounts {
  sent: number;
  retrying: number;
  failed: number;
}

interface Due {
  id: number;
  edition_id: number;
  recipient: string;
  attempts: number;
  message_id: string;
}

/** Delay before attempt n+1 after n failed attempts: doubled each time, capped. */
export function backoffMs(attempts: number, retry: { firstDelayMs: number; maxDelayMs: number }): number {
  return Math.min(retry.maxDelayMs, retry.firstDelayMs * 2 ** Math.max(0, attempts - 1));
}

// Errors about the connection, not about this recipient: the next recipients would meet them too.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'ECONNREFUSED', 'EPROXY']);

type SmtpError = Error & { code?: string; responseCode?: number; response?: string; permanent?: boolean };

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500);

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function sendDue(wh: Warehouse, cfg: Config, filter: SendFilter, deps: SendDeps): Promise<SendCounts> {
  const counts: SendCounts = { sent: 0, retrying: 0, failed: 0 };
  const smtp = cfg.smtp;
  if (!smtp) return counts;
  const due = await wh.allFile<Due>('queries/deliveries_to_send', {
    now: deps.now().toISOString(),
    ignore_backoff: filter.ignoreBackoff ?? false,
    edition_id: filter.editionId ?? null,
    recipient: filter.recipient ?? null,
  });
  if (due.length === 0) return counts;
  const editions = new Map<number, MailEdition>();
  const transport = deps.transport();
  try {
    for (const [i, d] of due.entries()) {
      if (deps.shouldStop?.()) break;
      let edition = editions.get(d.edition_id);
      if (!edition) {
        [edition] = await wh.allFile<MailEdition>('queries/edition_for_mail', { id: d.edition_id });
        editions.set(d.edition_id, edition!);
      }
      const attempt = d.attempts + 1;
      const update = (fields: { status: string; next?: Date; sent?: Date | null; response?: string | null; error?: string | null }) =>
        wh.execFile('statements/update_delivery', {
          id: d.id,
          status: fields.status,
          attempts: attempt,
          next_attempt_at: (fields.next ?? deps.now()).toISOString(),
          last_attempt_at: deps.now().toISOString(),
          sent_at: fields.sent ? fields.sent.toISOString() : null,
          response: fields.response ?? null,
          error: fields.error ?? null,
        });

      // A mail without its PDF, or with one the server would refuse, is not sent at all.
      const size = edition ? await stat(edition.pdf_path).then((s) => s.size, () => null) : null;
      if (!edition || size == null) {
        await update({ status: 'failed', error: `the PDF of edition ${d.edition_id} is missing (${edition?.pdf_path ?? 'no such edition'})` });
        counts.failed++;
        deps.log.error(`edition ${d.edition_id} → ${d.recipient}: PDF missing`);
        continue;
      }
      if (size > smtp.maxAttachmentBytes) {
        await update({ status: 'failed', error: `attachment too large: the PDF is ${MB(size)}, above smtp.maxAttachmentBytes (${MB(smtp.maxAttachmentBytes)})` });
        counts.failed++;
        deps.log.error(`edition ${d.edition_id} → ${d.recipient}: PDF of ${MB(size)} is above smtp.maxAttachmentBytes`);
        continue;
      }
      const mail: SendMailOptions = composeMessage(cfg, edition, await readFile(edition.pdf_path), d.recipient, d.message_id, smtp.from);

      await update({ status: 'sending' });
      try {
        const info = await transport.sendMail(mail);
        await update({ status: 'sent', sent: deps.now(), response: oneLine(String(info.response ?? '')) });
        counts.sent++;
        deps.log.info(`edition ${d.edition_id} → ${d.recipient}: sent (${oneLine(String(info.response ?? ''))})`);
      } catch (err) {
        const e = err as SmtpError;
        const response = e.response ? oneLine(e.response) : null;
        const refusedForGood = e.permanent === true || (e.responseCode != null && e.responseCode >= 500);
        if (refusedForGood) {
          await update({ status: 'failed', response, error: oneLine(e.message) });
          counts.failed++;
          deps.log.error(`edition ${d.edition_id} → ${d.recipient}: refused: ${oneLine(e.message)}`);
          continue;
        }
        const next = new Date(deps.now().getTime() + backoffMs(attempt, smtp.retry));
        await update({ status: 'pending', next, response, error: oneLine(e.message) });
        counts.retrying++;
        deps.log.warn(`edition ${d.edition_id} → ${d.recipient}: not delivered yet (${oneLine(e.message)}); next try after ${next.toISOString()}`);
        if (e.code && CONNECTION_CODES.has(e.code)) {
          // The others stay pending as they were, without an attempt counted against them.
          counts.retrying += due.length - i - 1;
          break;
        }
      }
    }
  } finally {
    transport.close();
  }
  return counts;
}
