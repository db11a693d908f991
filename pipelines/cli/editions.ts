// `xian-report editions`: every edition kept, with its fingerprint, date, PDF and size.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

interface EditionRow {
  id: number;
  edition_key: string;
  edition_date: string;
  fingerprint: string;
  pdf_path: string;
  pdf_bytes: number;
  created_at: Date;
  trigger: string | null;
  made_by: string | null;
  sent: number;
  not_sent: number;
}

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('editions')
    .description('list the editions: number, date, fingerprint, PDF path and size, and their mail')
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--json', 'print JSON, for scripts')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { existsSync } = await import('node:fs');
      const { relative } = await import('node:path');
      const { Warehouse } = await import('../warehouse/warehouse.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const rows = existsSync(cfg.warehouse)
        ? await withWriterLock(cfg, 'editions', log, async () => {
            const wh = await Warehouse.open(cfg.warehouse);
            try {
              return await wh.allFile<EditionRow>('queries/editions_list');
            } finally {
              wh.close();
            }
          })
        : [];
      if (opts.json) {
        const list = rows.map((r) => ({
          id: r.id, key: r.edition_key, date: r.edition_date, fingerprint: r.fingerprint, pdfPath: r.pdf_path,
          pdfBytes: r.pdf_bytes, createdAt: new Date(r.created_at).toISOString(), madeBy: r.made_by, trigger: r.trigger,
          sent: r.sent, notSent: r.not_sent,
        }));
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no editions yet\n');
        return;
      }
      const lines = rows.map((r) =>
        [
          String(r.id).padStart(4),
          r.edition_date,
          r.fingerprint.slice(0, 12),
          `${(r.pdf_bytes / 1024).toFixed(0).padStart(5)} kB`,
          relative(cfg.baseDir, r.pdf_path) || r.pdf_path,
          `${r.made_by ?? '?'}/${r.trigger ?? '?'}`,
          `mail ${r.sent} sent${r.not_sent ? `, ${r.not_sent} not` : ''}`,
        ].join('  '),
      );
      process.stdout.write(`   #  date        fingerprint     size      PDF  made by  mail\n${lines.join('\n')}\n`);
    });
}
