// Where the edition's templates, styles and messages live.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');
