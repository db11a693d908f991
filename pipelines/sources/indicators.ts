// The indicator vocabulary: ids, names and the Chinese aliases that release prose uses for them.
// Loaded once from data/reference/indicators.csv so the list can grow without code changes.
import { fromRoot } from '../project-paths.ts';
import { readReferenceCsv } from '../reference-csv.ts';

export interface Indicator {
  id: string;
  nameEn: string;
  nameZh: string;
  /** Unit of the indicator's level, e.g. 亿元, or 个 for counts. */
  unit: string;
  /** Simplified-Chinese spellings, name_zh included, as written in the CSV (see ALIAS SYNTAX below). */
  aliases: string[];
}

// Alias syntax in indicators.csv:
// - 高技术制造业增加值: the words themselves;
// - 高技术制造业*: the grouping alone (高技术制造业增长16%), which names this indicator unless another head noun
//   follows it (高技术制造业投资 is investment, 高技术制造业产品 is not an indicator);
// - 高技术制造业…总产值: the grouping, a few verbs or qualifiers (完成, 实现, 工业), then the head noun.
const FILLER = '(?:完成|实现|累计|工业|的){0,3}';
// Checked after the verbs and qualifiers the … syntax allows: 高技术制造业完成投资 is investment too.
// 中 / 里 after the grouping names a part of it (主导产业中电子信息制造业增长9.2% is that industry's).
const OTHER_HEAD = new RegExp(`^${FILLER}(投资|总产值|产值|增加值|项目|企业|产品|行业|领域|产量|集群|园区|占|比重|营业收入|利润|中|里)`);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface CompiledAlias {
  indicator: Indicator;
  alias: string;
  re: RegExp;
  bare: boolean;
}

export interface IndicatorMatch {
  indicator: Indicator;
  alias: string;
  /** Position of the alias in the text that was searched. */
  index: number;
}

const CSV_URL = fromRoot('data', 'reference', 'indicators.csv');

let cache: { list: Indicator[]; byId: Map<string, Indicator>; compiled: CompiledAlias[] } | null = null;

const compile = (indicator: Indicator, alias: string): CompiledAlias => {
  const bare = alias.endsWith('*');
  const words = bare ? alias.slice(0, -1) : alias;
  const source = words.split('…').map(escape).join(FILLER);
  return { indicator, alias: words, re: new RegExp(source, 'g'), bare };
};

const load = () => {
  if (cache) return cache;
  const records = readReferenceCsv(CSV_URL, { trim: true });
  const list = records.map((r): Indicator => {
    for (const col of ['id', 'name_en', 'name_zh', 'unit']) {
      if (!r[col]) throw new Error(`${CSV_URL}: indicator row ${JSON.stringify(r)} has no ${col}`);
    }
    const aliases = [r.name_zh, ...(r.aliases_zh ?? '').split('|')].map((a) => a.trim()).filter(Boolean);
    for (const a of aliases) {
      if (/[*…]/.test(a.replace(/\*$/, '').replace(/(?<=.)…(?=.)/g, ''))) throw new Error(`${CSV_URL}: alias "${a}" of ${r.id}: * only at the end, … only between words`);
    }
    return { id: r.id, nameEn: r.name_en, nameZh: r.name_zh, unit: r.unit, aliases: [...new Set(aliases)] };
  });
  const byId = new Map(list.map((i) => [i.id, i]));
  if (byId.size !== list.length) throw new Error(`${CSV_URL}: duplicate indicator id`);
  cache = { list, byId, compiled: list.flatMap((i) => i.aliases.map((a) => compile(i, a))) };
  return cache;
};

export const allIndicators = (): readonly Indicator[] => load().list;

export const indicatorById = (id: string): Indicator | null => load().byId.get(id) ?? null;

