// The checked config, kept between processes (kept.ts): reading it means loading the YAML parser
// and zod and checking every field, more than a bare Node start costs, on every command, though
// the file rarely changes. A new build of the CLI, or any change to the file, checks it again,
// with the same errors as ever.
import { resolve } from 'node:path';
import type { Config } from './config.ts';
import { fileStamp } from './file-stamp.ts';
import { findKept, kept } from './kept.ts';
import { CODE_DIR, COMPILED, fromRoot } from './project-paths.ts';

/**
 * Which code checked the config: compiled, the build's folder (a new build, a new folder); run
 * through tsx, config.ts's own stamp says whether its schema changed.
 */
const codeStamp = () => (COMPILED ? CODE_DIR : `${CODE_DIR} ${fileStamp(fromRoot('pipelines', 'config.ts'))}`);

/**
 * The config of `file`, when it is first asked for: the kept one when the file has not changed,
 * without loading config.ts; otherwise config.ts reads and checks the file (throwing its
 * ConfigError as always), and its answer is kept for the next process.
 */
export async function configReader(file: string): Promise<() => Config> {
  const abs = resolve(file);
  const code = codeStamp();
  const found = findKept<Config>('config', [abs], code);
  if (found) return () => found.value;
  const { loadConfig } = await import('./config.ts');
  return () => kept('config', [abs], code, () => loadConfig(file));
}
