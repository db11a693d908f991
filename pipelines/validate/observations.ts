// Plausibility checks on observations read from one page, before they are loaded. A row that fails goes to
// `flagged` with a sentence naming the value and the limit; the rest is loaded.
import type { FlaggedRow, ObservationRow } from '../types.ts';

export interface ObservationItem {
  row: ObservationRow;
  /** The text the row was read from. */
  raw: string;
  line: number | null;
}

export interface ValidateOptions {
  /** The clock for the upper year limit; tests pin it. */
  now?: Date;
}

export const MIN_YEAR = 1949;
/** Indicators whose level can be below zero (a net balance, say). None in the vocabulary yet. */
const NEGATIVE_LEVEL_INDICATORS = new Set<string>();

/** Why a row is implausible on its own, or null. */
export const rangeProblem = (row: ObservationRow, maxYear: number): string | null => {
  const { value, measure } = row;
  if (!Number.isFinite(value)) return `${measure} ${value} is not a number`;
  if (!Number.isInteger(row.periodYear) || row.periodYear < MIN_YEAR || row.periodYear > maxYear) {
    return `year ${row.periodYear} is outside ${MIN_YEAR}..${maxYear}`;
  }
  const { monthFrom: from, monthTo: to } = row;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 12 || from > to) {
    return `months ${from}-${to} are not a range within 1..12`;
  }
  switch (measure) {
    case 'plan_share_pct':
      return value < 0 || value > 200 ? `plan_share_pct ${value} is outside 0..200` : null;
    case 'yoy_pct':
      return value < -100 || value > 100 ? `yoy_pct ${value} is outside -100..100` : null;
    case 'level':
      return value < 0 && !NEGATIVE_LEVEL_INDICATORS.has(row.indicator) ? `level ${value} is below 0` : null;
    case 'count':
      return !Number.isInteger(value) || value < 0 ? `count ${value} is not a non-negative integer` : null;
    case 'peer_rank':
    case 'rank_over_years':
      return !Number.isInteger(value) || value < 1 ? `${measure} ${value} is not a positive integer` : null;
  }
};

/** The latest plausible year: next year, by the clock given. */
export const maxYearOf = (now: Date = new Date()): number => now.getFullYear() + 1;

/** The reason given to every row of a group that states one figure with different values (rows in file order). */
export function conflictReason(group: readonly ObservationRow[]): string | null {
  const values = [...new Set(group.map((r) => r.value))];
  if (values.length === 1) return null;
  const { geo, geoZh, geoCode, indicator, periodYear, monthFrom, monthTo, measure } = group[0]!;
  return (
    `conflicting ${measure} figures ${values.join(' and ')} for ${geo}${geoZh ? ` ${geoZh}` : ''} (${geoCode}), ${indicator}, ` +
    `${periodYear} months ${monthFrom}-${monthTo} on one page`
  );
}

// Keyed by the place's code: Suzhou (苏州) and Suzhou (宿州) are two places.
export const keyOf = (r: ObservationRow) => [r.geoCode, r.indicator, r.periodYear, r.monthFrom, r.monthTo, r.measure, r.comparisonGroup ?? ''].join('|');

/**
 * Splits rows into clean and flagged. Rows repeated with the same value (a summary and a detail paragraph)
 * are loaded once; rows for the same geo, indicator, period and measure with different values are all
 * flagged, since the page does not say which one is right.
 */
export const validateObservations = (
  items: ObservationItem[],
  opts: ValidateOptions = {},
): { clean: ObservationRow[]; flagged: FlaggedRow[] } => {
  const maxYear = maxYearOf(opts.now);
  const flagged: FlaggedRow[] = [];
  const plausible: ObservationItem[] = [];
  for (const item of items) {
    const problem = rangeProblem(item.row, maxYear);
    if (problem) flagged.push({ row: item.line, raw: item.raw, reason: problem });
    else plausible.push(item);
  }

  const groups = new Map<string, ObservationItem[]>();
  for (const item of plausible) {
    const key = keyOf(item.row);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const clean: ObservationRow[] = [];
  for (const group of groups.values()) {
    const reason = conflictReason(group.map((i) => i.row));
    if (reason === null) clean.push(group[0]!.row);
    else for (const item of group) flagged.push({ row: item.line, raw: item.raw, reason });
  }
  return { clean, flagged };
};