// 人均地区生产总值 is not GDP: a per-head value is not the indicator; 扣除房地产开发投资后下降4.6% is the
// total without it; 占规模以上工业增加值的比重 names the total a share is of, not what the clause is about.
const NOT_THE_INDICATOR_BEFORE = /(?:(?:人均|户均|平均每)(?:地区|全市|全省)?|扣除|剔除|除去|不含|不包括|除|占(?:全市|全省|本市|我市|全国)?)$/;
// 出口交货值 (what industry delivers for export) is not 出口 (the city's exports), and 工业投资项目 are
// projects (42个省重点工业投资项目完成投资191.2亿元 is theirs, not the city's industrial investment).
const NOT_THE_INDICATOR_AFTER = /^(?:交货值|退税|项目)/;
// A name joined to words in front that make it a narrower one: an industry of manufacturing
// (航空航天器及设备制造业投资 is not 制造业投资), a class of goods (机电产品出口 is not 出口). Such words
// are read from the last word that may open a name: a scope (全市, 规上), a verb (实现, 完成), a count
// (个), a period's end (年, 月); a place there is no narrower thing (宁波制造业投资). A kind of trade, of
// firm or of owner is a part too (以一般贸易方式进出口, 民营企业进出口, 民营规模以上工业增加值), though 货物贸易
// and 对外贸易 are the whole.
const OPENS_A_NAME = /(?:全市|全省|本市|我市|全国|其中|特别是|尤其是|规模以上|规上|工业|限额以上|实现|完成|累计|共|合计|的|个|年|月|季度|以来|看)$/;
const NARROWER = { head: /^制造业/, joined: /(?:产品|商品|设备|器材|制品|器件|器|(?<!货物|对外)贸易|方式|企业|民营|国有|国有控股|私营|外商|外资|港澳台|集体|股份制)$/ };

/** The words joined to the front of a name at `index`, after the last word that may open one. */
const joinedBefore = (text: string, index: number): string => {
  const run = /[\u4e00-\u9fa5]+$/.exec(text.slice(0, index))?.[0] ?? '';
  for (let k = run.length; k > 0; k--) if (OPENS_A_NAME.test(run.slice(0, k))) return run.slice(k);
  return run;
};

/**
 * The indicator whose longest alias occurs in a simplified-Chinese clause.
 * Longest wins so that 高技术制造业投资 is not read as 制造业投资; on equal length the earlier one wins.
 * An alias joined to words that make a narrower thing (NARROWER) is not read, unless those words
 * are a place (`isPlace`: 宁波制造业投资).
 */
export const matchIndicator = (text: string, isPlace: (name: string) => boolean = () => false): IndicatorMatch | null => {
  const { compiled } = load();
  // Every alias's occurrences, found once (matchAll leaves the shared regexes' lastIndex alone).
  const found = compiled.map(({ re }) => [...text.matchAll(re)].map((m) => ({ index: m.index!, words: m[0] })));
  // Where every alias occurs, read or not: a name inside a longer one (出口 in 进出口, 制造业投资 in
  // 高技术制造业投资) is a part of that word, even when the longer name is not read.
  const spans = found.flat().map((m) => [m.index, m.index + m.words.length] as const);
  const inside = (from: number, to: number) => spans.some(([a, b]) => a <= from && to <= b && b - a > to - from);
  let best: IndicatorMatch | null = null;
  for (const [k, { indicator, bare }] of compiled.entries()) {
    for (const m of found[k]!) {
      const end = m.index + m.words.length;
      if (inside(m.index, end)) continue;
      if (NOT_THE_INDICATOR_BEFORE.test(text.slice(0, m.index))) continue;
      if (NOT_THE_INDICATOR_AFTER.test(text.slice(end))) continue;
      const joined = joinedBefore(text, m.index);
      if (joined && (NARROWER.head.test(m.words) || NARROWER.joined.test(joined)) && !isPlace(joined)) continue;
      // …unless that head noun is the indicator's own (主导产业实现工业增加值 is 主导产业增加值).
      const head = bare ? OTHER_HEAD.exec(text.slice(end))?.[1] : undefined;
      if (head && !indicator.nameZh.endsWith(head)) continue;
      if (!best || m.words.length > best.alias.length || (m.words.length === best.alias.length && m.index < best.index)) {
        best = { indicator, alias: m.words, index: m.index };
      }
      break;
    }
  }
  return best;
};
