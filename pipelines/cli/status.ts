// `xian-report status`: jobs, sources, the latest edition and the deliveries not sent.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('status')
    .description("print each job's last run and next times, each source's freshness (a listing's links: the newest, new since the latest edition, failed), the latest edition and the deliveries not sent")
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--json', 'print JSON, for scripts')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { existsSync } = await import('node:fs');
      const { readStatus, formatStatus } = await import('../schedule/status.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const read = () => readStatus(cfg, new Date());
      // DuckDB lets one process have the file: reading waits for the writer like writing does.
      const status = existsSync(cfg.warehouse) ? await withWriterLock(cfg, 'status', log, read) : await read();
      process.stdout.write(opts.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status, cfg.baseDir)}\n`);
      // A delivery of unknown fate needs a person: status fails until it is resolved.
      if (status.deliveries.open.some((d) => d.status === 'unknown')) process.exitCode = 1;
    });
}
