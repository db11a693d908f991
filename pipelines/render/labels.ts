// Names of the things an edition mentions, in the edition's language.
import { indicatorById } from '../sources/indicators.ts';
import { fromRoot } from '../project-paths.ts';
import { readReferenceCsv } from '../reference-csv.ts';

/** An indicator's names, from the shipped vocabulary (data/reference/indicators.csv). */
export function indicatorName(id: string): { en: string; zh: string } {
  const ind = indicatorById(id);
  return ind ? { en: ind.nameEn, zh: ind.nameZh } : { en: id.replace(/_/g, ' '), zh: '' };
}

const LISTS_FILE = fromRoot('data', 'reference', 'ranking-lists.csv');
let lists: Map<string, { en: string; zh: string; publisher: string | null; size: number | null }> | null = null;

/** The name of a ranking list, from data/reference/ranking-lists.csv. */
export function listName(id: string): { en: string; zh: string; publisher: string | null; size: number | null } {
  lists ??= new Map(
    readReferenceCsv(LISTS_FILE).map((r) => [
      r.id!,
      { en: r.name_en!, zh: r.name_zh ?? '', publisher: r.publisher_en || null, size: r.size ? Number(r.size) : null },
    ]),
  );
  return lists.get(id) ?? { en: id, zh: '', publisher: null, size: null };
}
