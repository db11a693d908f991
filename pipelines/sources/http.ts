// GET one page for a source. Polite (a User-Agent naming the product, a delay between requests
// to one host), cheap when nothing changed (conditional GET), patient with passing failures
// (retries with backoff on network errors, timeouts and 5xx) and strict with the rest: a 4xx,
// a truncated body or a login page fails the source instead of becoming a snapshot.
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import axios, { AxiosError, type AxiosResponse } from 'axios';
import pRetry from 'p-retry';
import { SnapshotError } from '../errors.ts';
import { decodeBody } from './decode.ts';
import type { Fetched, Prior } from './fetched.ts';
import { createHostScheduler, type HostScheduler } from './host-scheduler.ts';
import { fromRoot } from '../project-paths.ts';

export interface HttpOptions {
  /** One attempt, from connecting to the last byte. */
  timeoutMs: number;
  /** Further attempts after the first, on network errors, timeouts, truncated bodies and 5xx. */
  retries: number;
  /** The first backoff; each retry waits twice as long as the one before. */
  retryBaseMs: number;
  /** The least time between the starts of two requests to one host. */
  perHostDelayMs: number;
  /** Replaces the default User-Agent (e.g. to add a contact address). */
  userAgent?: string;
  /** A larger body (after decompression) fails the source. */
  maxBodyBytes: number;
}

export interface HttpDeps {
  scheduler: HostScheduler;
  /** Waits out a backoff. */
  sleep: (ms: number) => Promise<void>;
}

export const MAX_REDIRECTS = 5;

const VERSION = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;
export const DEFAULT_USER_AGENT = `xian-report/${VERSION} (+economic research office; contact in config)`;

const realSleep = (ms: number) => delay(ms).then(() => undefined);

/** Real time, and one scheduler for the whole process, so that all sources share the per-host spacing. */
export const defaultHttpDeps: HttpDeps = {
  scheduler: createHostScheduler({ now: Date.now, sleep: realSleep }),
  sleep: realSleep,
};

/** Why one attempt failed, and whether another attempt could go differently. */
class AttemptFailure extends Error {
  constructor(
    readonly detail: string,
    readonly retry: boolean,
    readonly fix: string,
  ) {
    super(detail);
    this.name = 'AttemptFailure';
  }
}

const LATER = 'the site may be down or slow; run again later';
const LOGIN_URL = /login|signin|sign-in|passport/i;
export const LOGIN_PAGE = 'returned a login page instead of data; the source may need credentials or a new URL';

/**
 * GETs `url`. With a `prior` it asks only for a newer page; a 304 comes back as `notModified`.
 * Throws a SnapshotError naming the URL when no good body could be read.
 */
export async function httpGet(url: string, prior: Prior | null, options: HttpOptions, deps: HttpDeps = defaultHttpDeps): Promise<Fetched> {
  let attempts = 0;
  try {
    return await pRetry(
      () => {
        attempts++;
        return attempt(url, prior, options, deps);
      },
      {
        retries: options.retries,
        // p-retry's own delay is switched off: the backoff goes through deps.sleep, so tests can see it.
        minTimeout: 0,
        shouldRetry: async ({ error, retriesConsumed }) => {
          if (!(error instanceof AttemptFailure && error.retry)) return false;
          await deps.sleep(options.retryBaseMs * 2 ** retriesConsumed);
          return true;
        },
      },
    );
  } catch (err) {
    if (!(err instanceof AttemptFailure)) throw err;
    const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
    throw new SnapshotError(url, null, `${err.detail}${tries}`, err.fix);
  }
}

