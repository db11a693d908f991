import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnsourcedFigureError } from '../../pipelines/errors.ts';
import { Citations } from '../../pipelines/render/citations.ts';
import type { SourceRow } from '../../pipelines/render/edition-data.ts';

const snapshot = (id: number): SourceRow => ({
  snapshot_id: id,
  source: `s${id}`,
  location: `data/s${id}.csv`,
  fetched_at: new Date('2026-11-28T00:00:00Z'),
  sha256: 'a'.repeat(64),
  published: null,
  provenance: 'p',
  adapter: 'table-csv',
  adapter_version: 1,
});

test('notes are numbered in reading order, one per snapshot and words', () => {
  const cite = new Citations([snapshot(1), snapshot(2)]);
  assert.equal(cite.cite('a', { snapshot_id: 2, quote: 'row a', quote_offset: 10 }), 1);
  assert.equal(cite.cite('b', { snapshot_id: 1, quote: 'row b', quote_offset: 0 }), 2);
  assert.equal(cite.cite('c', { snapshot_id: 2, quote: 'row a', quote_offset: 10 }), 1);
  assert.equal(cite.marker('d', { snapshot_id: 1, quote: 'row d', quote_offset: 5 }), '<sup class="cite"><a href="#note-3">[3]</a></sup>');
  assert.deepEqual(cite.notes().map((n) => [n.n, n.source.source, n.quote, n.figures]), [
    [1, 's2', 'row a', ['a', 'c']],
    [2, 's1', 'row b', ['b']],
    [3, 's1', 'row d', ['d']],
  ]);
});

test('a figure with no source stops the build, naming the figure', () => {
  const cite = new Citations([snapshot(1)]);
  assert.throws(() => cite.cite("Xi'an fixed_asset_investment 2025-01..05 yoy_pct", undefined), (e: unknown) => e instanceof UnsourcedFigureError && /fixed_asset_investment 2025-01\.\.05 yoy_pct/.test(e.message));
  assert.throws(() => cite.cite('rank', { snapshot_id: 9, quote: 'x', quote_offset: 0 }), UnsourcedFigureError);
});
