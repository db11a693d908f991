// The ranking lists pages name (data/reference/ranking-lists.csv, plus the config's `rankingLists`):
// what each ranks and the names pages print for it, so that a sentence's ranks land under the list it
// names and an article naming two lists keeps them apart.
import type { RankingListConfig } from '../../config.ts';
import { toSimplified } from '../../simplified.ts';
import { fromRoot } from '../../project-paths.ts';
import { readReferenceCsv } from '../../reference-csv.ts';

export type RankedUnit = 'city' | 'county' | 'district';

export interface RankingList {
  id: string;
  unit: RankedUnit;
  name: string;
  /** Simplified names, the list's own name first. */
  aliases: string[];
}

export const RANKING_LISTS_PATH = fromRoot('data', 'reference', 'ranking-lists.csv');

let shipped: RankingList[] | null = null;

function shippedLists(): RankingList[] {
  if (shipped) return shipped;
  const records = readReferenceCsv(RANKING_LISTS_PATH);
  shipped = records.map((r) => ({
    id: r.id!,
    unit: r.unit as RankedUnit,
    name: r.name_zh!,
    aliases: [r.name_zh!.replace(/[(（][^)）]*[)）]/g, ''), ...(r.aliases ?? '').split('|')].map((a) => toSimplified(a.trim())).filter(Boolean),
  }));
  return shipped;
}

/** The shipped lists and the configured ones (a configured id replaces a shipped one). */
export function rankingLists(extra: readonly RankingListConfig[] = []): RankingList[] {
  const own = extra.map((l) => ({ id: l.id, unit: l.unit, name: l.name, aliases: [l.name, ...l.aliases].map((a) => toSimplified(a)) }));
  const ids = new Set(own.map((l) => l.id));
  return [...shippedLists().filter((l) => !ids.has(l.id)), ...own];
}

/** A list by id; an id in neither reference is a city list with no known names (its rows still load). */
export function rankingList(id: string, extra: readonly RankingListConfig[] = []): RankingList {
  return rankingLists(extra).find((l) => l.id === id) ?? { id, unit: 'city', name: id, aliases: [] };
}

/** Where a list's name stands in a text. */
export interface ListMention {
  list: RankingList;
  index: number;
  length: number;
}

/**
 * The lists a (simplified) text names, longest names first: 制造业百强县 inside 全国制造业百强县 is one
 * mention, and 经济竞争力 inside 可持续竞争力's sentence is not read twice.
 */
export function listsNamedIn(text: string, lists: readonly RankingList[]): ListMention[] {
  const all: ListMention[] = [];
  for (const list of lists) {
    for (const alias of list.aliases) {
      for (let i = text.indexOf(alias); i >= 0; i = text.indexOf(alias, i + 1)) all.push({ list, index: i, length: alias.length });
    }
  }
  all.sort((a, b) => b.length - a.length || a.index - b.index);
  const kept: ListMention[] = [];
  for (const m of all) {
    if (kept.some((k) => m.index < k.index + k.length && k.index < m.index + m.length)) continue;
    kept.push(m);
  }
  return kept.sort((a, b) => a.index - b.index);
}
