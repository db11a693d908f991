// `xian-report status`: jobs, sources, the latest edition and the deliveries not sent.
import type { Command } from 'commander';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('status')
    .description("print each job's last run and next times, each source's freshness (a listing's links: the newest, new since the latest edition, failed), the latest edition and the deliveries not sent")
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--json', 'print JSON, for scripts')
    .option('--fresh', 'read the warehouse itself, not the facts kept beside it from the last status (they are used only while the warehouse file is unchanged)')
    .action(async (opts: { json?: boolean; fresh?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { existsSync } = await import('node:fs');
      const { readStatus, readWarehouseFacts, statusOf, formatStatus } = await import('../schedule/status.ts');
      const now = new Date();
      const nextTimes = async () => (await import('../schedule/cron-times.ts')).nextTimesOf(now);
      let status;
      if (cfg.warehouse === ':memory:') status = await readStatus(cfg, now);
      else if (!existsSync(cfg.warehouse)) status = statusOf(cfg, null, now, await nextTimes());
      else {
        const { StatusSnapshot } = await import('../schedule/status-snapshot.ts');
        const { withWriterLock } = await import('./with-writer-lock.ts');
        // DuckDB lets one process have the file: reading waits for the writer like writing does.
        status = await withWriterLock(cfg, 'status', log, async () => {
          const snapshot = StatusSnapshot.read(cfg.warehouse);
          let facts = opts.fresh ? null : snapshot.facts();
          if (!facts) {
            facts = await readWarehouseFacts(cfg.warehouse, now);
            snapshot.keepFacts(facts);
          }
          // node-cron is loaded only when a job's next times are not remembered from an earlier status.
          const forgotten = cfg.schedule.jobs.some((j) => !snapshot.remembers(j.cron, j.timezone, now));
          const s = statusOf(cfg, facts, now, snapshot.nextTimesAt(now, forgotten ? await nextTimes() : null));
          snapshot.save();
          return s;
        });
      }
      process.stdout.write(opts.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status, cfg.baseDir)}\n`);
      // A delivery of unknown fate needs a person: status fails until it is resolved.
      if (status.deliveries.open.some((d) => d.status === 'unknown')) process.exitCode = 1;
    });
}
