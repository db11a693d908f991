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

/**
 * The 1-based page of each of `ids` (an element's id a link points to) in the PDF; an id not
 * found is left out. Read from the bytes when given and laid out as Chromium writes them
 * (skiaDests), else with `pdfinfo -dests`: spawning it costs more than the reading.
 */
export async function pagesOfAnchors(pdfPath: string, ids: string[], bytes?: Uint8Array): Promise<Record<string, number>> {
  const read = bytes ? skiaDests(bytes) : null;
  if (read) return Object.fromEntries(ids.filter((id) => read.has(id)).map((id) => [id, read.get(id)!]));
  const text = await poppler('pdfinfo', ['-dests', pdfPath]);
  const wanted = new Set(ids);
  const found: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (m && wanted.has(m[2]!)) found[m[2]!] = Number(m[1]);
  }
  return found;
}

/**
 * The named destinations of a PDF as Chromium's PDF writer (Skia) lays it out: a classic xref
 * table, plain (uncompressed) dictionaries, a /Pages tree and a /Dests dictionary of
 * `/name [page 0 R /XYZ x y z]`. Null when anything is not in that form (the caller asks pdfinfo).
 */
export function skiaDests(bytes: Uint8Array): Map<string, number> | null {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.slice(-64));
  if (!start) return null;
  const xref = /^xref\s+0 (\d+)\s+/.exec(pdf.slice(Number(start[1]), Number(start[1]) + 32));
  if (!xref) return null;
  const count = Number(xref[1]);
  const table = Number(start[1]) + xref[0].length;
  /** The dictionary of object n (its text up to `endobj`), or null. */
  const object = (n: number): string | null => {
    if (!(n > 0 && n < count)) return null;
    const entry = pdf.slice(table + n * 20, table + n * 20 + 18);
    if (!/^\d{10} \d{5} n$/.test(entry)) return null;
    const at = Number(entry.slice(0, 10));
    const end = pdf.indexOf('endobj', at);
    const head = `${n} 0 obj`;
    return pdf.startsWith(head, at) && end > 0 ? pdf.slice(at + head.length, end) : null;
  };
  const root = /\/Root (\d+) 0 R/.exec(pdf.slice(pdf.lastIndexOf('trailer')));
  const catalog = root && object(Number(root[1]));
  const pagesRef = catalog && /\/Pages (\d+) 0 R/.exec(catalog);
  const destsRef = catalog && /\/Dests (\d+) 0 R/.exec(catalog);
  if (!pagesRef) return null;
  // Page objects in order, walking the /Kids of the /Pages tree.
  const pageOf = new Map<number, number>();
  const walk = (n: number, depth: number): boolean => {
    const dict = object(n);
    if (!dict || depth > 32) return false;
    if (/\/Type \/Page\b(?!s)/.test(dict)) {
      pageOf.set(n, pageOf.size + 1);
      return true;
    }
    const kids = /\/Kids \[([\d\sR]*)\]/.exec(dict);
    if (!kids) return false;
    return [...kids[1]!.matchAll(/(\d+) 0 R/g)].every((k) => walk(Number(k[1]), depth + 1));
  };
  if (!walk(Number(pagesRef[1]), 0)) return null;
  const found = new Map<string, number>();
  if (!destsRef) return found; // no heading was linked
  const dests = object(Number(destsRef[1]));
  if (!dests) return null;
  for (const d of dests.matchAll(/\/([^\s/\[\]<>()]+) \[(\d+) 0 R \/XYZ/g)) {
    const page = pageOf.get(Number(d[2]));
    if (page == null) return null;
    found.set(d[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), page);
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
