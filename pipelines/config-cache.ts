// The checked config, kept between processes. Reading the config means loading the YAML parser
// and zod and checking every field: more than a bare Node start costs, on every command, though
// the file rarely changes. A config once checked is kept in the system's temporary folder under
// a name derived from the file's path, with a stamp of the file (size, times, inode) and of the
// code that checked it; while both still match, the next start takes it as it is. Any change to
// the file, or a new build of the CLI, reads and checks it again, with the same errors as ever.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { fileStamp } from './file-stamp.ts';

const cacheDir = () => join(tmpdir(), 'xian-report-config');

/**
 * Which code checked the config: compiled, this module's URL names its build folder (a new build,
 * a new folder); run through tsx, config.ts's own stamp says whether its schema changed.
 */
function codeStamp(): string {
  const here = import.meta.url;
  return here.endsWith('.ts') ? `${here} ${fileStamp(fileURLToPath(new URL('./config.ts', here)))}` : here;
}

/** The file a config's copy is kept in, named for the config's path. */
const nameFor = (abs: string) => `${createHash('sha1').update(abs).digest('hex').slice(0, 16)}.json`;

interface Kept {
  file: string;
  stamp: string;
  code: string;
  config: Config;
}

function readKept(file: string): Config | null {
  const abs = resolve(file);
  const stamp = fileStamp(abs);
  if (!stamp) return null;
  try {
    const kept = JSON.parse(readFileSync(join(cacheDir(), nameFor(abs)), 'utf8')) as Kept;
    return kept.file === abs && kept.stamp === stamp && kept.code === codeStamp() ? kept.config : null;
  } catch {
    return null;
  }
}

function keep(file: string, stampBefore: string | null, config: Config): void {
  const abs = resolve(file);
  // Changed while it was being read: not kept, so that the next start reads it again.
  if (!stampBefore || fileStamp(abs) !== stampBefore) return;
  const path = join(cacheDir(), nameFor(abs));
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(tmp, JSON.stringify({ file: abs, stamp: stampBefore, code: codeStamp(), config } satisfies Kept));
    renameSync(tmp, path);
  } catch {
    // Only a shortcut: the next start reads the file again.
    rmSync(tmp, { force: true });
  }
}

/**
 * The config of `file`, when it is first asked for. When the file was checked before and has not
 * changed, that config, without loading config.ts; otherwise config.ts reads and checks the file
 * (throwing its ConfigError as always) and what it returns is kept for the next start.
 */
export async function configReader(file: string): Promise<() => Config> {
  const kept = readKept(file);
  if (kept) return () => kept;
  const { loadConfig } = await import('./config.ts');
  return () => {
    const stamp = fileStamp(resolve(file));
    const cfg = loadConfig(file);
    keep(file, stamp, cfg);
    return cfg;
  };
}
