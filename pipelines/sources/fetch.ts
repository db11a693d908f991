// Reads the bytes of a source's location. Files are read from disk; http(s) URLs go through
// the HTTP fetcher. Either way the caller gets the raw bytes, never decoded text.
import { readFile } from 'node:fs/promises';
import { HTTP_DEFAULTS, type HttpConfig } from '../config.ts';
import { SnapshotError } from '../errors.ts';
import type { Fetched, Prior } from './fetched.ts';
import { defaultHttpDeps, httpGet, type HttpDeps } from './http.ts';

export type { Fetched, Prior };

export async function fetchLocation(
  location: string,
  prior: Prior | null,
  http: HttpConfig = HTTP_DEFAULTS,
  httpDeps: HttpDeps = defaultHttpDeps,
): Promise<Fetched> {
  if (/^https?:\/\//.test(location)) return httpGet(location, prior, http, httpDeps);
  try {
    const bytes = await readFile(location);
    return { bytes, contentType: null, httpStatus: null, etag: null, lastModified: null, notModified: false };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SnapshotError(location, null, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code})`, 'check the source\'s location in the config');
  }
}
