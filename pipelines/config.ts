// Reads the one config file, checks it against a schema, and resolves its paths.
// An unknown key or a wrong type stops the program with one line naming the key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validate as isCronExpression } from 'node-cron';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { DEFAULT_CONFIG_FILE } from './config-file.ts';

export { DEFAULT_CONFIG_FILE };

const SourceSpec = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    adapter: z.string().min(1),
    /** A file path (relative to the config file) or an http(s) URL. */
    location: z.string().min(1),
    /** Where the figures come from, printed in the edition's sources. */
    provenance: z.string().min(1),
    /** Publication date of the page, when the page does not state it. */
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
    /** The place that "全市" refers to; defaults to the edition's city. */
    city: z.string().optional(),
    enabled: z.boolean().default(true),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const EditionSpec = z
  .object({
    /** The city the edition is about, as the gazetteer names it. */
    city: z.string().default("Xi'an"),
    /** Each edition is printed once in each of these languages, from the same data. */
    languages: z.array(z.enum(['zh', 'en'])).min(1).default(['zh', 'en']),
    /** Cities drawn beside the edition's city on the rank chart, and named in the rank section. */
    peers: z.array(z.string()).default(['Chengdu', 'Chongqing', 'Wuhan', 'Zhengzhou', 'Changsha', 'Hefei']),
    /** Id of the ranking list whose trajectory the edition follows. */
    rankingList: z.string().default('ccid-top100-advanced-manufacturing-cities'),
    /** The first year of the list the edition compares against. */
    baseYear: z.number().int().default(2018),
    /** Overrides the English title (the messages file's, "High-quality development of <city>'s advanced manufacturing"). */
    title: z.string().optional(),
    /** Overrides the publisher named on the cover (the messages file's, per language). */
    publisher: z.string().optional(),
  })
  .strict();

const ChromiumSpec = z
  .object({
    /** Overrides PUPPETEER_EXECUTABLE_PATH and the usual paths. */
    executablePath: z.string().optional(),
    /** How long one PDF may take to print. */
    timeoutMs: z.number().int().positive().default(60_000),
  })
  .strict();

const HttpSpec = z
  .object({
    /** One attempt at a page, from connecting to the last byte. */
    timeoutMs: z.number().int().positive().default(15_000),
    /** Further attempts on network errors, timeouts, truncated bodies and 5xx (never on 4xx). */
    retries: z.number().int().min(0).max(10).default(3),
    /** The first backoff between attempts; it doubles with each retry. */
    retryBaseMs: z.number().int().min(0).default(500),
    /** The least time between two requests to one host. */
    perHostDelayMs: z.number().int().min(0).default(1000),
    /** Replaces the default User-Agent "xian-report/<version> (+economic research office; ...)". */
    userAgent: z.string().min(1).optional(),
    /** A larger page fails its source. */
    maxBodyBytes: z.number().int().positive().default(20 * 1024 * 1024),
  })
  .strict();
export type HttpConfig = z.infer<typeof HttpSpec>;
export const HTTP_DEFAULTS: HttpConfig = HttpSpec.parse({});

const FilesSpec = z
  .object({
    /** A larger file fails its source without being read or stored, as a larger HTTP body does. */
    maxBytes: z.number().int().positive().default(20 * 1024 * 1024),
  })
  .strict();
export type FilesConfig = z.infer<typeof FilesSpec>;
export const FILES_DEFAULTS: FilesConfig = FilesSpec.parse({});
const isTimezone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const JobSpec = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    /** node-cron expression: 5 fields, or 6 with seconds first. */
    cron: z.string().refine((c) => isCronExpression(c), 'not a valid cron expression'),
    /** Defaults to the config's timezone. */
    timezone: z.string().refine(isTimezone, 'not a known IANA timezone').optional(),
    /** load: read the sources (all, or those listed); publish: rebuild the edition if its inputs changed, then deliver. */
    do: z.enum(['load', 'publish']),
    sources: z.array(z.string()).min(1).optional(),
  })
  .strict();

const ScheduleSpec = z
  .object({
    /** A run missed while the scheduler was down: caught up once at start, or skipped. */
    catchUp: z.enum(['once', 'skip']).default('once'),
    jobs: z.array(JobSpec).default([]),
  })
  .strict();

const WriterLockSpec = z
  .object({
    /** How long a writer waits for another to finish before giving up. */
    waitMs: z.number().int().nonnegative().default(60_000),
  })
  .strict();

const SmtpSpec = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** implicit: TLS from the first byte (port 465); starttls: upgrade required; off: plain text (local relays only). */
    tls: z.enum(['implicit', 'starttls', 'off']).default('starttls'),
    /** The account; its password comes from XIAN_REPORT_SMTP_PASSWORD only. */
    user: z.string().optional(),
    from: z.string().min(3),
    /** A PDF above this size is not sent: the delivery fails with that reason. */
    maxAttachmentBytes: z.number().int().positive().default(10 * 1024 * 1024),
    /** Connection, greeting and socket timeouts. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Backoff of a delivery the server did not take: firstDelayMs, doubled each attempt, capped at maxDelayMs. */
    retry: z
      .object({
        firstDelayMs: z.number().int().nonnegative().default(60_000),
        maxDelayMs: z.number().int().nonnegative().default(6 * 3600_000),
      })
      .strict()
      .default({ firstDelayMs: 60_000, maxDelayMs: 6 * 3600_000 }),
  })
  .strict();

