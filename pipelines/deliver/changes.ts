// What changed between two editions, in plain words for the email: each edition keeps a
// small summary of its headline figures, and the next one is compared with it.
import type { EditionData } from '../render/edition-data.ts';
import { indicatorName, listName } from '../render/labels.ts';
import { monthYear, ordinalNumber, pct, periodPhrase } from '../render/narrative.ts';

/** The headline figures of an edition, stored as JSON on its row. */
export interface EditionSummary {
  list: string;
  rank: { year: number; rank: number } | null;
  growth: { key: string; label: string; yoy: number | null }[];
  plan: { key: string; label: string; share: number; asOf: string }[];
  presence: { key: string; label: string; cities: number }[];
  sources: { source: string; published: string | null }[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function summarize(data: EditionData): EditionSummary {
  const latest = data.trajectory.filter((r) => r.rank != null).at(-1);
  return {
    list: data.list,
    rank: latest ? { year: latest.year, rank: latest.rank! } : null,
    growth: data.growth
      .filter((g) => g.plan_share_pct == null)
      .map((g) => ({
        key: `${g.indicator}:${g.month_from}-${g.month_to}`,
        label: `${cap(indicatorName(g.indicator).en)}, ${periodPhrase(g.period_year, g.month_from, g.month_to).replace(/^the /, '')}`,
        yoy: g.yoy_pct,
      })),
    plan: data.planPace.map((p) => ({
      key: p.indicator,
      label: `${cap(indicatorName(p.indicator).en)}, share of the annual plan`,
      share: p.plan_share_pct,
      asOf: monthYear(p.period_year, p.month_to),
    })),
    presence: data.presence.map((p) => ({ key: `${p.region}:${p.year}`, label: `Cities of ${p.region} on the ${p.year} list`, cities: p.cities })),
    sources: data.sources.map((s) => ({ source: s.source, published: s.published ? new Date(s.published).toISOString().slice(0, 10) : null })),
  };
}

const yoy = (v: number | null) => (v == null ? 'n/a' : `${v > 0 ? '+' : ''}${pct(v)}`);

/** One line per figure that differs, e.g. "Rank on the Top-100 list: 12th (2022) → 9th (2023)". */
export function describeChanges(prev: EditionSummary | null, next: EditionSummary): string[] {
  if (!prev) return ['This is the first edition.'];
  const out: string[] = [];
  const list = listName(next.list).en;
  const rank = (r: EditionSummary['rank']) => (r ? `${ordinalNumber(r.rank)} (${r.year})` : 'none');
  if (JSON.stringify(prev.rank) !== JSON.stringify(next.rank)) out.push(`Rank on the ${list} list: ${rank(prev.rank)} → ${rank(next.rank)}`);

  // Growth figures are keyed by indicator and months; a new year of the same months reads as a change.
  const before = new Map(prev.growth.map((g) => [g.key, g]));
  for (const g of next.growth) {
    const p = before.get(g.key);
    if (!p) out.push(`${g.label}: new figure, ${yoy(g.yoy)} year on year`);
    else if (p.label !== g.label || p.yoy !== g.yoy) out.push(`${g.label}: ${yoy(p.yoy)} (${p.label.split(', ').at(-1)}) → ${yoy(g.yoy)} year on year`);
    before.delete(g.key);
  }
  for (const p of before.values()) out.push(`${p.label}: no longer in the data`);

  const plans = new Map(prev.plan.map((p) => [p.key, p]));
  for (const p of next.plan) {
    const q = plans.get(p.key);
    if (!q) out.push(`${p.label}: new figure, ${pct(p.share)} by ${p.asOf}`);
    else if (q.share !== p.share || q.asOf !== p.asOf) out.push(`${p.label}: ${pct(q.share)} (${q.asOf}) → ${pct(p.share)} (${p.asOf})`);
  }

  const presence = new Map(prev.presence.map((p) => [p.key, p]));
  for (const p of next.presence) {
    const q = presence.get(p.key);
    if (!q) out.push(`${p.label}: ${p.cities} (new)`);
    else if (q.cities !== p.cities) out.push(`${p.label}: ${q.cities} → ${p.cities}`);
  }

  if (out.length === 0) {
    const sourcesChanged = JSON.stringify(prev.sources) !== JSON.stringify(next.sources);
    out.push(
      sourcesChanged
        ? 'The headline figures are unchanged; the sources were updated (see the list of sources in the edition).'
        : 'The headline figures are unchanged; the edition was rebuilt (its templates or details changed).',
    );
  }
  return out;
}
