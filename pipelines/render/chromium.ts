// Finds a Chromium to print with: PUPPETEER_EXECUTABLE_PATH, the config, then the usual paths.
import { ChromiumNotFoundError } from '../errors.ts';
import { accessSync, constants, readFileSync } from 'node:fs';
import { fromRoot } from '../project-paths.ts';

/** The usual places, in a JSON file that scripts/setup.mjs reads too (it runs before any package). */
export const USUAL_CHROMIUM_PATHS: string[] = JSON.parse(readFileSync(fromRoot('pipelines', 'render', 'chromium-paths.json'), 'utf8'));


const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export function findChromium(configured?: string, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.PUPPETEER_EXECUTABLE_PATH, configured, ...USUAL_CHROMIUM_PATHS].filter((p): p is string => !!p);
  const found = candidates.find(executable);
  if (!found) throw new ChromiumNotFoundError(candidates);
  return found;
}
