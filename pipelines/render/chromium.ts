// Finds a Chromium to print with: PUPPETEER_EXECUTABLE_PATH, the config, then the usual paths.
import { accessSync, constants } from 'node:fs';

export const USUAL_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export class ChromiumNotFoundError extends Error {
  readonly exitCode = 1;
  constructor(tried: string[]) {
    super(
      `no Chromium found (tried ${tried.join(', ')}). Fix: run "npm run setup" (installs Debian's chromium), ` +
        'or "apt-get install chromium", or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.',
    );
    this.name = 'ChromiumNotFoundError';
  }
}

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
