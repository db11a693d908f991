// Checks ranking rows as read against the gazetteer and against each other; splits clean from flagged.
import type { RankedUnit } from '../sources/ranking/lists.ts';
import { GAZETTEER_FIX, resolveRankedPlace, type RankedPlace } from '../sources/ranking/places.ts';
import type { FlaggedRow, RankingRow, YearSource } from '../types.ts';

/** One ranking row as an adapter read it, before the gazetteer has named the city. */
export interface ReadRankingRow {
  list: string;
  /** null when neither the page (about the list) nor the settings give the year: the row is flagged. */
  year: number | null;
  /** NaN when the rank cell could not be read. */
  rank: number;
  /** City as printed: any script, with or without 市; English also works. */
  city: string;
  /** Province as printed, or null when the source gives none. */
  province: string | null;
  /** Prefecture-level city printed beside a county or district (a 地级市 column), when the source gives it. */
  prefecture?: string | null;
  /** NaN when the score cell could not be read; null when there is none. */
  score: number | null;
  /** The row as read, for the flagged report. */
  raw: string;
  /** 1-based row or line number in the snapshot. */
  line: number | null;
  /** Rank and score cells as printed, so reasons can quote them. */
  rankText?: string;
  scoreText?: string;
  /** Where the year came from. */
  yearSource?: YearSource | null;
  /** The sentence or table row the row was read from, and its character offset in the adapter's page text. */
  quote?: string | null;
  offset?: number | null;
  /** The source writes the rank as shared (并列): not a duplicate. */
  tied?: boolean;
}

export interface ValidateOptions {
  /** The source lists every rank from 1 to the last: gaps are flagged. */
  complete?: boolean;
  /** What the list ranks: cities (the default), counties or districts; picks the gazetteer layer. */
  unit?: RankedUnit;
  /** Prefecture-level cities the page names: tell a shared county or district name apart. */
  prefectures?: readonly string[];
}

export interface ValidatedRankings {
  clean: RankingRow[];
  flagged: FlaggedRow[];
}

export { GAZETTEER_FIX };

interface Checked {
  read: ReadRankingRow;
  place: RankedPlace | null;
  reasons: string[];
}

/** Reasons that concern one row alone. */
function checkRow(read: ReadRankingRow, options: ValidateOptions): Checked {
  const reasons: string[] = [];
  if (!Number.isInteger(read.rank) || read.rank < 1) {
    reasons.push(`rank ${read.rankText ?? String(read.rank)} is not a positive whole number`);
  }
  if (read.score != null && (!Number.isFinite(read.score) || read.score < 0)) {
    reasons.push(`score ${read.scoreText ?? String(read.score)} is not a number of 0 or more`);
  }
  const prefectures = read.prefecture?.trim() ? [read.prefecture.trim().replace(/市$/, '')] : (options.prefectures ?? []);
  const resolved = resolveRankedPlace(read.city, options.unit ?? 'city', read.province, prefectures);
  const place = 'place' in resolved ? resolved.place : null;
  if ('reason' in resolved) reasons.push(resolved.reason);
  return { read, place, reasons };
}

const groupKey = (r: ReadRankingRow): string => `${r.list}\u0000${r.year}`;

/** Flags every row that shares its rank with another row of the same list and year. */
function checkDuplicates(rows: Checked[]): void {
  const byRank = new Map<string, Checked[]>();
  for (const c of rows) {
    if (!Number.isInteger(c.read.rank) || c.read.rank < 1) continue;
    const key = `${groupKey(c.read)}\u0000${c.read.rank}`;
    byRank.set(key, [...(byRank.get(key) ?? []), c]);
  }
  for (const same of byRank.values()) {
    // Ties written as such (并列) share their rank; a duplicate is two rows claiming it alone.
    if (same.length < 2 || same.every((c) => c.read.tied)) continue;
    for (const c of same) c.reasons.push(`rank ${c.read.rank} appears ${same.length} times in ${c.read.list} ${c.read.year}`);
  }
}

