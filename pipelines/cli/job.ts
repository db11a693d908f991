// `xian-report job <name>`: one run of a configured job, now. The scheduler runs each tick so.
import { Option, type Command } from 'commander';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('job <name>')
    .description('run one configured job now (as the scheduler does on each tick)')
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--out <dir>', 'where editions are written (overrides the config)')
    .addOption(new Option('--trigger <trigger>', 'recorded with the run').choices(['manual', 'schedule', 'catch-up']).default('manual').hideHelp())
    .action(async (name: string, opts: { trigger: 'manual' | 'schedule' | 'catch-up' }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { findJob, runJob } = await import('../schedule/job.ts');
      const { onStopSignals } = await import('../schedule/stop-signals.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const job = findJob(cfg, name);
      let stop = false;
      let holding = false;
      onStopSignals(log, {
        // Before the lock is ours there is nothing to finish.
        first: () => (holding ? (stop = true) : process.exit(130)),
        // The warehouse stays consistent: each step is one transaction, and the lock goes with the process.
        second: () => process.exit(130),
      });
      const result = await withWriterLock(cfg, 'job', log, () => {
        holding = true;
        return runJob(cfg, job, opts.trigger, { log, now: () => new Date(), shouldStop: () => stop });
      }, job.name);
      if (job.do === 'publish') {
        if (result.edition) log.success(`${job.name}: edition ${result.edition.key}${result.queued ? `, ${result.queued} deliveries queued` : ''}`);
        else log.success(`${job.name}: no new edition: ${result.noEditionBecause}`);
        // Mail not delivered is a failure of the job (exit 1), as for `send`.
        const { describeUnknown } = await import('../deliver/send.ts');
        for (const u of result.unknown) log.error(describeUnknown(u));
        const m = result.mail;
        if (m && (m.retrying || m.failed || m.unknown || result.unknown.length)) {
          log.error(`${job.name}: mail ${m.sent} sent, ${m.retrying} still pending, ${m.failed} failed, ${result.unknown.length} unknown: see \`xian-report status\``);
          process.exitCode = 1;
        } else if (result.unknown.length) process.exitCode = 1;
      } else {
        log.success(`${job.name}: ${result.loads.map((l) => `${l.source} ${l.status}`).join(', ') || 'no sources'}`);
      }
    });
}
