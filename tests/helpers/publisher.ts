// A publisher over time, played by the local page server: a listing column ("统计发布") whose
// pages list releases newest first with the date beside each, a "下一页" link, and the release
// pages themselves. Every page carries an ETag of its bytes, so conditional requests get 304s.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { serve, type PageServer } from './page-server.ts';
import { ROOT } from './workspace.ts';

export interface Entry {
  href: string;
  title: string;
  /** Printed beside the link as 2024-03-19. */
  date: string | null;
}

/** A release page under tests/fixtures/listing, as bytes. */
export const release = (name: string): Buffer => readFileSync(join(ROOT, 'tests', 'fixtures', 'listing', name));

const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;

/** A listing page in the usual shape: site navigation, a list of dated links, a pager. */
export function listingHtml(entries: Entry[], opts: { charset?: 'utf-8' | 'gbk'; base?: string; next?: string } = {}): string {
  const items = entries
    .map((e) => `  <li><a href="${e.href}" title="${e.title}" target="_blank">${e.title.length > 12 ? `${e.title.slice(0, 12)}…` : e.title}</a>${e.date ? `<span class="date">${e.date}</span>` : ''}</li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=${opts.charset ?? 'utf-8'}">
<title>统计发布</title>
${opts.base ? `<base href="${opts.base}">` : ''}
</head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/jggk/">机构概况</a> <a href="/tjfb/">统计发布</a></div>
<ul class="list">
${items}
</ul>
<div class="pager"><a href="/tjfb/index.html">首页</a> <a href="/tjfb/index.html">1</a>${opts.next ? ` <a href="${opts.next}">下一页</a>` : ''}</div>
</body>
</html>
`;
}

/** Serves `body` at `path` with an ETag, answering 304 to a request that already has it. */
export function publish(server: PageServer, path: string, body: Buffer, contentType = 'text/html'): void {
  server.route(path, serve(body, contentType, { etag: etagOf(body) }));
}

/** Serves a listing page, encoded as its charset says. */
export function publishListing(server: PageServer, path: string, entries: Entry[], opts: { charset?: 'utf-8' | 'gbk'; base?: string; next?: string } = {}): void {
  const html = listingHtml(entries, opts);
  publish(server, path, opts.charset === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8'));
}
