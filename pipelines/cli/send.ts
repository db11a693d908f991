// `xian-report send`: sends pending deliveries now, one edition, or to one address.
import { Option, type Command } from 'commander';
import { ConfigError } from '../errors.ts';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('send')
    .description('send the deliveries still pending now (or one edition, or to one address); each (edition, recipient) at most once')
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--out <dir>', 'where --dry-run writes its .eml files (overrides the config)')
    .addOption(
      new Option('--edition <N>', 'the edition to send (default with --to: the latest)').argParser((v) => {
        if (!/^\d+$/.test(v)) throw new ConfigError(`--edition: "${v}" is not an edition number`);
        return Number(v);
      }),
    )
    .option('--to <address>', 'send to this address only (also retries its failed delivery)')
    .option('--dry-run', 'write the mails as .eml files under out/eml/ instead of sending')
    .action(async (opts: { edition?: number; to?: string; dryRun?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { sendOnDemand } = await import('../deliver/on-demand.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const out = await withWriterLock(cfg, 'send', log, () => sendOnDemand(cfg, opts, { log, now: () => new Date() }));
      if (opts.dryRun) {
        for (const f of out.emlFiles) log.info(`wrote ${f}`);
        log.success(`edition ${out.edition}: ${out.emlFiles.length} mail(s) written, none sent`);
        return;
      }
      for (const a of out.alreadySent) log.info(`${a.recipient}: edition ${out.edition} was sent already (${a.sentAt}, server said "${a.response ?? ''}"); not sent again`);
      const { sent, retrying, failed } = out.counts;
      const msg = `${sent} sent, ${retrying} still pending, ${failed} failed`;
      if (retrying || failed) {
        log.error(`${msg}: see \`xian-report status\``);
        process.exitCode = 1;
      } else log.success(sent ? msg : 'nothing to send');
    });
}
