// Where each heading of a printed edition landed: the first print carries a mark in each
// heading ("@@intro@@", invisible and out of the flow), and pdftotext says on which page each
// mark stands. The contents page is then filled in and the edition printed again.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The 1-based page of each mark id in the PDF; a mark not found is left out. */
export async function pagesOfMarks(pdfPath: string, ids: string[]): Promise<Record<string, number>> {
  let text: string;
  try {
    ({ stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 }));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error('pdftotext is not installed: the contents page needs it (apt-get install poppler-utils, or run `npm start` once as root)');
    throw err;
  }
  const pages = text.split('\f');
  const found: Record<string, number> = {};
  for (const id of ids) {
    const at = pages.findIndex((p) => p.includes(`@@${id}@@`));
    if (at >= 0) found[id] = at + 1;
  }
  return found;
}

/** The number of pages and the text of each, for checks. */
export async function pageTexts(pdfPath: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', '-layout', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\f').slice(0, -1);
}
