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
    .option('--to <address>', 'send to this address only (also retries its failed or unknown delivery, with the same Message-ID)')
    .option('--dry-run', 'write the mails as .eml files under out/eml/ instead of sending')
    .option('--mark-delivered', 'with --edition and --to: record that delivery as delivered (after checking the mailbox), sending nothing')
    .action(async (opts: { edition?: number; to?: string; dryRun?: boolean; markDelivered?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { sendOnDemand } = await import('../deliver/on-demand.ts');
      const { describeUnknown } = await import('../deliver/send.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      const out = await withWriterLock(cfg, 'send', log, () => sendOnDemand(cfg, opts, { log, now: () => new Date() }));
      if (opts.dryRun) {
        for (const f of out.emlFiles) log.info(`wrote ${f}`);
        log.success(`edition ${out.edition}: ${out.emlFiles.length} mail(s) written, none sent`);
        return;
      }
      // A delivery whose fate is unknown fails every send until someone resolves it.
      const unknown = () => {
        for (const u of out.unknown) log.error(describeUnknown(u));
        if (out.unknown.length) process.exitCode = 1;
        return out.unknown.length > 0;
      };
      if (opts.markDelivered) {
        if (out.marked) log.success(`edition ${out.marked.edition} → ${out.marked.recipient}: recorded as delivered; it will not be sent again`);
        else log.info(`edition ${out.edition} → ${opts.to}: was recorded as sent already`);
        unknown();
        return;
      }
      for (const a of out.alreadySent) log.info(`${a.recipient}: edition ${out.edition} was sent already (${a.sentAt}, server said "${a.response ?? ''}"); not sent again`);
      const { sent, retrying, failed } = out.counts;
      const msg = `${sent} sent, ${retrying} still pending, ${failed} failed, ${out.unknown.length} unknown`;
      if (unknown() || retrying || failed) {
        log.error(`${msg}: see \`xian-report status\``);
        process.exitCode = 1;
      } else log.success(sent ? msg : 'nothing to send');
    });
}
