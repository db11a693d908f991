// A build that found nothing new to print, remembered beside the warehouse
// (`<warehouse>.no-change.json`) with all it read: the warehouse file's stamp, taken after the
// warehouse was closed and under the writer lock; the config as it applied (`--city` included);
// the build of the code; and the stamps of the templates, the SQL and the reference data. A later
// build or publish tick that finds every one of them as it was gives the same answer without
// reading the figures again (the models, the data tests, the edition's queries: most of an idle
// tick). Any write to the warehouse, by any command, changes its stamp. `--force` never asks.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { treeStamp, warehouseStamp } from '../file-stamp.ts';
import { CODE_DIR, fromRoot } from '../project-paths.ts';
import { writeAtomicSync } from '../write-atomic.ts';

/** Why no edition was printed, and the edition nothing changed since. */
export interface NoChange {
  because: string;
  since: { id: number; key: string };
}

interface Remembered {
  stamp: string;
  inputs: string;
  noChange: NoChange;
}

const pathOf = (warehouse: string) => `${warehouse}.no-change.json`;

/**
 * Everything besides the warehouse that an edition's fingerprint or its figures depend on, as a
 * hash: taken once, before the figures are read, and given to both recall and remember.
 */
export function noChangeInputs(cfg: Config): string {
  const dirs = [['templates'], ['warehouse', 'models'], ['warehouse', 'queries'], ['warehouse', 'tests'], ['warehouse', 'migrations'], ['data', 'reference']];
  const text = JSON.stringify({ code: CODE_DIR, config: cfg, files: treeStamp(dirs.map((d) => fromRoot(...d))) });
  return createHash('sha256').update(text).digest('hex');
}

/** The remembered answer, if the warehouse's stamp before this run opened it and every input are as they were. */
export function recallNoChange(cfg: Config, stampBeforeOpen: string, inputs: string): NoChange | null {
  let kept: Remembered;
  try {
    kept = JSON.parse(readFileSync(pathOf(cfg.warehouse), 'utf8')) as Remembered;
  } catch {
    return null;
  }
  return kept.stamp === stampBeforeOpen && kept.inputs === inputs ? kept.noChange : null;
}

/** Remembers that nothing changed, once the warehouse is closed (its stamp is then final). */
export function rememberNoChange(cfg: Config, noChange: NoChange, inputs: string): void {
  try {
    writeAtomicSync(pathOf(cfg.warehouse), JSON.stringify({ stamp: warehouseStamp(cfg.warehouse), inputs, noChange } satisfies Remembered));
  } catch {
    // Only a shortcut: the next tick reads the figures again.
  }
}