/** Ranks 1..max that no row has, as a flagged item of its own. */
function checkGaps(rows: Checked[]): FlaggedRow[] {
  const flagged: FlaggedRow[] = [];
  const groups = new Map<string, Checked[]>();
  for (const c of rows) groups.set(groupKey(c.read), [...(groups.get(groupKey(c.read)) ?? []), c]);
  for (const group of groups.values()) {
    const ranks = new Set(group.map((c) => c.read.rank).filter((r) => Number.isInteger(r) && r >= 1));
    if (!ranks.size) continue;
    const max = Math.max(...ranks);
    const missing: number[] = [];
    for (let r = 1; r <= max; r++) if (!ranks.has(r)) missing.push(r);
    if (missing.length) {
      const { list, year } = group[0]!.read;
      flagged.push({
        row: null,
        raw: `${list} ${year}`,
        reason: `${list} ${year} should be complete but rank${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
      });
    }
  }
  return flagged;
}

/**
 * Scores must not rise as ranks fall. At each inversion the row that is out of line with its own
 * neighbours is the outlier (a 615 among 30-90, or an 88.0 between 52.3 and 51.9); if both fit, the
 * higher score of the worse rank is. Equal scores are ties, never flagged. Repeats until in order.
 */
function checkScoreOrder(rows: Checked[]): void {
  const groups = new Map<string, Checked[]>();
  for (const c of rows) {
    if (c.reasons.length || c.read.score == null) continue;
    groups.set(groupKey(c.read), [...(groups.get(groupKey(c.read)) ?? []), c]);
  }
  for (const group of groups.values()) {
    const seq = [...group].sort((a, b) => a.read.rank - b.read.rank);
    const score = (i: number): number => (i < 0 ? Infinity : i >= seq.length ? -Infinity : seq[i]!.read.score!);
    for (;;) {
      const i = seq.findIndex((_, k) => k > 0 && score(k) > score(k - 1));
      if (i < 0) break;
      const fits = (k: number, before: number, after: number): boolean => score(before) >= score(k) && score(k) >= score(after);
      const worseFits = fits(i, i - 2, i + 1);
      const betterFits = fits(i - 1, i - 2, i + 1);
      const out = !worseFits || betterFits ? i : i - 1;
      const c = seq[out]!;
      const prev = seq[out - 1];
      const next = seq[out + 1];
      const around = [prev && `rank ${prev.read.rank}: ${prev.read.score}`, next && `rank ${next.read.rank}: ${next.read.score}`]
        .filter(Boolean)
        .join(', ');
      c.reasons.push(`score ${c.read.scoreText ?? c.read.score} at rank ${c.read.rank} is out of line with its neighbours (${around})`);
      seq.splice(out, 1);
    }
  }
}

export function validateRankings(rows: readonly ReadRankingRow[], options: ValidateOptions = {}): ValidatedRankings {
  const checked = rows.map((r) => checkRow(r, options));
  checkDuplicates(checked);
  const gaps = options.complete ? checkGaps(checked) : [];
  checkScoreOrder(checked);
  // Last, so that a list with no year is still checked for order and duplicates.
  for (const c of checked) {
    if (c.read.year == null) c.reasons.push("no year for the list: the page does not state one beside the list's name; set `year` in the source's settings");
  }

  const clean: RankingRow[] = [];
  const flagged: FlaggedRow[] = [];
  for (const { read, place, reasons } of checked) {
    if (reasons.length || !place || read.year == null) {
      flagged.push({ row: read.line, raw: read.raw, reason: reasons.join('; ') });
      continue;
    }
    clean.push({
      list: read.list,
      year: read.year,
      rank: read.rank,
      cityCode: place.code,
      city: place.name,
      cityZh: place.nameZh,
      province: place.province,
      score: read.score,
      // Only what the adapter knows: older adapters give none of these.
      ...(read.yearSource ? { yearSource: read.yearSource } : {}),
      ...(read.quote != null ? { quote: read.quote, offset: read.offset ?? null } : {}),
      ...(read.tied ? { tied: true } : {}),
    });
  }
  return { clean, flagged: [...flagged, ...gaps] };
}
