// Deliveries whose fate is unknown (the server may have the mail) and the commands that resolve
// them: apart from send.ts so that `status` can name them without loading mail and rendering.
import type { Warehouse } from '../warehouse/warehouse.ts';

export interface UnknownDelivery {
  id: number;
  edition_id: number;
  recipient: string;
  message_id: string;
  last_attempt_at: Date | null;
  error: string | null;
}

/** Deliveries whose fate is unknown: the server may have the mail. Each needs a person. */
export async function unknownDeliveries(wh: Warehouse): Promise<UnknownDelivery[]> {
  return wh.allFile<UnknownDelivery>('queries/deliveries_unknown');
}

/** The commands that resolve an unknown delivery, for messages and status. */
export function resolveCommands(d: { edition_id: number; recipient: string }): string {
  return (
    `check the mailbox, then \`xian-report send --edition ${d.edition_id} --to ${d.recipient}\` (sends it again with the same Message-ID) ` +
    `or \`xian-report send --edition ${d.edition_id} --to ${d.recipient} --mark-delivered\``
  );
}

/** One loud line per unknown delivery. */
export function describeUnknown(d: UnknownDelivery): string {
  return `edition ${d.edition_id} → ${d.recipient}: UNKNOWN whether delivered (Message-ID ${d.message_id}; ${d.error ?? 'no reply after the mail was sent'}); ${resolveCommands(d)}`;
}