/** A ranking list beyond data/reference/ranking-lists.csv: its id, what it ranks and the names pages print for it. */
export const RankingListSpec = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    /** What the list ranks: cities (prefecture level, with the municipalities), counties or districts. */
    unit: z.enum(['city', 'county', 'district']).default('city'),
    /** The list's name as its publisher prints it. */
    name: z.string().min(1),
    /** Other names pages print for it; a sentence naming one gives its ranks to this list. */
    aliases: z.array(z.string().min(2)).default([]),
    publisher: z.string().optional(),
  })
  .strict();
export type RankingListConfig = z.infer<typeof RankingListSpec>;

const SubscriberSpec = z
  .object({
    address: z.email('not an email address'),
    /** Editions in this language are sent. */
    language: z.enum(['zh', 'en']).default('en'),
    /** Only editions about this city (default: every edition). */
    city: z.string().optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    /** The DuckDB file (relative to the config file). */
    warehouse: z.string().default('warehouse/xian-report.duckdb'),
    /** Where editions are written. */
    outDir: z.string().default('out'),
    timezone: z.string().default('Asia/Shanghai'),
    edition: EditionSpec.default(EditionSpec.parse({})),
    chromium: ChromiumSpec.default(ChromiumSpec.parse({})),
    /** How http(s) sources are fetched. */
    http: HttpSpec.default(HTTP_DEFAULTS),
    /** How file sources are read. */
    files: FilesSpec.default(FILES_DEFAULTS),
    sources: z.array(SourceSpec).default([]),
    /** Ranking lists the shipped reference (data/reference/ranking-lists.csv) lacks. */
    rankingLists: z.array(RankingListSpec).default([]),
    schedule: ScheduleSpec.default(ScheduleSpec.parse({})),
    writerLock: WriterLockSpec.default(WriterLockSpec.parse({})),
    /** Absent: email is off (editions are still built, nothing is queued). */
    smtp: SmtpSpec.optional(),
    subscribers: z.array(SubscriberSpec).default([]),
  })
  .strict();

export type Config = Omit<z.infer<typeof ConfigSchema>, 'schedule'> & {
  schedule: { catchUp: 'once' | 'skip'; jobs: JobConfig[] };
  /** Folder of the config file: relative paths resolve against it. */
  baseDir: string;
  file: string;
};
export type SourceConfig = z.infer<typeof SourceSpec>;
export type JobConfig = z.infer<typeof JobSpec> & { timezone: string };
export type SmtpConfig = z.infer<typeof SmtpSpec>;
export type Subscriber = z.infer<typeof SubscriberSpec>;

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `unknown key ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `"${path || '(top level)'}": ${issue.message}`;
}

/** Checks parsed YAML/JSON against the schema and resolves relative paths against baseDir. */
export function normalizeConfig(raw: unknown, file: string): Config {
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ConfigError(`${file}: ${describeIssue(first)} (see xian-report.config.example.yaml)`);
  }
  const cfg = parsed.data;
  const names = new Set<string>();
  for (const [i, s] of cfg.sources.entries()) {
    if (names.has(s.name)) throw new ConfigError(`${file}: "sources.${i}.name": duplicate source name "${s.name}"`);
    names.add(s.name);
  }
  const jobNames = new Set<string>();
  for (const [i, j] of cfg.schedule.jobs.entries()) {
    if (jobNames.has(j.name)) throw new ConfigError(`${file}: "schedule.jobs.${i}.name": duplicate job name "${j.name}"`);
    jobNames.add(j.name);
    if (j.do === 'publish' && j.sources) throw new ConfigError(`${file}: "schedule.jobs.${i}.sources": a publish job reads the warehouse, not sources`);
    for (const [k, s] of (j.sources ?? []).entries()) {
      if (!names.has(s)) throw new ConfigError(`${file}: "schedule.jobs.${i}.sources.${k}": no source named "${s}"`);
    }
  }
  if (!isTimezone(cfg.timezone)) throw new ConfigError(`${file}: "timezone": not a known IANA timezone`);
  const addresses = new Set<string>();
  for (const [i, s] of cfg.subscribers.entries()) {
    const a = s.address.toLowerCase();
    if (addresses.has(a)) throw new ConfigError(`${file}: "subscribers.${i}.address": duplicate subscriber "${s.address}"`);
    addresses.add(a);
  }
  const baseDir = dirname(resolve(file));
  const abs = (p: string) => (p === ':memory:' || isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...cfg,
    warehouse: abs(cfg.warehouse),
    outDir: abs(cfg.outDir),
    sources: cfg.sources.map((s) => ({ ...s, location: /^https?:\/\//.test(s.location) ? s.location : abs(s.location) })),
    schedule: { ...cfg.schedule, jobs: cfg.schedule.jobs.map((j) => ({ ...j, timezone: j.timezone ?? cfg.timezone })) },
    baseDir,
    file: resolve(file),
  };
}

/** Reads and checks the config file. */
export function loadConfig(file = DEFAULT_CONFIG_FILE): Config {
  if (!existsSync(file)) throw new ConfigError(`${file}: config file not found (copy xian-report.config.example.yaml)`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  return normalizeConfig(raw, file);
}
