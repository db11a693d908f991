// Where the edition's templates, styles and messages live, and which files they are (apart from
// html.ts, so that the edition's fingerprint is taken without loading Handlebars).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot } from '../project-paths.ts';

export const TEMPLATES_DIR = fromRoot('templates');

/** Every template file (layout, partials, CSS, messages), for the edition's fingerprint. */
export function templateFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(TEMPLATES_DIR).sort();
}
