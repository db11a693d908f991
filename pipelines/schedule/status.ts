// What `xian-report status` reports: the scheduler, each job's last run and next times, each
// source's freshness, the latest edition and the deliveries not sent yet. Read as data
// (for --json), then written as text.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Config } from '../config.ts';
import type { NextTimesOf } from './cron-times.ts';
import { type LockHolder } from '../warehouse/writer-lock.ts';
import { resolveCommands } from '../deliver/unknown.ts';

export interface RunRow {
  id: number;
  command: string;
  job: string | null;
  trigger: string;
  started_at: Date;
  finished_at: Date | null;
  status: string;
  counts: string | null;
  error: string | null;
}

export interface Status {
  now: string;
  timezone: string;
  scheduler: { running: boolean; pid?: number; since?: string };
  warehouse: { path: string; exists: boolean };
  jobs: {
    name: string;
    do: string;
    cron: string;
    timezone: string;
    sources: string[] | null;
    lastRun: ReturnType<typeof runJson> | null;
    next: string[];
  }[];
  commands: ReturnType<typeof runJson>[];
  sources: {
    name: string;
    enabled: boolean;
    lastChecked: string | null;
    lastOutcome: string | null;
    lastChanged: string | null;
    lastError: { at: string; message: string } | null;
    /** For a listing source: the links it holds. */
    listing?: ListingStatus;
  }[];
  latestEdition: { id: number; key: string; date: string; pdfPath: string; pdfBytes: number; fingerprint: string; createdAt: string } | null;
  deliveries: {
    sent: number;
    lastSentAt: string | null;
    open: { id: number; edition: number; recipient: string; status: string; attempts: number; nextAttemptAt: string | null; error: string | null; response: string | null }[];
  };
}

/** What a listing holds: its links, the newest, and those new since the latest edition. */
export interface ListingStatus {
  links: number;
  newest: { title: string; url: string; date: string | null; state: string } | null;
  /** Links loaded that were first seen after the latest edition was built. */
  newSinceEdition: number;
  /** Found but not read yet (maxNewPages), read on the next run. */
  waiting: number;
  failed: number;
  mirrors: number;
  /** The links whose last read failed, and why. */
  failures: { url: string; title: string; date: string | null; error: string }[];
}

interface ListingRow {
  listing: string;
  links: number;
  new_since_edition: number;
  waiting: number;
  failed: number;
  mirrors: number;
  newest_url: string | null;
  newest_title: string | null;
  newest_date: string | null;
  newest_state: string | null;
}

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

function runJson(r: RunRow) {
  return {
    id: r.id,
    command: r.command,
    job: r.job,
    trigger: r.trigger,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    status: r.status,
    counts: r.counts ? (JSON.parse(r.counts) as Record<string, number>) : {},
    error: r.error,
  };
}

/** The scheduler's own lock file: at most one scheduler per warehouse. */
export const schedulerLockPathOf = (warehouse: string) => `${warehouse}.scheduler.lock`;

function schedulerState(cfg: Config): Status['scheduler'] {
  try {
    const h = JSON.parse(readFileSync(schedulerLockPathOf(cfg.warehouse), 'utf8')) as LockHolder;
    process.kill(h.pid, 0);
    return { running: true, pid: h.pid, since: h.since };
  } catch {
    return { running: false };
  }
}

/** What status reads from the warehouse: plain JSON, so that it can be kept beside it (status-snapshot.ts). */
export interface WarehouseFacts {
  runs: ReturnType<typeof runJson>[];
  sources: { source: string; lastChecked: string | null; lastOutcome: string | null; lastChanged: string | null; lastErrorAt: string | null; lastError: string | null }[];
  listings: ListingRow[];
  failures: { listing: string; url: string; title: string; listed_date: string | null; error: string | null }[];
  latestEdition: Status['latestEdition'];
  deliveries: Status['deliveries'];
}

/**
 * Reads the facts from the warehouse; the caller holds the writer lock. DuckDB is imported here,
 * not at the top: a status answered from the snapshot never loads it.
 */
