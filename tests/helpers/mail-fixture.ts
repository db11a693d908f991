// A workspace with one edition already in its warehouse and its PDF on disk, queued for a few
// subscribers, so that a mail test starts at the sending without printing anything first.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../pipelines/config.ts';
import { queueDeliveries } from '../../pipelines/deliver/queue.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';
import { smtpConfig } from './smtp.ts';
import { makeWorkspace, type Workspace } from './workspace.ts';

export const FROM = 'reports@xian-report.test';

export interface MailWorkspace extends Workspace {
  recipients: string[];
  /** The deliveries as the warehouse holds them. */
  deliveries: () => Promise<{ id: number; recipient: string; status: string; stage: string | null; attempts: number; message_id: string; error: string | null }[]>;
}

export async function makeMailWorkspace(port: number, recipients: string[], smtpExtra = ''): Promise<MailWorkspace> {
  const ws = makeWorkspace();
  const base = readFileSync(ws.config, 'utf8').replace(/\nsmtp:[\s\S]*$/, '').replace(/^subscribers: \[\]$/m, '');
  const subs = ['subscribers:', ...recipients.map((a) => `  - { address: ${a} }`)].join('\n');
  writeFileSync(ws.config, `${base}\n${smtpConfig(port, smtpExtra)}\n${subs}\n`);
  const cfg = loadConfig(ws.config);
  const pdfDir = ws.path('out', 'editions', '2026-11-29-xian-en-0001');
  mkdirSync(pdfDir, { recursive: true });
  // Not a printed edition: the mail carries any PDF bytes alike.
  writeFileSync(`${pdfDir}/edition.pdf`, `%PDF-1.4\n% fault-suite attachment\n${'x'.repeat(2000)}\n%%EOF\n`);
  const wh = await Warehouse.open(ws.warehouse);
  try {
    await wh.execFile('statements/insert_edition', {
      id: 1,
      edition_key: '2026-11-29-xian-en-0001',
      city: cfg.edition.city,
      city_code: '610100',
      language: 'en',
      edition_date: '2026-11-29',
      data_cutoff: 'September 2022 (statistics)',
      fingerprint: 'fault-suite',
      pdf_path: `${pdfDir}/edition.pdf`,
      html_path: `${pdfDir}/edition.html`,
      pdf_bytes: 2100,
      run_id: null,
      summary: null,
    });
    await queueDeliveries(wh, cfg, { id: 1, city: cfg.edition.city, language: 'en' }, new Date());
  } finally {
    wh.close();
  }
  return {
    ...ws,
    recipients,
    deliveries: async () => {
      const w = await Warehouse.open(ws.warehouse);
      try {
        return await w.all('select id, recipient, status, stage, attempts, message_id, error from deliveries order by id');
      } finally {
        w.close();
      }
    },
  };
}
