// `xian-report send`: sends what is pending now (ignoring the backoff), or one edition, or to
// one address; --dry-run writes the mails as .eml files instead. Still at most once per
// (edition, recipient): a delivery already sent is not sent again. --mark-delivered records a
// delivery whose fate was unknown as delivered, once someone has checked the mailbox.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsolaInstance } from 'consola';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { Warehouse } from '../warehouse/warehouse.ts';
import { recordRun } from '../warehouse/run-history.ts';
import { composeMessage, readMailEdition, type MailEdition } from './message.ts';
import { messageIdOf, queueDeliveries, recipientsOf } from './queue.ts';
import { sendDue, unknownDeliveries, type SendCounts, type UnknownDelivery } from './send.ts';
import type { MailSender } from './transport.ts';

export interface SendOptions {
  edition?: number;
  to?: string;
  dryRun?: boolean;
  /** With edition and to: record that delivery as delivered (after checking the mailbox). */
  markDelivered?: boolean;
}

export interface SendOutcome {
  edition: number | null;
  counts: SendCounts;
  /** Addresses skipped because their mail of this edition was sent already. */
  alreadySent: { recipient: string; sentAt: string; response: string | null }[];
  emlFiles: string[];
  /** Deliveries whose fate is unknown after this pass (of any edition): each needs a person. */
  unknown: UnknownDelivery[];
  /** The delivery marked delivered by --mark-delivered. */
  marked: { edition: number; recipient: string } | null;
}

interface EditionRow {
  id: number;
  edition_key: string;
  city: string;
  language: string;
}

async function editionOf(wh: Warehouse, id: number | undefined): Promise<EditionRow | null> {
  const rows = await wh.all<EditionRow>('select id, edition_key, city, language from editions order by id');
  if (id == null) return rows.at(-1) ?? null;
  const e = rows.find((r) => r.id === id);
  if (!e) throw new ConfigError(`--edition ${id}: no such edition (${rows.length ? `1–${rows.at(-1)!.id}` : 'none yet'}; see \`xian-report editions\`)`);
  return e;
}

export async function sendOnDemand(
  cfg: Config,
  opts: SendOptions,
  deps: { log: ConsolaInstance; now: () => Date; sender?: () => MailSender; shouldStop?: () => boolean },
): Promise<SendOutcome> {
  const wh = await Warehouse.open(cfg.warehouse);
  try {
    if (opts.dryRun) return await dryRun(wh, cfg, opts, deps.log);
    const smtp = cfg.smtp;
    if (!smtp) throw new ConfigError(`${cfg.file}: "smtp": email is off; add an smtp section (see xian-report.config.example.yaml), or use --dry-run`);
    if (opts.markDelivered) return await markDelivered(wh, opts, deps.now());
    return await recordRun(wh, { command: 'send', trigger: 'manual' }, deps, async ({ counts }) => {
      const outcome: SendOutcome = { edition: null, counts: { sent: 0, retrying: 0, failed: 0, unknown: 0 }, alreadySent: [], emlFiles: [], unknown: [], marked: null };
      const edition = opts.edition != null || opts.to ? await editionOf(wh, opts.edition) : null;
      if ((opts.edition != null || opts.to) && !edition) throw new ConfigError('no edition to send yet: run `xian-report run` first');
      outcome.edition = edition?.id ?? null;
      if (edition) {
        const only = opts.to ? [opts.to] : undefined;
        await queueDeliveries(wh, cfg, edition, deps.now(), only);
        for (const address of only ?? recipientsOf(cfg.subscribers, edition).map((s) => s.address)) {
          const [d] = await wh.allFile<{ id: number; status: string; sent_at: Date | null; response: string | null }>('queries/delivery_of', { edition_id: edition.id, recipient: address });
          if (d?.status === 'sent') outcome.alreadySent.push({ recipient: address, sentAt: new Date(d.sent_at!).toISOString(), response: d.response });
          // Naming the address on the command line is the way to retry a failed or uncertain one.
          else if (d && opts.to) await wh.execFile('statements/requeue_delivery', { id: d.id, now: deps.now().toISOString() });
        }
      }
      const sender = deps.sender ?? (await import('./transport.ts')).smtpSender.bind(null, smtp, process.env);
      outcome.counts = await sendDue(wh, cfg, { editionId: edition?.id, recipient: opts.to, ignoreBackoff: true }, { ...deps, sender });
      outcome.unknown = await unknownDeliveries(wh);
      Object.assign(counts, { mail_sent: outcome.counts.sent, mail_retrying: outcome.counts.retrying, mail_failed: outcome.counts.failed, mail_unknown: outcome.unknown.length });
      return outcome;
    });
  } finally {
    wh.close();
  }
}

async function markDelivered(wh: Warehouse, opts: SendOptions, now: Date): Promise<SendOutcome> {
  if (opts.edition == null || !opts.to) throw new ConfigError('--mark-delivered needs --edition N and --to ADDR: the one delivery to record as delivered');
  const edition = await editionOf(wh, opts.edition);
  const [d] = await wh.allFile<{ id: number; status: string }>('queries/delivery_of', { edition_id: edition!.id, recipient: opts.to });
  if (!d) throw new ConfigError(`--mark-delivered: edition ${opts.edition} has no delivery to ${opts.to} (see \`xian-report status\`)`);
  const outcome: SendOutcome = { edition: edition!.id, counts: { sent: 0, retrying: 0, failed: 0, unknown: 0 }, alreadySent: [], emlFiles: [], unknown: [], marked: null };
  if (d.status === 'sent') outcome.alreadySent.push({ recipient: opts.to, sentAt: '', response: null });
  else {
    await wh.execFile('statements/mark_delivered', { id: d.id, now: now.toISOString() });
    outcome.marked = { edition: edition!.id, recipient: opts.to };
  }
  outcome.unknown = await unknownDeliveries(wh);
  return outcome;
}

async function dryRun(wh: Warehouse, cfg: Config, opts: SendOptions, log: ConsolaInstance): Promise<SendOutcome> {
  const edition = await editionOf(wh, opts.edition);
  if (!edition) throw new ConfigError('no edition to send yet: run `xian-report run` first');
  const mail = await readMailEdition(wh, edition.id);
  const from = cfg.smtp?.from ?? 'xian-report <xian-report@localhost>';
  const to = opts.to ? [opts.to] : recipientsOf(cfg.subscribers, edition).map((s) => s.address);
  if (to.length === 0) log.warn(`edition ${edition.id} has no recipients: add subscribers, or give --to ADDR`);
  const pdf = await readFile(mail!.pdf_path);
  const dir = join(cfg.outDir, 'eml', edition.edition_key);
  await mkdir(dir, { recursive: true });
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const files: string[] = [];
  for (const address of to) {
    const info = await composer.sendMail(composeMessage(cfg.edition, mail!, pdf, address, messageIdOf(edition.id, address, from), from));
    const file = join(dir, `${address.replace(/[^a-zA-Z0-9@._-]/g, '_')}.eml`);
    await writeFile(file, info.message as Buffer);
    files.push(file);
  }
  return { edition: edition.id, counts: { sent: 0, retrying: 0, failed: 0, unknown: 0 }, alreadySent: [], emlFiles: files, unknown: [], marked: null };
}