async function attempt(url: string, prior: Prior | null, options: HttpOptions, deps: HttpDeps): Promise<Fetched> {
  await deps.scheduler.turn(new URL(url).host, options.perHostDelayMs);
  const headers: Record<string, string> = {
    'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    Accept: 'text/html,application/xhtml+xml,text/csv,application/json;q=0.9,*/*;q=0.8',
  };
  if (prior?.etag) headers['If-None-Match'] = prior.etag;
  if (prior?.lastModified) headers['If-Modified-Since'] = prior.lastModified;

  let finalUrl = url;
  let res: AxiosResponse<Buffer>;
  try {
    res = await axios.get<Buffer>(url, {
      headers,
      responseType: 'arraybuffer',
      // Bytes stay bytes: the charset is decode.ts's job. (gzip/deflate/br are undone by axios,
      // and maxContentLength counts the bytes after that.)
      transformResponse: [(data: Buffer) => data],
      timeout: options.timeoutMs,
      // axios's timeout restarts with every byte; this one bounds the whole attempt.
      signal: AbortSignal.timeout(options.timeoutMs),
      maxRedirects: MAX_REDIRECTS,
      maxContentLength: options.maxBodyBytes,
      beforeRedirect: (redirect: { href?: string }) => {
        if (redirect.href) finalUrl = redirect.href;
      },
      validateStatus: () => true,
      // Node's own http: named, axios does not try a fetch adapter first (which loads undici).
      adapter: 'http',
    });
  } catch (err) {
    throw failureOf(err, options);
  }

  const landed = new URL(finalUrl);
  if (finalUrl !== url && LOGIN_URL.test(landed.host + landed.pathname)) {
    throw new AttemptFailure(`${LOGIN_PAGE} (redirected to ${finalUrl})`, false, 'check the URL in a browser');
  }
  const status = res.status;
  const header = (name: string): string | null => {
    const v = res.headers[name];
    return v == null ? null : String(v);
  };

  if (status === 304) {
    if (!prior) throw new AttemptFailure('answered 304 Not Modified to a request that was not conditional', false, 'check the URL in a browser');
    return {
      bytes: new Uint8Array(0),
      contentType: header('content-type'),
      httpStatus: 304,
      etag: header('etag') ?? prior.etag,
      lastModified: header('last-modified') ?? prior.lastModified,
      notModified: true,
    };
  }
  if (status >= 500) throw new AttemptFailure(`HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`, true, LATER);
  if (status >= 400) throw new AttemptFailure(`HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`, false, fixOf4xx(status));
  if (status < 200 || status >= 300) throw new AttemptFailure(`unexpected HTTP ${status}`, false, 'check the URL in a browser');

  // A body shorter than its Content-Length never gets here: Node's parser reports it as aborted (failureOf).
  const bytes = res.data;
  const contentType = header('content-type');
  if (await isLoginPage(bytes, contentType)) throw new AttemptFailure(LOGIN_PAGE, false, 'check the URL in a browser');
  return {
    bytes,
    contentType,
    httpStatus: status,
    etag: header('etag'),
    lastModified: header('last-modified'),
    notModified: false,
  };
}

function fixOf4xx(status: number): string {
  if (status === 401 || status === 403) return 'the site refuses access: the source may need credentials or a new URL';
  if (status === 404 || status === 410) return "the page is gone: find its new URL and update the source's location in the config";
  if (status === 429) return 'the site asks for fewer requests: raise http.perHostDelayMs and run again later';
  return "check the source's URL in the config";
}

function failureOf(err: unknown, options: HttpOptions): Error {
  if (!(err instanceof AxiosError)) return err as Error;
  const code = err.code ?? '';
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return new AttemptFailure(`more than ${MAX_REDIRECTS} redirects`, false, 'check the URL in a browser');
  }
  if (/maxContentLength/.test(err.message)) {
    return new AttemptFailure(`the body is larger than ${options.maxBodyBytes} bytes`, false, 'raise http.maxBodyBytes if the page really is that large');
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return new AttemptFailure(`timed out after ${options.timeoutMs} ms`, true, `${LATER}, or raise http.timeoutMs`);
  }
  // The headers came, the body did not finish.
  if (err.response || /aborted/i.test(err.message)) {
    return new AttemptFailure('the body was truncated: the connection closed before the end of the body', true, LATER);
  }
  return new AttemptFailure(`network error: ${code || err.message}`, true, LATER);
}

/** A page with a password field in a form: what sites answer instead of data when a session is needed. */
export async function isLoginPage(bytes: Uint8Array, contentType: string | null): Promise<boolean> {
  if (contentType && !/html|xml|text\/plain/i.test(contentType)) return false;
  // Cheap test first (tags are ASCII in every charset we read), so a large table is not parsed for nothing.
  const ascii = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (!/type\s*=\s*["']?password/i.test(ascii)) return false;
  // Imported here, not at the top: every load job fetches, few pages ask for a password.
  const cheerio = await import('cheerio');
  const $ = cheerio.load(decodeBody(bytes, contentType).text);
  return $('form input[type="password" i]').length > 0;
}
