// `xian-report send`: sends what is pending now (ignoring the backoff), or one edition, or to
// one address; --dry-run writes the mails as .eml files instead. Still at most once per
// (edition, recipient): a delivery already sent is not sent again.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConsolaInstance } from 'consola';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { Warehouse } from '../warehouse/warehouse.ts';
import { recordRun } from '../run.ts';
import { composeMessage, type MailEdition } from './message.ts';
import { messageIdOf, queueDeliveries, recipientsOf } from './queue.ts';
import { sendDue, type SendCounts } from './send.ts';

export interface SendOptions {
  edition?: number;
  to?: string;
  dryRun?: boolean;
}

export interface SendOutcome {
  edition: number | null;
  counts: SendCounts;
  /** Addresses skipped because their mail of this edition was sent already. */
  alreadySent: { recipient: string; sentAt: string; response: string | null }[];
  emlFiles: string[];
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
  deps: { log: ConsolaInstance; now: () => Date; transport?: () => Transporter; shouldStop?: () => boolean },
): Promise<SendOutcome> {
  const wh = await Warehouse.open(cfg.warehouse);
  try {
    if (opts.dryRun) return await dryRun(wh, cfg, opts, deps.log);
    const smtp = cfg.smtp;
    if (!smtp) throw new ConfigError(`${cfg.file}: "smtp": email is off; add an smtp section (see xian-report.config.example.yaml), or use --dry-run`);
    return await recordRun(wh, { command: 'send', trigger: 'manual' }, deps, async (_runId, counts) => {
      const outcome: SendOutcome = { edition: null, counts: { sent: 0, retrying: 0, failed: 0 }, alreadySent: [], emlFiles: [] };
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
      const transport = deps.transport ?? (await import('./transport.ts')).smtpTransport.bind(null, smtp, process.env);
      outcome.counts = await sendDue(wh, cfg, { editionId: edition?.id, recipient: opts.to, ignoreBackoff: true }, { ...deps, transport });
      Object.assign(counts, { mail_sent: outcome.counts.sent, mail_retrying: outcome.counts.retrying, mail_failed: outcome.counts.failed });
      return outcome;
    });
  } finally {
    wh.close();
  }
}

async function dryRun(wh: Warehouse, cfg: Config, opts: SendOptions, log: ConsolaInstance): Promise<SendOutcome> {
  const edition = await editionOf(wh, opts.edition);
  if (!edition) throw new ConfigError('no edition to send yet: run `xian-report run` first');
  const [mail] = await wh.allFile<MailEdition>('queries/edition_for_mail', { id: edition.id });
  const from = cfg.smtp?.from ?? 'xian-report <xian-report@localhost>';
  const to = opts.to ? [opts.to] : recipientsOf(cfg.subscribers, edition).map((s) => s.address);
  if (to.length === 0) log.warn(`edition ${edition.id} has no recipients: add subscribers, or give --to ADDR`);
  const pdf = await readFile(mail!.pdf_path);
  const dir = join(cfg.outDir, 'eml', edition.edition_key);
  await mkdir(dir, { recursive: true });
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const files: string[] = [];
  for (const address of to) {
    const info = await composer.sendMail(composeMessage(cfg, mail!, pdf, address, messageIdOf(edition.id, address, from), from));
    const file = join(dir, `${address.replace(/[^a-zA-Z0-9@._-]/g, '_')}.eml`);
    await writeFile(file, info.message as Buffer);
    files.push(file);
  }
  return { edition: edition.id, counts: { sent: 0, retrying: 0, failed: 0 }, alreadySent: [], emlFiles: files };
}
