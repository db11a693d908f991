// The listing adapter on its own: links and the dates beside them, <base href>, the next page,
// which links `follow` takes and why not the others; and the example config's listing entries.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { normalizeConfig } from '../../pipelines/config.ts';
import { checkSources } from '../../pipelines/sources/registry.ts';
import { dateIn, pageUrlOf, readListing, whyNotFollowed } from '../../pipelines/sources/listing.ts';
import { ROOT } from '../helpers/workspace.ts';

const PAGE = `<html><head><base href="http://site.test/col/"></head><body>
<div class="nav"><a href="/">首页</a><a href="/about/">机构概况</a></div>
<table>
  <tr><td><a href="a/2024/0318.html" title="2024年1-2月全市经济运行简况">2024年1-2月全市经济…</a></td><td>[2024/3/18]</td></tr>
  <tr><td><a href="../other/0412.html#top">一季度全市经济运行情况</a> 2024年4月12日</td></tr>
  <tr><td><a href="javascript:void(0)">打印</a><a href="mailto:x@site.test">联系我们</a></td></tr>
</table>
<ul><li><span>2024.05.16</span><a href="https://mirror.test/0516.html">1-4月全市规模以上工业生产情况</a></li></ul>
<div class="pager"><a href="index.html">上一页</a> <a href="index.html">1</a> <a href="index_2.html">下一页</a> <a href="index_9.html">尾页</a></div>
</body></html>`;

test('readListing: links resolved against <base href>, titles from the title attribute, dates beside them, the next page', () => {
  const { links, next } = readListing(PAGE, 'http://site.test/col/index_1.html');
  assert.deepEqual(links, [
    { url: 'http://site.test/about/', title: '机构概况', date: null },
    { url: 'http://site.test/col/a/2024/0318.html', title: '2024年1-2月全市经济运行简况', date: '2024-03-18' },
    { url: 'http://site.test/other/0412.html', title: '一季度全市经济运行情况', date: '2024-04-12' },
    { url: 'https://mirror.test/0516.html', title: '1-4月全市规模以上工业生产情况', date: '2024-05-16' },
  ]);
  assert.equal(next, 'http://site.test/col/index_2.html');
});

test('readListing: without <base> links resolve against the page; no next link is null', () => {
  const { links, next } = readListing('<ul><li><a href="art_1.html">全市经济运行</a>2024-03-19</li></ul>', 'http://site.test/col/list.html');
  assert.deepEqual(links, [{ url: 'http://site.test/col/art_1.html', title: '全市经济运行', date: '2024-03-19' }]);
  assert.equal(next, null);
});

test('dateIn: the usual ways dates are printed; impossible ones are not dates', () => {
  assert.equal(dateIn('发布时间：2024-3-9'), '2024-03-09');
  assert.equal(dateIn('(2024.12.01)'), '2024-12-01');
  assert.equal(dateIn('2024年 6月 18日'), '2024-06-18');
  assert.equal(dateIn('2024-13-01'), null);
  assert.equal(dateIn('1-5月'), null);
});

test('whyNotFollowed: every rule given must hold; no rule takes the dated links', () => {
  const link = { url: 'http://site.test/col/a/2024/0318.html', title: '2024年1-2月全市经济运行简况', date: '2024-03-18' };
  assert.equal(whyNotFollowed(link, {}), null);
  assert.match(whyNotFollowed({ ...link, date: null }, {})!, /no date beside it/);
  assert.equal(whyNotFollowed({ ...link, date: null }, { words: ['经济运行'] }), null);
  assert.match(whyNotFollowed(link, { words: ['投资'] })!, /title holds none of 投资/);
  assert.match(whyNotFollowed(link, { url: '/col/b/' })!, /URL does not match/);
  assert.equal(whyNotFollowed(link, { title: '^\\d{4}年' , url: '/a/\\d{4}/' }), null);
  assert.match(whyNotFollowed(link, { since: '2024-04-01' })!, /dated before 2024-04-01/);
  assert.match(whyNotFollowed(link, { until: '2024-03-01' })!, /dated after 2024-03-01/);
  assert.match(whyNotFollowed({ ...link, date: null }, { words: ['经济运行'], since: '2024-01-01' })!, /no date beside it/);
});

test('pageUrlOf: {page} counts from 2 at the second page, {index} from 1', () => {
  assert.equal(pageUrlOf('index_{index}.html', 2, 'http://site.test/col/index.html'), 'http://site.test/col/index_1.html');
  assert.equal(pageUrlOf('http://site.test/col/list?page={page}', 3, 'http://site.test/col/'), 'http://site.test/col/list?page=3');
});

test("the example config's listing entries (commented out) pass the checks, their pages' adapters too", async () => {
  const text = readFileSync(join(ROOT, 'xian-report.config.example.yaml'), 'utf8');
  const start = text.indexOf('  # - name: xian-stats-releases');
  assert.ok(start > 0, 'the example carries the listing entries');
  const block = text
    .slice(start, text.indexOf('\n\n', start))
    .split('\n')
    .filter((l) => /^ {2}# [ -]/.test(l))
    .map((l) => l.replace(/^ {2}# /, '  '))
    .filter((l) => !/^\s+#/.test(l))
    .join('\n')
    .replace(/<[^>]+>/g, 'column');
  const cfg = normalizeConfig(parse(`sources:\n${block}`), 'example');
  assert.deepEqual(cfg.sources.map((s) => [s.name, s.adapter]), [
    ['xian-stats-releases', 'listing'],
    ['shaanxi-stats-releases', 'listing'],
    ['xian-drc-projects', 'listing'],
    ['ccid-top100-announcements', 'listing'],
  ]);
  await checkSources(cfg.sources, 'example');
});
