// The sentences of an edition that state figures, written from the indicator models so
// that new data rewrites them. English now; the language is a parameter for what follows.
import type { EditionData, GrowthRow, PlanPaceRow, TrajectoryRow } from './edition-data.ts';
import { indicatorName, listName } from './labels.ts';

export type Language = 'en';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function ordinal(n: number): string {
  const words = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  if (Number.isInteger(n) && n >= 1 && n <= 10) return words[n]!;
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

/** 12 → "12th", for ranks in tables and charts. */
export function ordinalNumber(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

export const pct = (v: number) => `${Number.isInteger(v) ? v.toFixed(1) : String(Math.round(v * 100) / 100)}%`;
const points = (v: number) => String(Math.round(Math.abs(v) * 100) / 100);

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "the first half of 2022", "January–May 2023", "the first three quarters of 2022". */
export function periodPhrase(year: number, from: number, to: number): string {
  if (from === 1 && to === 12) return `the whole of ${year}`;
  if (from === 1 && to === 6) return `the first half of ${year}`;
  if (from === 1 && to === 9) return `the first three quarters of ${year}`;
  if (from === 1 && to === 3) return `the first quarter of ${year}`;
  if (to - from === 2 && from % 3 === 1) return `the ${ordinal((from + 2) / 3)} quarter of ${year}`;
  if (from === to) return `${MONTHS[from - 1]} ${year}`;
  return `${MONTHS[from - 1]}–${MONTHS[to - 1]} ${year}`;
}

export function monthYear(year: number, month: number): string {
  return `${MONTHS[month - 1]} ${year}`;
}

function rankSentences(city: string, cityZh: string | null, list: string, rows: TrajectoryRow[]): string[] {
  const name = listName(list);
  const who = cityZh ? `${city} (${cityZh})` : city;
  const published = rows.filter((r) => r.rank != null);
  if (published.length === 0) return [`No rank of ${city} on the ${name.en} list is available in the data.`];
  const latest = published.at(-1)!;
  const out: string[] = [];
  let first = `On the ${name.en} list of ${latest.year}, ${who} ranked ${ordinalNumber(latest.rank!)}`;
  if (latest.change_vs_base != null && latest.year !== latest.base_year) {
    const c = latest.change_vs_base;
    first +=
      c > 0
        ? `, ${c} ${c === 1 ? 'place' : 'places'} higher than its ${ordinalNumber(latest.base_rank)} in ${latest.base_year}`
        : c < 0
          ? `, ${-c} ${c === -1 ? 'place' : 'places'} lower than its ${ordinalNumber(latest.base_rank)} in ${latest.base_year}`
          : `, the same place as in ${latest.base_year}`;
  }
  out.push(`${first}.`);
  if (latest.previous_year != null && latest.previous_year !== latest.base_year && latest.change_vs_previous != null) {
    const c = latest.change_vs_previous;
    out.push(
      c === 0
        ? `It held the place it had in ${latest.previous_year}.`
        : `Against the previous list in the data (${latest.previous_year}, ${ordinalNumber(latest.previous_rank!)}), it moved ${c > 0 ? 'up' : 'down'} ${Math.abs(c)}.`,
    );
  }
  const missing = rows.filter((r) => r.rank == null).map((r) => String(r.year));
  if (missing.length > 0) {
    out.push(`Its ${missing.length === 1 ? 'rank' : 'ranks'} for ${joinList(missing)} ${missing.length === 1 ? 'is' : 'are'} not available in the data.`);
  }
  return out;
}

function growthSentence(g: GrowthRow): string | null {
  if (g.yoy_pct == null) return null;
  const what = indicatorName(g.indicator).en;
  const period = periodPhrase(g.period_year, g.month_from, g.month_to);
  const verb = g.yoy_pct > 0 ? `grew ${pct(g.yoy_pct)}` : g.yoy_pct < 0 ? `fell ${pct(-g.yoy_pct)}` : 'was flat';
  const level = g.level != null ? ` to ${g.level} ${g.level_unit ?? ''}`.trimEnd() : '';
  let s = `In ${period}, ${g.item_count != null ? `${g.item_count} ` : ''}${what} ${verb}${level} year on year`;
  const extras: string[] = [];
  if (g.rank_over_years != null) {
    extras.push(g.rank_over_years === 1 ? `the fastest growth of ${g.years_group}` : `the ${ordinalNumber(g.rank_over_years)} fastest of ${g.years_group}`);
  }
  if (g.peer_rank != null) extras.push(`${ordinal(g.peer_rank)} among ${g.peer_group}`);
  if (extras.length) s += `: ${joinList(extras)}`;
  return `${s}.`;
}

function planSentence(p: PlanPaceRow, g: GrowthRow | undefined): string {
  const what = indicatorName(p.indicator).en;
  const count = g?.item_count != null ? ` (${g.item_count} ${g.item_unit ?? ''})`.replace(' )', ')') : '';
  const pace =
    p.ahead_of_pace_pct >= 0
      ? `${points(p.ahead_of_pace_pct)} points ahead of the ${pct(p.year_elapsed_pct)} of the year that had passed`
      : `${points(p.ahead_of_pace_pct)} points behind the ${pct(p.year_elapsed_pct)} of the year that had passed`;
  return `By the end of ${monthYear(p.period_year, p.month_to)}, ${what}${count} had reached ${pct(p.plan_share_pct)} of the annual plan, ${pace}.`;
}

export interface Narrative {
  rank: string[];
  presence: string[];
  growth: string[];
  plan: string[];
  latestRank: { year: number; rank: number } | null;
}

export function narrate(data: EditionData, _language: Language): Narrative {
  const latest = data.trajectory.filter((r) => r.rank != null).at(-1);
  const presence = data.presence
    .filter((p) => p.year === Math.max(...data.presence.map((q) => q.year)))
    .map((p) => `${p.cities} cities of ${p.region}${p.region_zh ? ` (${p.region_zh})` : ''} were on the ${p.year} ${listName(p.list).en} list.`);
  const growth = data.growth.filter((g) => g.plan_share_pct == null).map(growthSentence).filter((s): s is string => s != null);
  const plan = data.planPace.map((p) => {
    const g = data.growth.find((x) => x.indicator === p.indicator && x.period_year === p.period_year && x.month_to === p.month_to);
    const withGrowth = g?.yoy_pct != null ? ` Investment in them was ${pct(g.yoy_pct)} ${g.yoy_pct >= 0 ? 'higher' : 'lower'} than a year before.` : '';
    return planSentence(p, g) + withGrowth;
  });
  return {
    rank: rankSentences(data.city, data.cityZh, data.list, data.trajectory),
    presence,
    growth,
    plan,
    latestRank: latest ? { year: latest.year, rank: latest.rank! } : null,
  };
}
