// What changed between two editions, computed once and told twice: on the edition's own
// "what changed" page and in the email's body. Each edition keeps a summary of every figure
// it states (with its source), every rank it draws and every sentence it writes; the next
// edition is compared with it.
import type { EditionData } from '../render/edition-data.ts';
import {
  amountText,
  cityNamed,
  indicatorLabel,
  listText,
  nameIn,
  pctText,
  periodLabel,
  rankText,
  signedPct,
  type Language,
} from '../render/format.ts';
import { t } from '../render/messages.ts';
import { sentenceText, type Sentence } from '../render/narrative.ts';

export interface SummarySource {
  source: string;
  snapshot_id: number;
  sha256: string;
  read: string;
  quote: string | null;
}

export interface SummaryFigure {
  key: string;
  label: string;
  value: string;
  source: SummarySource | null;
}

/** The figures, ranks and sentences of an edition, stored as JSON on its row. */
export interface EditionSummary {
  version: 2;
  language: Language;
  list: string;
  /** The edition city's latest rank on the list. */
  rank: { year: number; rank: number } | null;
  figures: SummaryFigure[];
  /** Latest rank of the city and each peer on the list. */
  ranks: { key: string; label: string; year: number; rank: number }[];
  sentences: { id: string; text: string }[];
}

export interface Changes {
  added: SummaryFigure[];
  revised: { label: string; old: SummaryFigure; new: SummaryFigure }[];
  removed: SummaryFigure[];
  ranks: { label: string; old: string; new: string }[];
  sentences: { id: string; old: string; new: string }[];
}

/** The summary of what an edition in `lang` states. */
export function summarize(data: EditionData, lang: Language, sentences: Sentence[]): EditionSummary {
  const snapshots = new Map(data.sources.map((s) => [Number(s.snapshot_id), s]));
  const sourceOf = (snapshotId: number, quote: string | null): SummarySource | null => {
    const s = snapshots.get(Number(snapshotId));
    return s ? { source: s.source, snapshot_id: Number(s.snapshot_id), sha256: s.sha256, read: new Date(s.fetched_at).toISOString().slice(0, 10), quote } : null;
  };
  const sep = lang === 'zh' ? '，' : ', ';
  const figures: SummaryFigure[] = data.figures.map((f) => {
    const where = f.geo === data.city ? '' : `${nameIn(lang, cityNamed(f.geo))}${sep}`;
    const value =
      f.measure === 'yoy_pct' ? signedPct(f.value) : f.measure.endsWith('_pct') ? pctText(f.value) : f.measure.endsWith('rank') || f.measure === 'rank_over_years' ? rankText(lang, f.value) : amountText(lang, f.value, f.unit);
    return {
      key: `obs|${f.geo}|${f.indicator}|${f.period_year}|${f.month_from}|${f.month_to}|${f.measure}|${f.comparison_group ?? ''}`,
      label: `${where}${indicatorLabel(lang, f.indicator)}${sep}${periodLabel(lang, f.period_year, f.month_from, f.month_to)}${sep}${t(lang, `measures.${f.measure}`)}`,
      value,
      source: sourceOf(f.snapshot_id, f.quote),
    };
  });
  // The city and its peers by code (two cities may share an English name); keys keep the name, as before.
  const cities = [data.cityCode, ...data.peerCodes];
  const listName = listText(lang, data.list);
  for (const r of data.rankings.filter((x) => cities.includes(x.city_code))) {
    figures.push({
      key: `rank|${r.list}|${r.city}|${r.year}`,
      label: t(lang, 'figures.rankOn', { city: nameIn(lang, cityNamed(r.city, r.city_zh)), year: r.year, list: listName }),
      value: rankText(lang, r.rank) + (r.score != null ? ` (${r.score})` : ''),
      source: sourceOf(r.snapshot_id, r.quote),
    });
  }
  const latestOf = (code: string | null) => data.rankings.filter((r) => r.list === data.list && r.city_code === code).sort((a, b) => b.year - a.year)[0];
  const ranks = cities.flatMap((c) => {
    const latest = latestOf(c);
    return latest ? [{ key: latest.city, label: nameIn(lang, cityNamed(latest.city, latest.city_zh)), year: latest.year, rank: latest.rank }] : [];
  });
  const own = latestOf(data.cityCode);
  return {
    version: 2,
    language: lang,
    list: data.list,
    rank: own ? { year: own.year, rank: own.rank } : null,
    figures,
    ranks,
    sentences: sentences.map((s) => ({ id: s.id, text: sentenceText(s) })),
  };
}

