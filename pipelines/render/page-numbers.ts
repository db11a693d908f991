// Where each heading of a printed edition landed. Every heading is the target of a link on the
// contents page, so Chromium writes a named destination for it; `pdfinfo -dests` lists them
// with their pages. The contents page's numbers sit in fixed boxes: filling them in (or
// filling in wrong ones) moves nothing, so the pages read from any print of the same HTML are
// the pages of the final print.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a poppler tool, naming the package to install when it is missing. */
async function poppler(tool: 'pdfinfo' | 'pdftotext', args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error(`${tool} is not installed: the contents page needs it (apt-get install poppler-utils, or run \`npm start\` once as root)`);
    throw err;
  }
}

/** The 1-based page of each of `ids` (an element's id a link points to) in the PDF; an id not found is left out. */
export async function pagesOfAnchors(pdfPath: string, ids: string[]): Promise<Record<string, number>> {
  const text = await poppler('pdfinfo', ['-dests', pdfPath]);
  const wanted = new Set(ids);
  const found: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (m && wanted.has(m[2]!)) found[m[2]!] = Number(m[1]);
  }
  return found;
}

/** True when `claimed` gives every id the page it landed on. */
export const samePages = (claimed: Record<string, number | ''>, landed: Record<string, number>, ids: string[]): boolean =>
  ids.every((id) => landed[id] != null && claimed[id] === landed[id]);

/** The number of pages and the text of each, for checks. */
export async function pageTexts(pdfPath: string): Promise<string[]> {
  const stdout = await poppler('pdftotext', ['-enc', 'UTF-8', '-layout', pdfPath, '-']);
  return stdout.split('\f').slice(0, -1);
}
