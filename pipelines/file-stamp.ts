// What says a file changed without reading it: its size, modification and change times (in
// nanoseconds) and inode. Any write or replacement changes at least one of them.
import { statSync } from 'node:fs';

/** The file's stamp, or null when it does not exist. */
export function fileStamp(file: string): string | null {
  try {
    const st = statSync(file, { bigint: true });
    return `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}`;
  } catch {
    return null;
  }
}
