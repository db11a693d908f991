// Where the project's own files are (warehouse SQL, templates, reference data, package.json),
// found from one place: this module runs from pipelines/ under tsx and from dist/ once compiled
// (scripts/build.mjs), so no other module may resolve files relative to itself.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the nearest folder above this module that holds package.json. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));


/**
 * Which code is running: compiled, the build's folder (dist/build-<fingerprint>/, a new folder for
 * every change of the sources); run through tsx, the sources' folder (pipelines/).
 */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));
/** Whether this is the compiled build (not the TypeScript sources through tsx). */
export const COMPILED = !import.meta.url.endsWith('.ts');

/** A path under the project's root: fromRoot('warehouse', 'migrations'). */
export function fromRoot(...parts: string[]): string {
  return join(ROOT, ...parts);
}

/** The lock file: it names the version of every package (what a kept value derived with one depends on). */
export const LOCK_FILE = fromRoot('package-lock.json');

/**
 * A package loaded from the project's node_modules, synchronously (require): for a package only
 * a rare path needs, loaded there rather than imported by every process that imports the module.
 */
export const requirePackage = <T>(name: string): T => createRequire(fromRoot('package.json'))(name) as T;

function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: cannot find the project's files`);
  }
}
