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
