// The HTTP fetcher against a real server on 127.0.0.1 serving saved pages: charsets,
// conditional GET, retries, failures that must not retry, login pages and per-host spacing.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import { SnapshotError } from '../../pipelines/errors.ts';
import { decodeBody } from '../../pipelines/sources/decode.ts';
import { createHostScheduler } from '../../pipelines/sources/host-scheduler.ts';
import { DEFAULT_USER_AGENT, httpGet, isLoginPage, type HttpDeps, type HttpOptions } from '../../pipelines/sources/http.ts';
import { page, serve, startPageServer, type PageServer } from '../helpers/page-server.ts';

const OPTIONS: HttpOptions = { timeoutMs: 2000, retries: 3, retryBaseMs: 10, perHostDelayMs: 0, maxBodyBytes: 1_000_000 };

/** A clock that only moves when something sleeps, and the list of those sleeps. */
function fakeTime(): { deps: HttpDeps; sleeps: number[] } {
  let t = 0;
  const sleeps: number[] = [];
  const clock = {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
  return { deps: { scheduler: createHostScheduler(clock), sleep: clock.sleep }, sleeps };
}

const EXPECTED = [
  ['12', '西安', '陕西', '78.35'],
  ['15', '成都', '四川', '76.02'],
  ['21', '长沙', '湖南', '72.40'],
  ['24', '郑州', '河南', '70.91'],
];

function tableOf(html: string): string[][] {
  const $ = cheerio.load(html);
  return $('#ranking tr')
    .slice(1)
    .toArray()
    .map((tr) => $(tr).find('td').toArray().map((td) => $(td).text()));
}

/** The SnapshotError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<SnapshotError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof SnapshotError, `expected a SnapshotError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}

describe('httpGet', () => {
  let server: PageServer;
  let time: ReturnType<typeof fakeTime>;
  before(async () => {
    server = await startPageServer();
  });
  after(() => server.close());
  beforeEach(() => {
    time = fakeTime();
  });

  describe('charsets: the bytes are kept as served, and decode to the same table', () => {
    const utf8 = page('ranking-table.html');
    const gbk = iconv.encode(utf8.toString('utf8'), 'gbk');

    test('UTF-8 with the charset in the header', async () => {
      server.route('/utf8', serve(utf8, 'text/html; charset=utf-8'));
      const got = await httpGet(server.url('/utf8'), null, OPTIONS, time.deps);
      assert.deepEqual(Buffer.from(got.bytes), utf8);
      assert.equal(got.httpStatus, 200);
      assert.equal(got.contentType, 'text/html; charset=utf-8');
      assert.equal(got.notModified, false);
      const { text, encoding } = decodeBody(got.bytes, got.contentType);
      assert.equal(encoding, 'utf-8');
      assert.deepEqual(tableOf(text), EXPECTED);
    });

    test('GBK with the charset in the header', async () => {
      server.route('/gbk', serve(gbk, 'text/html; charset=GBK'));
      const got = await httpGet(server.url('/gbk'), null, OPTIONS, time.deps);
      assert.deepEqual(Buffer.from(got.bytes), gbk);
      const { text, encoding } = decodeBody(got.bytes, got.contentType);
      assert.equal(encoding, 'gb18030');
      assert.deepEqual(tableOf(text), EXPECTED);
    });

    test('GBK declared only in a <meta>', async () => {
      const bytes = iconv.encode(page('ranking-table-meta-gbk.html').toString('utf8'), 'gbk');
      server.route('/meta', serve(bytes, 'text/html'));
      const got = await httpGet(server.url('/meta'), null, OPTIONS, time.deps);
      const { text, encoding } = decodeBody(got.bytes, got.contentType);
      assert.equal(encoding, 'gb18030');
      assert.deepEqual(tableOf(text), EXPECTED);
    });

    test('GBK declared nowhere: detected', async () => {
      server.route('/nocharset', serve(gbk, 'text/html'));
      const got = await httpGet(server.url('/nocharset'), null, OPTIONS, time.deps);
      const { text, encoding } = decodeBody(got.bytes, got.contentType);
      assert.equal(encoding, 'gb18030');
      assert.deepEqual(tableOf(text), EXPECTED);
    });

    test('Big5 declared in an http-equiv <meta>', async () => {
      const bytes = iconv.encode(page('ranking-table-big5.html').toString('utf8'), 'big5');
      server.route('/big5', serve(bytes, 'text/html'));
      const got = await httpGet(server.url('/big5'), null, OPTIONS, time.deps);
      const { text, encoding } = decodeBody(got.bytes, got.contentType);
      assert.equal(encoding, 'big5');
      assert.deepEqual(tableOf(text), [
        ['12', '西安', '陝西', '78.35'],
        ['15', '成都', '四川', '76.02'],
        ['21', '長沙', '湖南', '72.40'],
        ['24', '鄭州', '河南', '70.91'],
      ]);
    });

    test('a gzip-compressed body is stored decompressed', async () => {
      const zipped = gzipSync(gbk);
      server.route('/gzip', (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=gbk', 'Content-Encoding': 'gzip', 'Content-Length': String(zipped.length) }).end(zipped);
      });
      const got = await httpGet(server.url('/gzip'), null, OPTIONS, time.deps);
      assert.deepEqual(Buffer.from(got.bytes), gbk);
    });
  });

  describe('headers sent', () => {
    test('a User-Agent naming the product, or the configured one', async () => {
      server.route('/ua', serve(Buffer.from('a,b\n1,2\n'), 'text/csv'));
      await httpGet(server.url('/ua'), null, OPTIONS, time.deps);
      await httpGet(server.url('/ua'), null, { ...OPTIONS, userAgent: 'xian-report/0.1.0 (+ops@example.org)' }, time.deps);
      const sent = server.requests.filter((r) => r.path === '/ua').map((r) => r.headers['user-agent']);
      assert.match(DEFAULT_USER_AGENT, /^xian-report\/\d+\.\d+\.\d+ \(\+economic research office; contact in config\)$/);
      assert.deepEqual(sent, [DEFAULT_USER_AGENT, 'xian-report/0.1.0 (+ops@example.org)']);
    });
  });

  describe('conditional GET', () => {
    test('an unchanged page with an ETag costs a 304', async () => {
      const body = page('ranking-table.html');
      server.route('/etag', serve(body, 'text/html; charset=utf-8', { etag: '"v1"', lastModified: 'Mon, 03 Oct 2022 08:00:00 GMT' }));
      const first = await httpGet(server.url('/etag'), null, OPTIONS, time.deps);
      assert.equal(first.etag, '"v1"');
      assert.equal(first.lastModified, 'Mon, 03 Oct 2022 08:00:00 GMT');
      const second = await httpGet(server.url('/etag'), { etag: first.etag, lastModified: first.lastModified }, OPTIONS, time.deps);
      assert.equal(second.notModified, true);
      assert.equal(second.httpStatus, 304);
      assert.equal(second.bytes.byteLength, 0);
      assert.equal(second.etag, '"v1"');
      const sent = server.requests.filter((r) => r.path === '/etag');
      assert.equal(sent.length, 2);
      assert.equal(sent[0]!.headers['if-none-match'], undefined);
      assert.equal(sent[1]!.headers['if-none-match'], '"v1"');
      assert.equal(sent[1]!.headers['if-modified-since'], 'Mon, 03 Oct 2022 08:00:00 GMT');
    });

    test('an unchanged page with only Last-Modified costs a 304', async () => {
      server.route('/lm', serve(page('ranking-table.html'), 'text/html', { lastModified: 'Tue, 04 Oct 2022 08:00:00 GMT' }));
      const first = await httpGet(server.url('/lm'), null, OPTIONS, time.deps);
      assert.equal(first.etag, null);
      const second = await httpGet(server.url('/lm'), { etag: null, lastModified: first.lastModified }, OPTIONS, time.deps);
      assert.equal(second.notModified, true);
      assert.equal(second.lastModified, 'Tue, 04 Oct 2022 08:00:00 GMT');
      assert.equal(server.count('/lm'), 2);
    });

    test('a 304 to a request that was not conditional is an error', async () => {
      server.route('/stray304', (_req, res) => void res.writeHead(304).end());
      const err = await failure(httpGet(server.url('/stray304'), null, OPTIONS, time.deps));
      assert.match(err.message, /stray304: answered 304 Not Modified to a request that was not conditional/);
    });
  });

  describe('retries', () => {
    test('a burst of 5xx, then the page: success after retries with doubling backoff', async () => {
      const body = page('ranking-table.html');
      server.route('/burst', (req, res, nth) => (nth <= 2 ? void res.writeHead(nth === 1 ? 500 : 503).end('busy') : serve(body, 'text/html')(req, res, nth)));
      const got = await httpGet(server.url('/burst'), null, OPTIONS, time.deps);
      assert.deepEqual(Buffer.from(got.bytes), body);
      assert.equal(server.count('/burst'), 3);
      assert.deepEqual(time.sleeps, [10, 20]);
    });

    test('always 500: fails after retries + 1 attempts, naming the URL and the status', async () => {
      server.route('/down', (_req, res) => void res.writeHead(500).end('oops'));
      const err = await failure(httpGet(server.url('/down'), null, { ...OPTIONS, retries: 2 }, time.deps));
      assert.equal(server.count('/down'), 3);
      assert.deepEqual(time.sleeps, [10, 20]);
      assert.equal(err.location, server.url('/down'));
      assert.equal(err.message, `${server.url('/down')}: HTTP 500 Internal Server Error (3 attempts) (fix: the site may be down or slow; run again later)`);
    });

    for (const [status, fix] of [
      [404, /the page is gone: find its new URL/],
      [403, /the source may need credentials or a new URL/],
      [401, /the source may need credentials or a new URL/],
    ] as const) {
      test(`${status}: no retry, one request`, async () => {
        server.route(`/s${status}`, (_req, res) => void res.writeHead(status).end('no'));
        const err = await failure(httpGet(server.url(`/s${status}`), null, OPTIONS, time.deps));
        assert.equal(server.count(`/s${status}`), 1);
        assert.deepEqual(time.sleeps, []);
        assert.match(err.message, new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s${status}: HTTP ${status} `));
        assert.match(err.message, fix);
      });
    }

    test('a server that never answers: fails naming the URL and "timed out", after retrying', async () => {
      server.route('/hang', () => undefined);
      const err = await failure(httpGet(server.url('/hang'), null, { ...OPTIONS, timeoutMs: 60, retries: 1 }, time.deps));
      assert.equal(server.count('/hang'), 2);
      assert.equal(err.message, `${server.url('/hang')}: timed out after 60 ms (2 attempts) (fix: the site may be down or slow; run again later, or raise http.timeoutMs)`);
    });

    test('a refused connection is a network error, retried', async () => {
      const closed = await startPageServer();
      const url = closed.url('/gone');
      await closed.close();
      const err = await failure(httpGet(url, null, { ...OPTIONS, retries: 1 }, time.deps));
      assert.deepEqual(time.sleeps, [10]);
      assert.equal(err.message, `${url}: network error: ECONNREFUSED (2 attempts) (fix: the site may be down or slow; run again later)`);
    });

    test('a truncated body (Content-Length larger than what arrives) is an error, retried, never returned', async () => {
      server.route('/truncated', (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': '5000' });
        res.write(page('ranking-table.html').subarray(0, 200));
        setTimeout(() => res.socket?.destroy(), 10);
      });
      const err = await failure(httpGet(server.url('/truncated'), null, { ...OPTIONS, retries: 1 }, time.deps));
      assert.equal(server.count('/truncated'), 2);
      assert.match(err.message, /\/truncated: the body was truncated: the connection closed before the end of the body \(2 attempts\)/);
    });

    test('a body larger than maxBodyBytes fails at once', async () => {
      server.route('/large', serve(page('ranking-table.html'), 'text/html'));
      const err = await failure(httpGet(server.url('/large'), null, { ...OPTIONS, maxBodyBytes: 100 }, time.deps));
      assert.equal(server.count('/large'), 1);
      assert.match(err.message, /\/large: the body is larger than 100 bytes \(fix: raise http\.maxBodyBytes/);
    });

    test('maxBodyBytes counts the bytes after decompression', async () => {
      const zipped = gzipSync(Buffer.alloc(300_000, 'a'));
      server.route('/bomb', (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip', 'Content-Length': String(zipped.length) }).end(zipped);
      });
      const err = await failure(httpGet(server.url('/bomb'), null, { ...OPTIONS, maxBodyBytes: 100_000 }, time.deps));
      assert.ok(zipped.length < 100_000);
      assert.equal(server.count('/bomb'), 1);
      assert.match(err.message, /\/bomb: the body is larger than 100000 bytes/);
    });

    test('a redirect loop stops after 5 redirects', async () => {
      server.route('/loop', (_req, res) => void res.writeHead(302, { Location: '/loop' }).end());
      const err = await failure(httpGet(server.url('/loop'), null, OPTIONS, time.deps));
      assert.equal(server.count('/loop'), 6);
      assert.match(err.message, /\/loop: more than 5 redirects/);
    });
  });

  describe('login pages', () => {
    test('HTTP 200 with a password form: the login error, no retry', async () => {
      server.route('/data', serve(page('login.html'), 'text/html; charset=utf-8'));
      const err = await failure(httpGet(server.url('/data'), null, OPTIONS, time.deps));
      assert.equal(server.count('/data'), 1);
      assert.equal(
        err.message,
        `${server.url('/data')}: returned a login page instead of data; the source may need credentials or a new URL (fix: check the URL in a browser)`,
      );
    });

    test('a login page in GBK is recognised too', async () => {
      const bytes = iconv.encode(page('login.html').toString('utf8').replace('utf-8', 'gbk'), 'gbk');
      assert.equal(await isLoginPage(bytes, 'text/html'), true);
    });

    test('a redirect to a /login URL: the login error, naming where it went', async () => {
      server.route('/stats', (_req, res) => void res.writeHead(302, { Location: '/passport/login?service=/stats' }).end());
      server.route('/passport/login', serve(Buffer.from('<p>please sign in</p>'), 'text/html'));
      const err = await failure(httpGet(server.url('/stats'), null, OPTIONS, time.deps));
      assert.match(err.message, /\/stats: returned a login page instead of data; the source may need credentials or a new URL \(redirected to http:\/\/127\.0\.0\.1:\d+\/passport\/login\?service=\/stats\)/);
    });

    test('a data page that only mentions passwords, and an ordinary redirect, are not login pages', async () => {
      const body = Buffer.from('<table id="ranking"><tr><th>password</th></tr><tr><td>type=password</td></tr></table>');
      assert.equal(await isLoginPage(body, 'text/html'), false);
      server.route('/moved', (_req, res) => void res.writeHead(301, { Location: '/new-home' }).end());
      server.route('/new-home', serve(body, 'text/html'));
      const got = await httpGet(server.url('/moved'), null, OPTIONS, time.deps);
      assert.deepEqual(Buffer.from(got.bytes), body);
    });
  });

  describe('politeness', () => {
    test('requests to one host are spaced by perHostDelayMs (by the injected clock)', async () => {
      server.route('/a', serve(Buffer.from('a'), 'text/plain'));
      const opts = { ...OPTIONS, perHostDelayMs: 1000 };
      for (let i = 0; i < 3; i++) await httpGet(server.url('/a'), null, opts, time.deps);
      assert.deepEqual(time.sleeps, [1000, 1000]);
    });

    test('a retry waits out its backoff and what is left of the per-host delay', async () => {
      server.route('/flaky', (req, res, nth) => (nth === 1 ? void res.writeHead(502).end() : serve(Buffer.from('ok'), 'text/plain')(req, res, nth)));
      await httpGet(server.url('/flaky'), null, { ...OPTIONS, perHostDelayMs: 1000, retryBaseMs: 100 }, time.deps);
      assert.deepEqual(time.sleeps, [100, 900]);
    });
  });
});
