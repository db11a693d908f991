// A real HTTP server on 127.0.0.1 whose answers each test scripts, and which records every
// request it got (path and headers), so that tests can count attempts and check headers.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ROOT } from './workspace.ts';

export type Handler = (req: IncomingMessage, res: ServerResponse, nth: number) => void;

export interface PageServer {
  /** The absolute URL of a path on this server. */
  url: (path: string) => string;
  /** Sets (or replaces) how `path` is answered; `nth` counts the requests to it, from 1. */
  route: (path: string, handler: Handler) => void;
  /** Every request so far, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Requests to one path. */
  count: (path: string) => number;
  close: () => Promise<void>;
}

/** A saved page under tests/fixtures/pages, as bytes. */
export const page = (name: string): Buffer => readFileSync(join(ROOT, 'tests', 'fixtures', 'pages', name));

export async function startPageServer(): Promise<PageServer> {
  const routes = new Map<string, Handler>();
  const requests: PageServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (!handler) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such test page');
      return;
    }
    handler(req, res, requests.filter((r) => r.path === path).length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => void routes.set(path, handler),
    requests,
    count: (path) => requests.filter((r) => r.path === path).length,
    close: () =>
      new Promise<void>((resolve) => {
        // Some tests leave a request hanging on purpose.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with `body` and its headers; honours If-None-Match / If-Modified-Since when `validators` are given. */
export function serve(body: Buffer, contentType: string, validators: { etag?: string; lastModified?: string } = {}): Handler {
  return (req, res) => {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (validators.etag) headers.ETag = validators.etag;
    if (validators.lastModified) headers['Last-Modified'] = validators.lastModified;
    const fresh =
      (validators.etag && req.headers['if-none-match'] === validators.etag) ||
      (validators.lastModified && !validators.etag && req.headers['if-modified-since'] === validators.lastModified);
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(body.length) }).end(body);
  };
}
