// Sends the deliveries that are due, each at most once. Each attempt records (and commits) how
// far it got before going further: connecting, connected, accepted (354 to DATA), data (the
// whole mail is with the server but for the final dot), then "sent" with the server's reply.
// Until "data" the server cannot have the mail, so any failure, a crash included, leaves the
// delivery pending, retried with backoff; after "data" without a reply it is "unknown", never
// retried by itself, and named loudly until someone resolves it (see unknownDeliveries).
// A server that is down, refuses at its greeting or drops the connection is a connection fault:
// the pass stops and the other deliveries wait untouched. A recipient refused for good fails.
import { readFile, stat } from 'node:fs/promises';
import type { ConsolaInstance } from 'consola';
import type { SendMailOptions } from 'nodemailer';
import type { Config } from '../config.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { composeMessage, readMailEdition, type MailEdition } from './message.ts';
import type { MailSender, SendStage, SmtpError } from './transport.ts';

export interface SendDeps {
  log: ConsolaInstance;
  now: () => Date;
  /** Lazily made, so a pass with nothing due reads no password and opens no connection. */
  sender: () => MailSender;
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
  /** Sent to the server without its reply: it may or may not have the mail. */
  unknown: number;
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
const CONNECTION_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'ECONNREFUSED', 'EPROXY', 'EPROTOCOL']);


const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 500);

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** What a failed attempt means for its delivery, from the stage it reached and the server's reply. */
export function outcomeOf(e: SmtpError): 'connection' | 'retry' | 'failed' | 'unknown' {
  const code = e.responseCode;
  // The whole mail went out and no reply came back: the server may have it.
  if (e.stage === 'data' && code == null) return 'unknown';
  // Before the envelope was accepted, a refusal (at connect, at greeting, at login) or a drop is
  // about the connection, whatever its code: 421 and 554 at greeting included.
  if (e.stage === 'connecting' || e.command === 'CONN' || (code == null && e.code != null && CONNECTION_CODES.has(e.code))) return 'connection';
  if (code == null) return 'connection';
  return code >= 500 ? 'failed' : 'retry';
}

export async function sendDue(wh: Warehouse, cfg: Pick<Config, 'smtp' | 'edition'>, filter: SendFilter, deps: SendDeps): Promise<SendCounts> {
  const counts: SendCounts = { sent: 0, retrying: 0, failed: 0, unknown: 0 };
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
  const sender = deps.sender();
  for (const [i, d] of due.entries()) {
    if (deps.shouldStop?.()) break;
    let edition = editions.get(d.edition_id);
    if (!edition) {
      edition = await readMailEdition(wh, d.edition_id);
      editions.set(d.edition_id, edition!);
    }
    const attempt = d.attempts + 1;
    const update = (fields: { status: string; stage: string | null; next?: Date; sent?: Date | null; response?: string | null; error?: string | null }) =>
      wh.execFile('statements/update_delivery', {
        id: d.id,
        status: fields.status,
        stage: fields.stage,
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
      await update({ status: 'failed', stage: null, error: `the PDF of edition ${d.edition_id} is missing (${edition?.pdf_path ?? 'no such edition'})` });
      counts.failed++;
      deps.log.error(`edition ${d.edition_id} → ${d.recipient}: PDF missing`);
      continue;
    }
    if (size > smtp.maxAttachmentBytes) {
      await update({ status: 'failed', stage: null, error: `attachment too large: the PDF is ${MB(size)}, above smtp.maxAttachmentBytes (${MB(smtp.maxAttachmentBytes)})` });
      counts.failed++;
      deps.log.error(`edition ${d.edition_id} → ${d.recipient}: PDF of ${MB(size)} is above smtp.maxAttachmentBytes`);
      continue;
    }
    const mail: SendMailOptions = composeMessage(cfg.edition, edition, await readFile(edition.pdf_path), d.recipient, d.message_id, smtp.from);

    const now = () => deps.now().toISOString();
    const onStage = (stage: SendStage) =>
      stage === 'connecting'
        ? wh.execFile('statements/start_delivery_attempt', { id: d.id, attempts: attempt, now: now() })
        : wh.execFile('statements/set_delivery_stage', { id: d.id, stage, now: now() });
    try {
      const info = await sender.send(mail, onStage);
      await update({ status: 'sent', stage: 'replied', sent: deps.now(), response: oneLine(info.response) });
      counts.sent++;
      deps.log.info(`edition ${d.edition_id} → ${d.recipient}: sent (${oneLine(info.response)})`);
    } catch (err) {
      const e = err as SmtpError;
      const response = e.response ? oneLine(e.response) : null;
      const stage = e.stage ?? null;
      const outcome = outcomeOf(e);
      if (outcome === 'unknown') {
        await update({ status: 'unknown', stage, response, error: `the whole mail was sent but no reply came (${oneLine(e.message)}): the server may or may not have it` });
        counts.unknown++;
        deps.log.error(`edition ${d.edition_id} → ${d.recipient}: delivery unknown: ${oneLine(e.message)} after the whole mail was sent`);
        continue;
      }
      if (outcome === 'failed') {
        await update({ status: 'failed', stage, response, error: oneLine(e.message) });
        counts.failed++;
        deps.log.error(`edition ${d.edition_id} → ${d.recipient}: refused: ${oneLine(e.message)}`);
        continue;
      }
      const next = new Date(deps.now().getTime() + backoffMs(attempt, smtp.retry));
      await update({ status: 'pending', stage, next, response, error: oneLine(e.message) });
      counts.retrying++;
      deps.log.warn(`edition ${d.edition_id} → ${d.recipient}: not delivered yet (${oneLine(e.message)}); next try after ${next.toISOString()}`);
      if (outcome === 'connection') {
        // The others stay pending as they were, without an attempt counted against them.
        counts.retrying += due.length - i - 1;
        break;
      }
    }
  }
  return counts;
}

// Kept in unknown.ts, which `status` loads without this module's mail and rendering imports.
export { describeUnknown, resolveCommands, unknownDeliveries, type UnknownDelivery } from './unknown.ts';
