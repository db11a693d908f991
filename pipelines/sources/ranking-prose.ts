// A ranking told in sentences: "前五名依次为甲、乙、丙、丁和戊" (ordered lists) and "丁市第4位，戊市第9位"
// (explicit ranks). A list whose order the text does not call a ranking is flagged, never ranked.
import { LayoutError } from '../errors.ts';
import type { FlaggedRow } from '../types.ts';
import type { ReadRankingRow } from '../validate/rankings.ts';
import type { ParseContext, SourceAdapter } from './contract.ts';
import { CHINESE_NUMERAL, chineseNumeral, finishRankings, htmlToText, listAndYear, looksLikeHtml, simplify, RankingSettings } from './ranking-common.ts';

const HAN = '[\\u4e00-\\u9fff]';
const MAX_NAME = 12;

// "第4位", "排名第十二", "位列第20名", "21位": 名 needs 第 so that "9名代表" is no rank.
const EXPLICIT = new RegExp(
  `(排名|排在|排|位列|位居|名列|居)?(?:第(\\d+|${CHINESE_NUMERAL})(?:位|名)?|(\\d+|${CHINESE_NUMERAL})位)`,
  'g',
);
// Words between a name and its rank that are not part of the name.
const CONNECTOR = /(在全国|在榜单中|在榜单上|榜单中|全国|在全省|全省|今年|本年度)$/;
// "上升3位" is a change of rank, not a rank.
const MOVEMENT = /(上升|下降|前进|后退|提升|提高|跃升|下滑|较上年|比上年)$/;

const ORDERED_CUE = /依次(为|是|排名为)?|排名依次为|按.{0,6}顺序/;
const TOP_N = new RegExp(`(位列|位居|排名|排在|居)前(\\d+|${CHINESE_NUMERAL})(名|位|强)?`);
const MEMBERSHIP_CUE = /入选|上榜|入围|跻身|进入|榜单|百强|强市|前\d+|前[一二三四五六七八九十百]+/;

const toNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (chineseNumeral(s) ?? Number.NaN));

/** The longest place name that ends (or starts) the text, through the context's gazetteer. */
function placeAt(text: string, side: 'end' | 'start', ctx: ParseContext): string | null {
  for (let len = Math.min(text.length, MAX_NAME); len >= 2; len--) {
    const cand = side === 'end' ? text.slice(-len) : text.slice(0, len);
    if (ctx.lookupPlace(cand)) return cand;
  }
  return null;
}

/** A name the gazetteer does not know, when the text still plainly names a place (某某市). */
function unknownPlaceAt(text: string, side: 'end' | 'start'): string | null {
  const m = side === 'end' ? text.match(/(?:^|[的和与及、])([\u4e00-\u9fff]{1,5}[市州盟])$/) : text.match(/^([\u4e00-\u9fff]{1,5}?[市州盟])/);
  return m ? m[1]! : null;
}

interface Found {
  rows: ReadRankingRow[];
  flagged: FlaggedRow[];
}

/** "丁市第4位，戊市第9位": each rank with the place just before it. Returns the sentence with them cut out. */
function explicitRanks(sentence: string, line: number, meta: { list: string; year: number }, ctx: ParseContext, out: Found): string {
  let rest = sentence;
  for (const m of sentence.matchAll(EXPLICIT)) {
    const before = sentence.slice(0, m.index).match(new RegExp(`${HAN}+$`))?.[0] ?? '';
    if (!before || MOVEMENT.test(before)) continue;
    const head = before.replace(CONNECTOR, '');
    const city = placeAt(head, 'end', ctx) ?? unknownPlaceAt(head, 'end');
    if (!city) continue;
    const rankText = m[2] ?? m[3]!;
    out.rows.push({ ...meta, rank: toNumber(rankText), rankText, city, province: null, score: null, raw: `${city}${m[0]}`, line });
    rest = rest.replace(`${city}${before.slice(head.length)}${m[0]}`, '，');
  }
  return rest;
}

/** Names in "甲、乙、丙和丁": the ends are trimmed to the place names they hold. */
function listNames(sentence: string, ctx: ParseContext): string[] | null {
  const m = sentence.match(new RegExp(`${HAN}+(?:、${HAN}+)+`));
  if (!m) return null;
  const parts = m[0].split('、');
  const names: string[] = [];
  parts.forEach((part, i) => {
    let p = part;
    if (i === 0) p = placeAt(p, 'end', ctx) ?? unknownPlaceAt(p, 'end') ?? p;
    if (i === parts.length - 1) {
      // "北京和广州位列前五名": split off the last name, but not 和田 (Hotan).
      const joined = p.match(new RegExp(`^(${HAN}{2,}?)(?:和|及|以及|与)(${HAN}+)$`));
      if (joined && !ctx.lookupPlace(p) && ctx.lookupPlace(joined[1]!)) {
        names.push(joined[1]!);
        p = joined[2]!;
      }
      p = placeAt(p, 'start', ctx) ?? unknownPlaceAt(p, 'start') ?? p;
    }
    names.push(p.replace(/等$/, ''));
  });
  return names;
}

/** A list of names: ranked 1..n when the sentence says so, else each is flagged as unranked. */
function orderedList(sentence: string, line: number, meta: { list: string; year: number }, ctx: ParseContext, out: Found): void {
  const names = listNames(sentence, ctx);
  if (!names || names.length < 2) return;
  const topN = sentence.match(TOP_N);
  const partial = /等|……|\.\.\./.test(sentence);
  const ordered = !partial && (ORDERED_CUE.test(sentence) || (topN != null && toNumber(topN[2]!) === names.length));
  if (ordered) {
    names.forEach((city, i) => out.rows.push({ ...meta, rank: i + 1, city, province: null, score: null, raw: sentence, line }));
  } else if (topN || MEMBERSHIP_CUE.test(sentence) || ORDERED_CUE.test(sentence)) {
    for (const city of names) {
      out.flagged.push({ row: line, raw: sentence, reason: `listed without a rank: ${city}; the text does not state the order as a ranking` });
    }
  }
}

const adapter: SourceAdapter = {
  kind: 'ranking-prose',
  version: 1,
  feeds: ['rankings'],
  settings: RankingSettings,
  parse(body, ctx) {
    const text = simplify(looksLikeHtml(body) ? htmlToText(body) : body);
    const lines = text.split('\n');
    // The year: the title line, else a line that talks about the ranking.
    const meta = listAndYear(ctx, [lines.find((l) => l.trim()), ...lines.filter((l) => /榜|排名|排行|百强|强市/.test(l))]);
    const found: Found = { rows: [], flagged: [] };
    lines.forEach((lineText, i) => {
      for (const sentence of lineText.split(/(?<=[。！？；;])/)) {
        const rest = explicitRanks(sentence, i + 1, meta, ctx, found);
        orderedList(rest, i + 1, meta, ctx, found);
      }
    });
    if (!found.rows.length && !found.flagged.length) {
      throw new LayoutError(ctx.location, 'no ranked list of cities in the text (no "依次为…" list and no "某市第N位")');
    }
    // The same city and rank stated twice (a list, then a sentence) is one row.
    const seen = new Set<string>();
    const rows = found.rows.filter((r) => {
      const key = `${ctx.lookupPlace(r.city)?.name ?? r.city}\u0000${r.rank}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return finishRankings(ctx, rows, found.flagged);
  },
};

export default adapter;
