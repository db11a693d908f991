import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
// Names of the things an edition mentions, in the edition's language.
// TEMPORARY: indicator names move to the shipped vocabulary (data/reference/indicators.csv).
const INDICATORS: Record<string, { en: string; zh: string }> = {
  industrial_value_added: { en: 'value added of industry above designated size', zh: '规模以上工业增加值' },
  advanced_manufacturing_project_investment: { en: 'investment in advanced-manufacturing and R&D platform projects', zh: '先进制造业和研发平台项目投资' },
  top100_cities_count: { en: 'cities on the list', zh: '上榜城市数' },
};

export function indicatorName(id: string): { en: string; zh: string } {
  return INDICATORS[id] ?? { en: id.replace(/_/g, ' '), zh: '' };
}

const LISTS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'reference', 'ranking-lists.csv');
let lists: Map<string, { en: string; zh: string; publisher: string | null }> | null = null;

/** The name of a ranking list, from data/reference/ranking-lists.csv. */
export function listName(id: string): { en: string; zh: string; publisher: string | null } {
  lists ??= new Map(
    (parseCsv(readFileSync(LISTS_FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[]).map((r) => [
      r.id!,
      { en: r.name_en!, zh: r.name_zh ?? '', publisher: r.publisher_en || null },
    ]),
  );
  return lists.get(id) ?? { en: id, zh: '', publisher: null };
}
