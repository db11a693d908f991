// `xian-report quarantine`: the rows that were read but not loaded, each with its reason.
import type { Command } from 'commander';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

interface QuarantineRow {
  id: number;
  source: string;
  location: string;
  snapshot_id: number;
  fetched_at: Date;
  row_number: number | null;
  row_text: string;
  reason: string;
}

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('quarantine')
    .description('list the rows that were read but not loaded, with the reason and the page they came from')
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--source <name>', 'only this source')
    .option('--limit <n>', 'at most this many rows, newest first', '100')
    .option('--json', 'print JSON, for scripts')
    .action(async (opts: { source?: string; limit: string; json?: boolean }, cmd: Command) => {
      if (!/^\d+$/.test(opts.limit)) throw new ConfigError(`--limit: "${opts.limit}" is not a whole number`);
      const cfg = configFrom(cmd);
      const { existsSync } = await import('node:fs');
      const { Warehouse } = await import('../warehouse/warehouse.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const rows = existsSync(cfg.warehouse)
        ? await withWriterLock(cfg, 'quarantine', log, async () => {
            const wh = await Warehouse.open(cfg.warehouse);
            try {
              return await wh.allFile<QuarantineRow>('queries/quarantine_list', { source: opts.source ?? null, limit: Number(opts.limit) });
            } finally {
              wh.close();
            }
          })
        : [];
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no rows in quarantine\n');
        return;
      }
      const { printable } = await import('../errors.ts');
      for (const r of rows) {
        // The row's text is the page's: shown with its control characters escaped.
        process.stdout.write(
          `${r.source}  snapshot ${r.snapshot_id}${r.row_number != null ? `, row ${r.row_number}` : ''}: ${printable(r.reason)}\n    ${printable(r.row_text)}\n`,
        );
      }
    });
}
