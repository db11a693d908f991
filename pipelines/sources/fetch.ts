// Reads the bytes of a source's location. Files are read from disk; http(s) URLs go through
// the HTTP fetcher. Either way the caller gets the raw bytes, never decoded text.
import { readFile } from 'node:fs/promises';
import { HTTP_DEFAULTS, type HttpConfig } from '../config.ts';
import { SnapshotError } from '../errors.ts';
import { defaultHttpDeps, httpGet, type HttpDeps } from './http.ts';

export interface Fetched {
  bytes: Uint8Array;
  contentType: string | null;
  httpStatus: number | null;
  etag: string | null;
  lastModified: string | null;
  /** True when the server answered 304: nothing new to read. */
  notModified: boolean;
}

/** What the last loaded snapshot of this location said, for a conditional request. */
export interface Prior {
  etag: string | null;
  lastModified: string | null;
}

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