/** What differs between the previous edition's summary and this one's. */
export function compare(prev: EditionSummary, next: EditionSummary): Changes {
  const lang = next.language;
  const before = new Map(prev.figures.map((f) => [f.key, f]));
  const after = new Map(next.figures.map((f) => [f.key, f]));
  const changes: Changes = { added: [], revised: [], removed: [], ranks: [], sentences: [] };
  for (const f of next.figures) {
    const p = before.get(f.key);
    if (!p) changes.added.push(f);
    else if (p.value !== f.value) changes.revised.push({ label: f.label, old: p, new: f });
  }
  for (const p of prev.figures) if (!after.has(p.key)) changes.removed.push(p);
  const rankOf = (r: { year: number; rank: number } | undefined) => (r ? t(lang, 'changes.rankOf', { rank: rankText(lang, r.rank), year: r.year }) : t(lang, 'changes.noRank'));
  const list = listText(lang, next.list);
  if (JSON.stringify(prev.rank) !== JSON.stringify(next.rank)) {
    changes.ranks.push({ label: t(lang, 'changes.rankLabel', { list }), old: rankOf(prev.rank ?? undefined), new: rankOf(next.rank ?? undefined) });
  }
  const prevRanks = new Map(prev.ranks.map((r) => [r.key, r]));
  for (const r of next.ranks.slice(next.rank ? 1 : 0)) {
    const p = prevRanks.get(r.key);
    if (p && (p.rank !== r.rank || p.year !== r.year)) changes.ranks.push({ label: r.label, old: rankOf(p), new: rankOf(r) });
    if (!p) changes.ranks.push({ label: r.label, old: rankOf(undefined), new: rankOf(r) });
  }
  const prevSentences = new Map(prev.sentences.map((s) => [s.id, s.text]));
  for (const s of next.sentences) {
    const old = prevSentences.get(s.id);
    if (old != null && old !== s.text) changes.sentences.push({ id: s.id, old, new: s.text });
  }
  return changes;
}

/** "source, read 2026-11-28, sha256 1a2b3c4d5e6f". */
export function sourceLine(s: SummarySource | null): string {
  return s ? `${s.source}, ${s.read}, sha256 ${s.sha256.slice(0, 12)}` : '?';
}

export const isComparable = (s: unknown): s is EditionSummary => !!s && (s as EditionSummary).version === 2;

/** One line per change, in the summary's language, for the mail. */
export function describeChanges(prev: EditionSummary | null, next: EditionSummary): string[] {
  const lang = next.language;
  if (!prev) return [t(lang, 'changes.first')];
  const c = compare(prev, next);
  const lines: string[] = [];
  for (const r of c.ranks) lines.push(`${r.label}${lang === 'zh' ? '：' : ': '}${r.old} → ${r.new}`);
  for (const f of c.revised) lines.push(t(lang, 'changes.revisedLine', { label: f.label, old: `${f.old.value} [${sourceLine(f.old.source)}]`, new: `${f.new.value} [${sourceLine(f.new.source)}]` }));
  for (const f of c.added) lines.push(t(lang, 'changes.addedLine', { label: f.label, value: f.value }));
  for (const f of c.removed) lines.push(t(lang, 'changes.removedLine', { label: f.label }));
  for (const s of c.sentences) lines.push(`${s.old} → ${s.new}`);
  if (lines.length === 0) lines.push(t(lang, 'changes.none'));
  return lines;
}

export const isEmpty = (c: Changes) => !c.added.length && !c.revised.length && !c.removed.length && !c.ranks.length && !c.sentences.length;
