// Reads the one config file, checks it against a schema, and resolves its paths.
// An unknown key or a wrong type stops the program with one line naming the key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

export const DEFAULT_CONFIG_FILE = 'xian-report.config.yaml';

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
    language: z.enum(['en']).default('en'),
    /** Id of the ranking list whose trajectory the edition follows. */
    rankingList: z.string().default('ccid-top100-advanced-manufacturing-cities'),
    /** The first year of the list the edition compares against. */
    baseYear: z.number().int().default(2018),
    title: z.string().default("High-quality development of Xi'an's advanced manufacturing"),
    publisher: z.string().default('Economic Research Office'),
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
    sources: z.array(SourceSpec).default([]),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema> & {
  /** Folder of the config file: relative paths resolve against it. */
  baseDir: string;
  file: string;
};
export type SourceConfig = z.infer<typeof SourceSpec>;

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
  const baseDir = dirname(resolve(file));
  const abs = (p: string) => (p === ':memory:' || isAbsolute(p) ? p : resolve(baseDir, p));
  return {
    ...cfg,
    warehouse: abs(cfg.warehouse),
    outDir: abs(cfg.outDir),
    sources: cfg.sources.map((s) => ({ ...s, location: /^https?:\/\//.test(s.location) ? s.location : abs(s.location) })),
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
