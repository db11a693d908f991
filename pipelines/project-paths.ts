// Where the project's own files are (warehouse SQL, templates, reference data, package.json),
// found from one place: this module runs from pipelines/ under tsx and from dist/ once compiled
// (scripts/build.mjs), so no other module may resolve files relative to itself.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the nearest folder above this module that holds package.json. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the project's root: fromRoot('warehouse', 'migrations'). */
export function fromRoot(...parts: string[]): string {
  return join(ROOT, ...parts);
}

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: cannot find the project's files`);
  }
}
