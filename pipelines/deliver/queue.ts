// Queues a new edition for its subscribers: one pending delivery per (edition, recipient).
import { createHash } from 'node:crypto';
import type { Config, Subscriber } from '../config.ts';
import { userPlace } from '../geo/places.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

export interface EditionRef {
  id: number;
  city: string;
  language: string;
}

const sameCity = (a: string, b: string) => {
  const pa = userPlace(a);
  const pb = userPlace(b);
  return pa && pb ? pa.code === pb.code : a.trim().toLowerCase() === b.trim().toLowerCase();
};

/** The subscribers who get this edition: its language, and its city if they name one. */
export function recipientsOf(subscribers: Subscriber[], edition: EditionRef): Subscriber[] {
  return subscribers.filter((s) => s.language === edition.language && (s.city == null || sameCity(s.city, edition.city)));
}

/** A Message-ID fixed per (edition, recipient), so that even a resend reads as the same mail. */
export function messageIdOf(editionId: number, recipient: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'xian-report.local';
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `<edition-${editionId}.${who}@${domain}>`;
}

/** Queues the edition for each subscriber who gets it (email off: nothing). Returns how many are queued. */
export async function queueDeliveries(wh: Warehouse, cfg: Pick<Config, 'smtp' | 'subscribers'>, edition: EditionRef, now: Date, only?: string[]): Promise<number> {
  if (!cfg.smtp) return 0;
  let subs = recipientsOf(cfg.subscribers, edition);
  if (only) subs = only.map((address) => subs.find((s) => s.address.toLowerCase() === address.toLowerCase()) ?? { address, language: 'en' as const });
  for (const s of subs) {
    await wh.execFile('statements/insert_delivery', {
      edition_id: edition.id,
      recipient: s.address,
      now: now.toISOString(),
      message_id: messageIdOf(edition.id, s.address, cfg.smtp.from),
    });
  }
  return subs.length;
}
