import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ordinal, ordinalNumber, periodPhrase } from '../../pipelines/render/narrative.ts';

test('ordinals', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 112].map(ordinalNumber), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '112th']);
  assert.equal(ordinal(1), 'first');
  assert.equal(ordinal(12), '12th');
});

test('periods in words', () => {
  assert.equal(periodPhrase(2022, 1, 6), 'the first half of 2022');
  assert.equal(periodPhrase(2022, 1, 9), 'the first three quarters of 2022');
  assert.equal(periodPhrase(2023, 1, 3), 'the first quarter of 2023');
  assert.equal(periodPhrase(2023, 4, 6), 'the second quarter of 2023');
  assert.equal(periodPhrase(2023, 1, 12), 'the whole of 2023');
  assert.equal(periodPhrase(2023, 1, 5), 'January–May 2023');
  assert.equal(periodPhrase(2023, 8, 8), 'August 2023');
});

test('numbers, periods, units and ranks as each language writes them', async () => {
  const f = await import('../../pipelines/render/format.ts');
  assert.equal(f.periodText('zh', 2022, 1, 6), '2022年上半年');
  assert.equal(f.periodText('zh', 2025, 1, 5), '2025年1—5月');
  assert.equal(f.periodText('zh', 2023, 4, 6), '2023年二季度');
  assert.equal(f.amountText('zh', 1234.5, '亿元'), '1234.5亿元');
  assert.equal(f.amountText('en', 1234.5, '亿元'), '1,234.5 × 100 million yuan');
  assert.equal(f.amountText('zh', 12, 'cities'), '12个');
  assert.equal(f.rankText('zh', 12), '第12位');
  assert.equal(f.rankText('en', 12), '12th');
  assert.equal(f.nameBoth('zh', { name: "Xi'an", nameZh: '西安' }), "西安（Xi'an）");
  assert.equal(f.nameBoth('en', { name: "Xi'an", nameZh: '西安' }), "Xi'an (西安)");
  assert.equal(f.signedPct(-1.5), '−1.5%');
});
