// `xian-report schedule`: the long-lived process that runs the configured jobs.
import type { Command } from 'commander';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('schedule')
    .description('run the configured jobs (schedule.jobs) on their cron schedules until stopped by SIGINT/SIGTERM')
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--out <dir>', 'where editions are written (overrides the config)')
    .action(async (_opts: unknown, cmd: Command) => {
      const cfg = configFrom(cmd);
      if (cfg.schedule.jobs.length === 0) throw new ConfigError(`${cfg.file}: "schedule.jobs": no jobs configured (see xian-report.config.example.yaml)`);
      const { runScheduler } = await import('../schedule/service.ts');
      const code = await runScheduler(cfg, { log, now: () => new Date() });
      // A second signal: leave now, without waiting for anything still pending on the loop.
      if (code !== 0) process.exit(code);
    });
}