export async function readWarehouseFacts(warehouse: string, now: Date): Promise<WarehouseFacts> {
  const { Warehouse } = await import('../warehouse/warehouse.ts');
  const { reconcileInterrupted } = await import('../warehouse/run-history.ts');
  const wh = await Warehouse.open(warehouse);
  try {
    // We hold the writer lock: a run still "running" is a dead process's; say so, with its real end.
    await reconcileInterrupted(wh, now);
    const runs = await wh.allFile<RunRow>('queries/status_last_runs');
    const sources = await wh.allFile<{ source: string; last_checked_at: Date | null; last_outcome: string | null; last_changed_at: Date | null; last_error_at: Date | null; last_error: string | null }>(
      'queries/status_sources',
    );
    const listings = await wh.allFile<ListingRow>('queries/status_listings');
    const failures = await wh.allFile<WarehouseFacts['failures'][number]>('queries/status_listing_failures');
    const [ed] = await wh.allFile<{ id: number; edition_key: string; edition_date: string; pdf_path: string; pdf_bytes: number; fingerprint: string; created_at: Date }>('queries/last_edition');
    const [sent] = await wh.allFile<{ n: number; last_sent_at: Date | null }>('queries/status_sent_count');
    const open = await wh.allFile<{ id: number; edition_id: number; recipient: string; status: string; attempts: number; next_attempt_at: Date; error: string | null; response: string | null }>('queries/status_deliveries');
    return {
      runs: runs.map(runJson),
      sources: sources.map((f) => ({
        source: f.source,
        lastChecked: iso(f.last_checked_at),
        lastOutcome: f.last_outcome,
        lastChanged: iso(f.last_changed_at),
        lastErrorAt: iso(f.last_error_at),
        lastError: f.last_error,
      })),
      listings: listings.map((l) => ({ ...l, links: Number(l.links), new_since_edition: Number(l.new_since_edition), waiting: Number(l.waiting), failed: Number(l.failed), mirrors: Number(l.mirrors) })),
      failures,
      latestEdition: ed ? { id: ed.id, key: ed.edition_key, date: ed.edition_date, pdfPath: ed.pdf_path, pdfBytes: ed.pdf_bytes, fingerprint: ed.fingerprint, createdAt: iso(ed.created_at)! } : null,
      deliveries: {
        sent: sent?.n ?? 0,
        lastSentAt: iso(sent?.last_sent_at),
        open: open.map((d) => ({
          id: d.id,
          edition: d.edition_id,
          recipient: d.recipient,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
          error: d.error,
          response: d.response,
        })),
      },
    };
  } finally {
    wh.close();
  }
}

/**
 * The status at `now`: the warehouse's facts (null when it does not exist yet) with what the
 * config and the clock add (the jobs' next times, the sources configured, the scheduler).
 */
export function statusOf(cfg: Config, facts: WarehouseFacts | null, now: Date, next: NextTimesOf): Status {
  const status: Status = {
    now: now.toISOString(),
    timezone: cfg.timezone,
    scheduler: schedulerState(cfg),
    warehouse: { path: cfg.warehouse, exists: facts != null },
    jobs: [],
    commands: [],
    sources: [],
    latestEdition: facts?.latestEdition ?? null,
    deliveries: facts?.deliveries ?? { sent: 0, lastSentAt: null, open: [] },
  };
  const runs = facts?.runs ?? [];
  for (const job of cfg.schedule.jobs) {
    const last = runs.find((r) => r.job === job.name);
    status.jobs.push({
      name: job.name,
      do: job.do,
      cron: job.cron,
      timezone: job.timezone,
      sources: job.sources ?? null,
      lastRun: last ?? null,
      next: next(job.cron, job.timezone),
    });
  }
  status.commands = runs.filter((r) => r.job == null);
  for (const s of cfg.sources) {
    const f = facts?.sources.find((x) => x.source === s.name);
    status.sources.push({
      name: s.name,
      enabled: s.enabled,
      lastChecked: f?.lastChecked ?? null,
      lastOutcome: f?.lastOutcome ?? null,
      lastChanged: f?.lastChanged ?? null,
      lastError: f?.lastErrorAt ? { at: f.lastErrorAt, message: f.lastError ?? '' } : null,
    });
    if (s.adapter !== 'listing') continue;
    const l = facts?.listings.find((x) => x.listing === s.name);
    status.sources.at(-1)!.listing = {
      links: l?.links ?? 0,
      newest: l?.newest_url ? { title: l.newest_title ?? '', url: l.newest_url, date: l.newest_date, state: l.newest_state ?? '' } : null,
      newSinceEdition: l?.new_since_edition ?? 0,
      waiting: l?.waiting ?? 0,
      failed: l?.failed ?? 0,
      mirrors: l?.mirrors ?? 0,
      failures: (facts?.failures ?? []).filter((f) => f.listing === s.name).map((f) => ({ url: f.url, title: f.title, date: f.listed_date, error: f.error ?? '' })),
    };
  }
  return status;
}

/** Reads the status from the warehouse; the caller holds the writer lock when the warehouse exists. */
export async function readStatus(cfg: Config, now: Date): Promise<Status> {
  const exists = cfg.warehouse === ':memory:' || existsSync(cfg.warehouse);
  const { nextTimesOf } = await import('./cron-times.ts');
  return statusOf(cfg, exists ? await readWarehouseFacts(cfg.warehouse, now) : null, now, nextTimesOf(now));
}

