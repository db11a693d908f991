// What every part of the bench gets: the checkout under test, how many runs, where to report
// progress, and the workspaces parts share (built once per bench run).
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from './workspace.ts';

export interface BenchContext {
  /** The checkout whose CLI is measured. */
  root: string;
  quick: boolean;
  /** Runs per measured command (medians are printed). */
  runs: number;
  /** Rows of the loading bench's CSV. */
  rows: number;
  /** Cities of the every-city bench. */
  cities: number;
  /** Progress, on stderr. */
  log: (msg: string) => void;
  /** The Chromium the project finds (PUPPETEER_EXECUTABLE_PATH, then the usual paths). */
  chromium: string;
  /** A workspace with the shipped data loaded and a first edition printed (made once, shared). */
  shipped: () => Promise<Workspace>;
  /** Workspaces to remove at the end. */
  cleanup: (() => void)[];
}

export function findChromium(root: string): string {
  const usual = JSON.parse(readFileSync(join(root, 'pipelines', 'render', 'chromium-paths.json'), 'utf8')) as string[];
  const found = [process.env.PUPPETEER_EXECUTABLE_PATH, ...usual].filter((p): p is string => !!p).find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error('no Chromium found: run `npm run setup` (or set PUPPETEER_EXECUTABLE_PATH)');
  return found;
}

export function makeContext(opts: Omit<BenchContext, 'shipped' | 'cleanup' | 'chromium'>): BenchContext {
  const cleanup: (() => void)[] = [];
  let shipped: Promise<Workspace> | null = null;
  const ctx: BenchContext = {
    ...opts,
    chromium: findChromium(opts.root),
    cleanup,
    shipped: () =>
      (shipped ??= (async () => {
        const ws = Workspace.create(opts.root, 'shipped');
        cleanup.push(() => ws.remove());
        opts.log('preparing: `xian-report run` on the shipped data (a loaded warehouse and a first edition)');
        await ws.xian(['run', '-q']);
        return ws;
      })()),
  };
  return ctx;
}
