import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObservationRow } from '../../pipelines/types.ts';
import { validateObservations, type ObservationItem } from '../../pipelines/validate/observations.ts';

const NOW = { now: new Date('2026-06-01T00:00:00Z') };

const row = (over: Partial<ObservationRow> = {}): ObservationRow => ({
  geoCode: '610100',
  geo: "Xi'an",
  geoZh: '西安',
  indicator: 'industrial_value_added',
  periodYear: 2024,
  monthFrom: 1,
  monthTo: 5,
  measure: 'yoy_pct',
  value: 4.2,
  unit: '%',
  comparisonGroup: null,
  ...over,
});
const item = (over: Partial<ObservationRow> = {}, line: number | null = 1): ObservationItem => ({
  row: row(over),
  raw: `raw ${line}`,
  line,
});
const reasons = (items: ObservationItem[]) => validateObservations(items, NOW).flagged.map((f) => f.reason);

describe('validateObservations', () => {
  it('passes plausible rows through unchanged', () => {
    const items = [
      item(),
      item({ measure: 'plan_share_pct', indicator: 'key_project_investment', value: 200 }),
      item({ measure: 'plan_share_pct', indicator: 'key_project_investment', value: 0, monthTo: 6 }),
      item({ measure: 'yoy_pct', value: -100, indicator: 'exports' }),
      item({ measure: 'level', value: 0, unit: '亿元', indicator: 'gdp' }),
      item({ measure: 'count', value: 412, unit: '个', indicator: 'key_project_investment' }),
      item({ periodYear: 1949, indicator: 'retail_sales' }),
      item({ periodYear: 2027, indicator: 'imports' }),
      item({ monthFrom: 12, monthTo: 12 }),
    ];
    const { clean, flagged } = validateObservations(items, NOW);
    assert.deepEqual(clean, items.map((i) => i.row));
    assert.deepEqual(flagged, []);
  });

  it('flags values outside their range, naming the value and the limit', () => {
    assert.deepEqual(reasons([item({ measure: 'plan_share_pct', value: 230.5 })]), ['plan_share_pct 230.5 is outside 0..200']);
    assert.deepEqual(reasons([item({ measure: 'plan_share_pct', value: -1 })]), ['plan_share_pct -1 is outside 0..200']);
    assert.deepEqual(reasons([item({ value: 135 })]), ['yoy_pct 135 is outside -100..100']);
    assert.deepEqual(reasons([item({ value: -100.5 })]), ['yoy_pct -100.5 is outside -100..100']);
    assert.deepEqual(reasons([item({ measure: 'level', value: -3, unit: '亿元' })]), ['level -3 is below 0']);
    assert.deepEqual(reasons([item({ measure: 'count', value: 2.5, unit: '个' })]), ['count 2.5 is not a non-negative integer']);
    assert.deepEqual(reasons([item({ measure: 'count', value: -1, unit: '个' })]), ['count -1 is not a non-negative integer']);
    assert.deepEqual(reasons([item({ measure: 'peer_rank', value: 0 })]), ['peer_rank 0 is not a positive integer']);
    assert.deepEqual(reasons([item({ value: Number.NaN })]), ['yoy_pct NaN is not a number']);
  });

  it('flags months and years that cannot be', () => {
    assert.deepEqual(reasons([item({ monthFrom: 1, monthTo: 13 })]), ['months 1-13 are not a range within 1..12']);
    assert.deepEqual(reasons([item({ monthFrom: 0, monthTo: 3 })]), ['months 0-3 are not a range within 1..12']);
    assert.deepEqual(reasons([item({ monthFrom: 7, monthTo: 3 })]), ['months 7-3 are not a range within 1..12']);
    assert.deepEqual(reasons([item({ periodYear: 1930 })]), ['year 1930 is outside 1949..2027']);
    assert.deepEqual(reasons([item({ periodYear: 2028 })]), ['year 2028 is outside 1949..2027']);
  });

  it('keeps the line and the raw text in a flagged row', () => {
    assert.deepEqual(validateObservations([item({ value: 135 }, 7)], NOW).flagged, [
      { row: 7, raw: 'raw 7', reason: 'yoy_pct 135 is outside -100..100' },
    ]);
    assert.deepEqual(validateObservations([item({ value: 135 }, null)], NOW).flagged[0].row, null);
  });

  it('loads a figure repeated with the same value once', () => {
    const { clean, flagged } = validateObservations([item({}, 1), item({}, 9)], NOW);
    assert.deepEqual(clean, [row()]);
    assert.deepEqual(flagged, []);
  });

  it('flags every row of a geo, indicator, period and measure given with different values', () => {
    const { clean, flagged } = validateObservations([item({ value: 4.8 }, 1), item({ value: 5.1 }, 2), item({ measure: 'level', value: 10, unit: '亿元' }, 3)], NOW);
    assert.deepEqual(clean, [row({ measure: 'level', value: 10, unit: '亿元' })]);
    const reason = "conflicting yoy_pct figures 4.8 and 5.1 for Xi'an 西安 (610100), industrial_value_added, 2024 months 1-5 on one page";
    assert.deepEqual(flagged, [
      { row: 1, raw: 'raw 1', reason },
      { row: 2, raw: 'raw 2', reason },
    ]);
  });

  it('does not count rows of other places, periods or measures as duplicates', () => {
    const items = [item(), item({ geoCode: '610000', geo: 'Shaanxi', value: 3 }), item({ monthTo: 4, value: 4.5 }), item({ periodYear: 2023, value: 7 })];
    assert.equal(validateObservations(items, NOW).clean.length, 4);
  });

  it('uses the current year when no clock is given', () => {
    const next = new Date().getFullYear() + 1;
    assert.deepEqual(validateObservations([item({ periodYear: next + 1 })]).flagged.map((f) => f.reason), [
      `year ${next + 1} is outside 1949..${next}`,
    ]);
  });
});
