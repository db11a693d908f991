// `xian-report reparse`: parses the stored snapshots again with the adapters as they are now,
// without fetching, and prints per source what changed (rows before → after).
import type { Command } from 'commander';
import type { ReparseOutcome } from '../load/reparse.ts';
import type { CliContext } from './context.ts';

export function register(program: Command, { log, configFrom }: CliContext): void {
  program
    .command('reparse')
    .description(
      "parse the stored pages again with today's adapters and settings, without fetching: the newest snapshot of each source's location, one transaction each; prints what changed",
    )
    .option('--warehouse <file>', 'the DuckDB file (overrides the config)')
    .option('--source <name>', 'only this source')
    .option('--json', 'print JSON, for scripts')
    .action(async (opts: { source?: string; json?: boolean }, cmd: Command) => {
      const cfg = configFrom(cmd);
      const { ReparseFailedError } = await import('../errors.ts');
      const { reparseSnapshots } = await import('../load/reparse.ts');
      const { recordRun } = await import('../warehouse/run-history.ts');
      const { checkSources } = await import('../sources/registry.ts');
      const { Warehouse } = await import('../warehouse/warehouse.ts');
      const { withWriterLock } = await import('./with-writer-lock.ts');
      await checkSources(cfg.sources, cfg.file);
      const now = () => new Date();
      const outcomes = await withWriterLock(cfg, 'reparse', log, async () => {
        const wh = await Warehouse.open(cfg.warehouse);
        try {
          return await recordRun(wh, { command: 'reparse', trigger: 'manual' }, { now }, async ({ counts }) => {
            const done = await reparseSnapshots(wh, cfg.sources, {
              now,
              defaultCity: cfg.edition.city,
              rankingLists: cfg.rankingLists,
              only: opts.source,
              onStart: (t) => (opts.json ? undefined : log.info(`re-parsing ${t.source}, snapshot ${t.snapshotId}`)),
            });
            counts.snapshots_reparsed = done.filter((o) => o.status !== 'skipped').length;
            counts.snapshots_changed = done.filter((o) => o.changed).length;
            counts.snapshots_failed = done.filter((o) => o.status === 'failed').length;
            process.stdout.write(opts.json ? `${JSON.stringify(done, null, 2)}\n` : await report(done));
            const failures = done.filter((o) => o.status === 'failed');
            if (failures.length) throw new ReparseFailedError(failures.map((f) => ({ source: f.source, snapshotId: f.snapshotId, error: f.error ?? '' })));
            return done;
          });
        } finally {
          wh.close();
        }
      });
      const loaded = outcomes.filter((o) => o.status === 'loaded');
      if (!opts.json) log.success(`re-parsed ${loaded.length} snapshot(s), ${loaded.filter((o) => o.changed).length} with other rows than before; \`xian-report build\` prints an edition from what changed`);
    });
}

/** One line per snapshot: "ccid-page: rankings 98 → 100, quarantined 3 → 1 (snapshot 7, ranking-html-table@1 → ranking-html-table@2)". */
async function report(outcomes: ReparseOutcome[]): Promise<string> {
  const { describeChange, describeRows } = await import('../load/reparse.ts');
  if (outcomes.length === 0) return 'no stored snapshots to parse again\n';
  const names = outcomes.map((o) => o.source);
  const several = new Set(names.filter((s, i) => names.indexOf(s) !== i));
  return outcomes
    .map((o) => {
      const name = several.has(o.source) ? `${o.source} (${o.location})` : o.source;
      const parser = o.from === o.to ? o.to : `${o.from ?? 'never parsed'} → ${o.to}`;
      if (o.status === 'loaded') return `${name}: ${describeChange(o)}${o.changed ? '' : ', same rows'} (snapshot ${o.snapshotId}, ${parser})\n`;
      if (o.status === 'failed') return `${name}: failed, rows kept (${describeRows(o.before)}) (snapshot ${o.snapshotId}, ${parser}): ${o.error}\n`;
      return `${name}: skipped, ${o.error} (snapshot ${o.snapshotId})\n`;
    })
    .join('');
}
