// Reads the bytes of a source's location. Files are read from disk; http(s) URLs go through
// the HTTP fetcher. Either way the caller gets the raw bytes, never decoded text.
import { readFile, stat } from 'node:fs/promises';
import type { FilesConfig, HttpConfig } from '../config.ts';
import { SnapshotError } from '../errors.ts';
import type { Fetched, Prior } from './fetched.ts';
import { defaultHttpDeps, httpGet, type HttpDeps } from './http.ts';

export type { Fetched, Prior };

export async function fetchLocation(
  location: string,
  prior: Prior | null,
  http?: HttpConfig,
  httpDeps: HttpDeps = defaultHttpDeps,
  files?: FilesConfig,
): Promise<Fetched> {
  // The defaults only when a caller gives none (a run always does): config.ts brings zod and the YAML parser.
  const defaults = () => import('../config.ts');
  if (/^https?:\/\//.test(location)) return httpGet(location, prior, http ?? (await defaults()).HTTP_DEFAULTS, httpDeps);
  const { maxBytes } = files ?? (await defaults()).FILES_DEFAULTS;
  let bytes: Buffer;
  try {
    // Checked before reading, so an oversized file costs neither the memory nor a snapshot.
    const { size } = await stat(location);
    if (size > maxBytes) throw tooLarge(location, size, maxBytes);
    bytes = await readFile(location);
  } catch (err) {
    if (err instanceof SnapshotError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(location, null, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`, 'check the source\'s location in the config');
  }
  // The file may have grown between the two calls.
  if (bytes.byteLength > maxBytes) throw tooLarge(location, bytes.byteLength, maxBytes);
  return { bytes, contentType: null, httpStatus: null, etag: null, lastModified: null, notModified: false };
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

function tooLarge(location: string, size: number, limit: number): SnapshotError {
  return new SnapshotError(
    location,
    null,
    `the file is ${megabytes(size)} (${size} bytes), above the limit of ${megabytes(limit)} (files.maxBytes); not read or stored`,
    'check that the source points at the right file, or raise files.maxBytes in the config if it really is that large',
  );
}
