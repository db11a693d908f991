// A folder of this user's in a temporary folder every user of the machine shares (/tmp,
// /dev/shm): named for the user, made readable by the user alone, and trusted only while it is a
// real folder of that user that no one else can write to. Another user could otherwise make it
// first, or link it elsewhere, and plant what this program then reads, or keep it from working.
import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const checked = new Map<string, boolean>();

/** `<root>/<name>-<uid>`: the user's folder of that name under root. */
export const privateFolderPath = (root: string, name: string): string => join(root, `${name}-${process.getuid?.() ?? 'user'}`);

/**
 * The user's folder `name` under root, made if missing, or null when it cannot be trusted
 * (another user's, a link, not a folder, or not creatable). One of the user's own that was open to
 * others is closed and emptied: what is in it may not be theirs. Checked once per process.
 */
export function privateFolder(root: string, name: string): string | null {
  const dir = privateFolderPath(root, name);
  let ok = checked.get(dir);
  if (ok === undefined) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const st = lstatSync(dir);
      const uid = process.getuid?.();
      ok = st.isDirectory() && (uid === undefined || st.uid === uid);
      if (ok && uid !== undefined && (st.mode & 0o077) !== 0) {
        chmodSync(dir, 0o700);
        for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
      }
    } catch {
      ok = false;
    }
    checked.set(dir, ok);
  }
  return ok ? dir : null;
}
