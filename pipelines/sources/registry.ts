// Finds an adapter by its kind: the kind is the adapter's file name under pipelines/sources/,
// so adding a kind of page means adding a file, not editing a list.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { SourceConfig } from '../config.ts';
import type { SourceAdapter } from './contract.ts';
import { fromRoot } from '../project-paths.ts';

// The sources' folder, not this module's: compiled, this module runs from dist/.
const HERE = fromRoot('pipelines', 'sources');
// Modules beside the adapters that serve them; every other top-level file is an adapter.
const NOT_ADAPTERS = new Set(['contract', 'registry', 'fetch', 'decode', 'http', 'host-scheduler', 'indicators', 'ranking-common']);

/** The kinds of page there are adapters for. */
export function adapterKinds(): string[] {
  return readdirSync(HERE)
    .filter((f) => f.endsWith('.ts') && !NOT_ADAPTERS.has(f.slice(0, -3)))
    .map((f) => f.slice(0, -3))
    .sort();
}

export async function loadAdapter(kind: string, source = '?'): Promise<SourceAdapter> {
  const file = join(HERE, `${kind}.ts`);
  if (!/^[a-z0-9-]+$/.test(kind) || !existsSync(file) || !adapterKinds().includes(kind)) {
    throw new ConfigError(`source "${source}": unknown adapter "${kind}" (one of: ${adapterKinds().join(', ')})`);
  }
  // A template the compiler can see (scripts/build.mjs bundles every ./*.ts beside this one).
  const mod = (await import(`./${kind}.ts`)) as { default?: SourceAdapter };
  if (!mod.default || mod.default.kind !== kind) throw new Error(`${file} does not export an adapter of kind "${kind}"`);
  return mod.default;
}

/** Checks every enabled source's adapter and settings before anything loads: a bad one is a config error naming it. */
export async function checkSources(sources: readonly SourceConfig[], file: string): Promise<void> {
  for (const [i, source] of sources.entries()) {
    if (!source.enabled) continue;
    // An unknown adapter names the file and the key too, like every other config error.
    const adapter = await loadAdapter(source.adapter, source.name).catch((err: Error) => {
      throw err instanceof ConfigError ? new ConfigError(`${file}: "sources.${i}.adapter": ${err.message}`) : err;
    });
    checkSettings(adapter, source.settings, `sources.${i}.settings`, source, file);
    if (!adapter.linksTo) continue;
    // A listing's pages are read by another adapter, whose settings are checked here too.
    const linked = adapter.linksTo(source.settings);
    checkSettings(await loadAdapter(linked.adapter, source.name), linked.settings, `sources.${i}.settings.settings`, source, file);
  }
}

function checkSettings(adapter: SourceAdapter, settings: unknown, at: string, source: SourceConfig, file: string): void {
  const parsed = adapter.settings.safeParse(settings);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.join('.');
  const what = issue.code === 'unrecognized_keys' ? `unknown key for adapter ${adapter.kind}` : issue.message;
  throw new ConfigError(`${file}: "${at}.${key}": ${what} (source "${source.name}")`);
}
