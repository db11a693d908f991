// The indicator vocabulary: ids, names and the Chinese aliases that release prose uses for them.
// Loaded once from data/reference/indicators.csv so the list can grow without code changes.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface Indicator {
  id: string;
  nameEn: string;
  nameZh: string;
  /** Unit of the indicator's level, e.g. 亿元, or 个 for counts. */
  unit: string;
  /** Simplified-Chinese spellings, name_zh included. */
  aliases: string[];
}

export interface IndicatorMatch {
  indicator: Indicator;
  alias: string;
  /** Position of the alias in the text that was searched. */
  index: number;
}

const CSV_URL = new URL('../../data/reference/indicators.csv', import.meta.url);

let cache: { list: Indicator[]; byId: Map<string, Indicator> } | null = null;

const load = () => {
  if (cache) return cache;
  const records = parse(readFileSync(CSV_URL, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const list = records.map((r): Indicator => {
    for (const col of ['id', 'name_en', 'name_zh', 'unit']) {
      if (!r[col]) throw new Error(`${CSV_URL.pathname}: indicator row ${JSON.stringify(r)} has no ${col}`);
    }
    const aliases = [r.name_zh, ...(r.aliases_zh ?? '').split('|')].map((a) => a.trim()).filter(Boolean);
    return { id: r.id, nameEn: r.name_en, nameZh: r.name_zh, unit: r.unit, aliases: [...new Set(aliases)] };
  });
  const byId = new Map(list.map((i) => [i.id, i]));
  if (byId.size !== list.length) throw new Error(`${CSV_URL.pathname}: duplicate indicator id`);
  cache = { list, byId };
  return cache;
};

export const allIndicators = (): readonly Indicator[] => load().list;

export const indicatorById = (id: string): Indicator | null => load().byId.get(id) ?? null;

/**
 * The indicator whose longest alias occurs in a simplified-Chinese clause.
 * Longest wins so that 高技术制造业投资 is not read as 制造业投资; on equal length the earlier one wins.
 */
export const matchIndicator = (text: string): IndicatorMatch | null => {
  let best: IndicatorMatch | null = null;
  for (const indicator of load().list) {
    for (const alias of indicator.aliases) {
      const index = text.indexOf(alias);
      if (index < 0) continue;
      if (!best || alias.length > best.alias.length || (alias.length === best.alias.length && index < best.index)) {
        best = { indicator, alias, index };
      }
    }
  }
  return best;
};
