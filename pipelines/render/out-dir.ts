// The output folder follows the warehouse: an edition exists when its row is committed, and
// out/ is brought in line with the rows at the start of each build. Left behind by a process
// killed while printing: scratch folders `.<key>.<pid>.tmp` and files `*.<pid>.tmp` (removed
// when their pid is gone), an edition folder whose row never committed (removed), and
// `latest.*` naming an edition the warehouse does not have, or not the last one (rewritten).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { isAlive } from '../warehouse/pid.ts';
import { writeAtomic } from '../write-atomic.ts';

/** The pid in a temporary name (`.<key>.<pid>.tmp`, `<file>.<pid>.tmp`), or null. */
export const pidOfTemp = (name: string): number | null => {
  const m = /\.(\d+)\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
};

const staleTemp = (name: string) => {
  const pid = pidOfTemp(name);
  return pid != null && pid !== process.pid && !isAlive(pid);
};

/** The edition number at the end of a key (`2026-11-28-xian-en-0003` → 3). */
export const numberOfKey = (key: string): number | null => {
  const m = /^\d{4}-\d{2}-\d{2}-.+-(\d{4,})$/.exec(key);
  return m ? Number(m[1]) : null;
};

export interface Reconciled {
  tempsRemoved: string[];
  orphansRemoved: string[];
  latestRewritten: boolean;
}

/** The newest edition's row, which `latest.*` must name. */
interface LastEdition {
  id: number;
  edition_key: string;
  pdf_path: string;
}

/** Publishes an edition as the latest: the PDF copy first, then the name. */
export async function writeLatest(outDir: string, key: string, pdfPath: string): Promise<string> {
  const latestPath = join(outDir, 'latest.pdf');
  await writeAtomic(latestPath, await readFile(pdfPath));
  await writeAtomic(join(outDir, 'latest.txt'), `${key}\n`);
  return latestPath;
}

/** Brings outDir in line with the warehouse; the caller holds the writer lock. */
export async function reconcileOutDir(wh: Warehouse, outDir: string): Promise<Reconciled> {
  const done: Reconciled = { tempsRemoved: [], orphansRemoved: [], latestRewritten: false };
  const [last] = await wh.allFile<LastEdition>('queries/last_edition');
  const editionsDir = join(outDir, 'editions');
  for (const dir of [outDir, editionsDir]) {
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (staleTemp(e.name)) {
        rmSync(join(dir, e.name), { recursive: true, force: true });
        done.tempsRemoved.push(join(dir, e.name));
      } else if (dir === editionsDir && e.isDirectory()) {
        // A folder put in place in the transaction that was then lost: no row names it.
        const n = numberOfKey(e.name);
        if (n != null && n > (last?.id ?? 0)) {
          rmSync(join(dir, e.name), { recursive: true, force: true });
          done.orphansRemoved.push(join(dir, e.name));
        }
      }
    }
  }
  const latestTxt = join(outDir, 'latest.txt');
  const named = existsSync(latestTxt) ? readFileSync(latestTxt, 'utf8').trim() : null;
  if (!last) {
    if (named != null || existsSync(join(outDir, 'latest.pdf'))) {
      rmSync(join(outDir, 'latest.pdf'), { force: true });
      rmSync(latestTxt, { force: true });
      done.latestRewritten = true;
    }
  } else if ((named !== last.edition_key || !existsSync(join(outDir, 'latest.pdf'))) && existsSync(last.pdf_path)) {
    await writeLatest(outDir, last.edition_key, last.pdf_path);
    done.latestRewritten = true;
  }
  return done;
}
