// What says a file changed without reading it: its size, modification and change times (in
// nanoseconds) and inode. Any write or replacement changes at least one of them.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The file's stamp, or null when it does not exist. */
export function fileStamp(file: string): string | null {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * A DuckDB file's stamp: the file's and its WAL's (present while a writer has changes not yet
 * checkpointed). Every write changes one or the other; read after the file was closed.
 */
export const warehouseStamp = (warehouse: string) => `${fileStamp(warehouse) ?? 'none'} ${fileStamp(`${warehouse}.wal`) ?? 'none'}`;

/** warehouseStamp() of a warehouse that does not exist yet. */
export const NO_WAREHOUSE = 'none none';

/** The stamps of every file under these folders, as one string (a changed, added or removed file changes it). */
export function treeStamp(dirs: string[]): string {
  const lines: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      lines.push(`${dir} none`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else lines.push(`${path} ${fileStamp(path)}`);
    }
  };
  for (const dir of dirs) walk(dir);
  return lines.join('\n');
}
