// Parses stored snapshots again, without fetching: the newest snapshot of each source's
// location (loaded, failed or never parsed) goes through its source's adapter as configured
// now, one transaction per snapshot, so a better parser reaches the pages already read.
import type { SourceConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { SourceAdapter } from '../sources/contract.ts';
import { loadAdapter } from '../sources/registry.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { parseSnapshot, parserOf, type ParseDeps, type RowCounts } from './load-source.ts';

/** What one re-parse did to one location's rows. */
export interface ReparseOutcome {
  source: string;
  location: string;
  snapshotId: number;
  /** loaded: the rows were replaced; failed: the parse threw and the rows stayed; skipped: not configured. */
  status: 'loaded' | 'failed' | 'skipped';
  /** "kind@version" of the previous parse (null: never parsed) and of this one. */
  from: string | null;
  to: string | null;
  before: RowCounts;
  /** The rows after: the same as before when the parse failed or was skipped. */
  after: RowCounts;
  /** Whether the rows themselves differ (not only their count). */
  changed: boolean;
  error: string | null;
}

interface Target {
  id: number;
  source: string;
  location: string;
  status: string;
  adapter: string | null;
  adapter_version: number | null;
}

interface LocationRows extends RowCounts {
  digest: string;
}

const countsOf = ({ digest: _digest, ...counts }: LocationRows): RowCounts => counts;

/**
 * Re-parses the newest snapshot of every location of the configured sources (or of `only`).
 * A snapshot whose source is no longer in the config is skipped: its settings are unknown.
 * `onEach` hears of each snapshot before its parse starts and after it ends.
 */
export async function reparseSnapshots(
  wh: Warehouse,
  sources: readonly SourceConfig[],
  deps: ParseDeps & {
    only?: string;
    onStart?: (target: { source: string; location: string; snapshotId: number }) => void;
    onEach?: (outcome: ReparseOutcome) => void;
  },
): Promise<ReparseOutcome[]> {
  if (deps.only && !sources.some((s) => s.name === deps.only)) {
    throw new ConfigError(`--source: no source named "${deps.only}" in the config (one of: ${sources.map((s) => s.name).join(', ')})`);
  }
  const adapterOf = deps.adapterOf ?? loadAdapter;
  const adapters = new Map<string, SourceAdapter>();
  const targets = await wh.allFile<Target>('queries/reparse_targets', { source: deps.only ?? null });
  const outcomes: ReparseOutcome[] = [];
  for (const t of targets) {
    const where = { source: t.source, location: t.location };
    const before = await wh.allFile<LocationRows>('queries/location_rows', where).then(([r]) => r!);
    const base = { source: t.source, location: t.location, snapshotId: t.id, from: parserOf(t.adapter, t.adapter_version), before: countsOf(before) };
    const configured = sources.find((s) => s.name === t.source);
    let outcome: ReparseOutcome;
    if (!configured) {
      outcome = { ...base, status: 'skipped', to: null, after: countsOf(before), changed: false, error: 'not in the config: its adapter and settings are unknown' };
    } else {
      let adapter = adapters.get(configured.adapter);
      if (!adapter) adapters.set(configured.adapter, (adapter = await adapterOf(configured.adapter, configured.name)));
      const to = parserOf(adapter.kind, adapter.version);
      deps.onStart?.({ source: t.source, location: t.location, snapshotId: t.id });
      try {
        // Rows are replaced at the snapshot's own location: a source whose location changed keeps its older pages.
        await parseSnapshot(wh, t.id, configured, adapter, deps);
        const after = await wh.allFile<LocationRows>('queries/location_rows', where).then(([r]) => r!);
        outcome = { ...base, status: 'loaded', to, after: countsOf(after), changed: after.digest !== before.digest, error: null };
      } catch (err) {
        outcome = { ...base, status: 'failed', to, after: countsOf(before), changed: false, error: (err as Error).message };
      }
    }
    outcomes.push(outcome);
    deps.onEach?.(outcome);
  }
  return outcomes;
}

/** "rankings 98, quarantined 3". */
export function describeRows(c: RowCounts): string {
  return (Object.entries(c) as [string, number][]).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ') || 'no rows';
}

/** What a re-parse changed: "rankings 98 → 100, quarantined 3 → 1". */
export function describeChange(o: Pick<ReparseOutcome, 'before' | 'after'>): string {
  const parts = (Object.keys(o.before) as (keyof RowCounts)[])
    .filter((k) => o.before[k] !== 0 || o.after[k] !== 0)
    .map((k) => `${k} ${o.before[k]} → ${o.after[k]}`);
  return parts.join(', ') || 'no rows';
}
