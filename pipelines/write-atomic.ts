// Writes a file under a temporary name named for our pid, then renames it over the old one: a
// reader never sees half a file, and a process killed between the two leaves only `*.<pid>.tmp`
// (swept by out-dir.ts in out/, harmless elsewhere).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** writeAtomic(), for callers that cannot wait (the files kept between processes). */
export function writeAtomicSync(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
