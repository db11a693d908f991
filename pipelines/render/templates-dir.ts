// Where the edition's templates, styles and messages live.
import { fromRoot } from '../project-paths.ts';

export const TEMPLATES_DIR = fromRoot('templates');