function formatListing(l: ListingStatus): string[] {
  const extra = [l.waiting ? `${l.waiting} waiting for the next run` : '', l.failed ? `${l.failed} failed` : '', l.mirrors ? `${l.mirrors} mirrors` : '']
    .filter(Boolean)
    .join(', ');
  return [
    `listing: ${l.links} link${l.links === 1 ? '' : 's'}, ${l.newSinceEdition} new since the latest edition${extra ? `, ${extra}` : ''}`,
    ...(l.newest ? [`newest: ${l.newest.date ?? 'undated'}  ${l.newest.title} (${l.newest.state})`, `        ${l.newest.url}`] : []),
    ...l.failures.map((f) => `failed: ${f.date ?? 'undated'}  ${f.title}: ${f.error.split('\n')[0]}`),
  ];
}

/**
 * A time as yyyy-MM-dd HH:mm:ss in a timezone, by Intl alone (Swedish writes dates and times in
 * that order): status runs often, and this is the only date it formats.
 */
function timeIn(timezone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (iso) => f.format(new Date(iso));
}

/** The status as text, times in the config's timezone. */
export function formatStatus(s: Status, baseDir: string): string {
  const at = timeIn(s.timezone);
  const t = (v: string | null | undefined) => (v ? at(v) : '—');
  const lines: string[] = [];
  const pad = (v: string, n: number) => v.padEnd(n);
  lines.push(`xian-report status at ${t(s.now)} (${s.timezone})`);
  lines.push(s.scheduler.running ? `scheduler: running, pid ${s.scheduler.pid} since ${t(s.scheduler.since)}` : 'scheduler: not running');
  if (!s.warehouse.exists) lines.push(`warehouse: ${s.warehouse.path} does not exist yet (run \`xian-report run\`)`);

  lines.push('', 'Jobs');
  if (s.jobs.length === 0) lines.push('  (none configured: see schedule.jobs in xian-report.config.example.yaml)');
  const w = Math.max(8, ...s.jobs.map((j) => j.name.length));
  const describeRun = (r: NonNullable<Status['jobs'][number]['lastRun']>) => {
    const counts = Object.entries(r.counts).filter(([, v]) => v > 0).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v}`).join(', ');
    return `${r.status} ${r.trigger} ${t(r.startedAt)} → ${r.finishedAt ? t(r.finishedAt).slice(11) : '…'}${counts ? ` (${counts})` : ''}${r.error ? `: ${r.error.split('\n')[0]}` : ''}`;
  };
  for (const j of s.jobs) {
    lines.push(`  ${pad(j.name, w)}  ${pad(j.do, 7)}  "${j.cron}"${j.sources ? ` [${j.sources.join(', ')}]` : ''}`);
    lines.push(`  ${pad('', w)}  last: ${j.lastRun ? describeRun(j.lastRun) : 'never'}`);
    lines.push(`  ${pad('', w)}  next: ${j.next.map(t).join(', ')}${j.timezone !== s.timezone ? ` (${j.timezone})` : ''}`);
  }
  for (const r of s.commands) lines.push(`  ${pad(r.command, w)}  by hand: ${describeRun(r)}`);

  lines.push('', 'Sources');
  const sw = Math.max(8, ...s.sources.map((x) => x.name.length));
  for (const x of s.sources) {
    lines.push(
      `  ${pad(x.name, sw)}  checked ${t(x.lastChecked)}${x.lastOutcome ? ` (${x.lastOutcome})` : ''}  changed ${t(x.lastChanged)}` +
        `${x.enabled ? '' : '  [disabled]'}${x.lastError ? `\n  ${pad('', sw)}  last error ${t(x.lastError.at)}: ${x.lastError.message.split('\n')[0]}` : ''}`,
    );
    if (x.listing) lines.push(...formatListing(x.listing).map((l) => `  ${pad('', sw)}  ${l}`));
  }

  lines.push('', 'Latest edition');
  const e = s.latestEdition;
  lines.push(e ? `  #${e.id} ${e.key}  dated ${e.date}  ${relative(baseDir, e.pdfPath) || e.pdfPath}  ${(e.pdfBytes / 1024).toFixed(0)} kB  built ${t(e.createdAt)}` : '  none yet');

  const unknown = s.deliveries.open.filter((d) => d.status === 'unknown');
  lines.push('', `Deliveries: ${s.deliveries.sent} sent${s.deliveries.lastSentAt ? ` (last ${t(s.deliveries.lastSentAt)})` : ''}, ${s.deliveries.open.length} not sent`);
  for (const d of s.deliveries.open) {
    const when = d.status === 'pending' ? `, next try ${t(d.nextAttemptAt)}` : '';
    const status = d.status === 'unknown' ? 'UNKNOWN whether delivered' : d.status;
    lines.push(`  edition ${d.edition} → ${d.recipient}: ${status}, ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${when}${d.error ? `: ${d.error}` : ''}`);
    if (d.status === 'unknown') lines.push(`      to resolve: ${resolveCommands({ edition_id: d.edition, recipient: d.recipient })}`);
  }
  if (unknown.length) lines.push('', `!! ${unknown.length} deliver${unknown.length === 1 ? 'y' : 'ies'} of unknown fate: the server may or may not have the mail; resolve each as shown above.`);
  return lines.join('\n');
}
