// A ranking told in sentences: "前五名依次为甲、乙、丙、丁和戊" (ordered lists), "丁市第4位", "排名第八",
// "甲、乙分别位居第5位、9位", "由去年42位前进到36位", "TOP1:甲", "排名第10的城市是甲". A rank the text
// gives another edition, another list or a sub-ranking (a dimension, a province, a group of cities, a
// count) is not this list's rank; one the sentence does not tie to a place is flagged. A list whose
// order the text does not call a ranking is flagged, never ranked.
import { LayoutError } from '../errors.ts';
import type { FlaggedRow, YearSource } from '../types.ts';
import type { ReadRankingRow } from '../validate/rankings.ts';
import type { ParseContext, SourceAdapter } from './contract.ts';
import { CHINESE_NUMERAL, chineseNumeral } from './chinese-numeral.ts';
import { finishRankings, htmlToText, looksLikeHtml, noYear, settingsList, settingsYear, simplify, RankingSettings } from './ranking-common.ts';
import { listsNamedIn, rankingList, rankingLists, type RankedUnit, type RankingList } from './ranking/lists.ts';
import { placesIn, resolveRankedPlace, type PlaceMention } from './ranking/places.ts';
import { listYearInText, yearBefore } from './ranking/years.ts';

const HAN = '[\\u4e00-\\u9fff]';
const NUM = `(\\d+|${CHINESE_NUMERAL})`;
const toNumber = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (chineseNumeral(s) ?? Number.NaN));

// 第N with 位 or 名, or after a verb of ranking: "第4位", "排名第八", "位列第20名". Not 第3年, 第二批,
// 第5至22名 (a range).
const ORDINAL = new RegExp(`(并列)?第${NUM}(位|名)?`, 'g');
const VERB_BEFORE = /(排名|排在|排到了?|排|位列|位居|名列|列|居|跃居|升至|升到|降至|降到|并列)(全国|天下|全球|榜单中?的?|全国城市|其中)?[“”"]?$/;
const NOT_RANK_AFTER = /^[年批次届个季期梯轮大号条款章节级代阶]|^[至到\-~—－]/;
// Bare "21位" right after a name (合肥市21位), digits only: "再进两位" is a change.
const BARE = /(?<![\d第.])(\d+)位(?![次数于置])/g;
// Words between a name and its rank that are not part of the name.
const CONNECTOR = /^(在全国|在榜单中|在榜单上|榜单中|全国|今年|本年度)?$/;
// A rank of something else than the list: a dimension, a province, a region or group, a count, growth.
const SUB_RANKING =
  /全省|本省|省内|省第|省排|市内|全市|流域|城市群|城市圈|都市圈|经济圈|经济带|维度|能力|方面|指标|数量|总数|增速|增幅|增长|企业|院校|高校|单项|分项|细分|板块|领域|行业|人口|面积|总量|规模|营收|产值|利润|收入|投资|出口|同类|副省级|新一线/;
// A rank within a kind of place the words right before it name (老工业城市排名前三, 中部城市第二, 省会城市中居
// 第一) ranks that group, not the list. 全国城市, 百强城市, 上榜城市 and 293个城市 are the list's own field.
const GROUP_SCOPE =
  /(?<=[\u4e00-\u9fff])(?<!全国|百强|十强|上榜|入围|入选|参评|样本|所有|全部|各|个|以上|这些|其他|其余|榜单|的)(城市|地市|地级市|县市|县区|区县|市县|省份|省区)(中|里|当中|之中)?的?(排名|排行|排位|排在|排|位列|位居|名列|列|居)?$/;
const MOVE = new RegExp(
  // 从2018年的第20位，跃升至第12位: a comma may stand before the verb.
  `(?:由|从)(去年|上年|前年|(?:19|20)\\d{2}年)?的?第?${NUM}(?:位|名)?[，,]?的?(?:前进|上升|提升|跃升|攀升|升|下降|后退|下滑|滑落|降|跌)?了?(?:到|至)第?${NUM}(?:位|名)`,
  'g',
);
const RANK_LIST = `(并列)?第?${NUM}(?:位|名)?(?:(?:、|和|及|与)第?${NUM}(?:位|名)?)+`;
const RESPECTIVELY = new RegExp(
  `(分别|分列|依次)(?:为|是)?(?:排名|排在|排到了?|排|位列|位居|名列|列|居)?(?:全国|榜单中?的?)?的?(${RANK_LIST.replace(/\((?!\?)/g, '(?:')})(的位置|的位次|位|名)?`,
  'g',
);
// 甲、乙…丁分列榜单第三至第十位: a run of ranks, one a place.
const RESPECTIVE_RANGE = new RegExp(
  `(?:分别|分列|依次)(?:为|是)?(?:排名|排在|位列|位居|名列|列|居)?(?:全国|榜单中?的?)?的?第${NUM}(?:位|名)?(?:至|到|-|~)第?${NUM}(?:位|名)`,
  'g',
);
// What may stand between a list of places and a 分列 further on: a count (6个城市, 三市) and a verb of
// entry (入围, 上榜), then a comma. The count, when given, is (in group 1) checked against the names.
const LIST_TAIL = new RegExp(
  `^(?:${NUM}个?(?:城市|地市|县市|市县|县区|区县|城|市|县|区))?(?:均|都|全部|全都|同时|先后)?(?:入围|上榜|入选|进入榜单|跻身榜单)?[，,]?(?:则|也|都)?$`,
);
const YEAR_OPENS = /^\s*((?:19|20)\d{2}年|今年|去年|上年)/;
const TOP = /TOP\s*(\d{1,3})\s*[:：]\s*/gi;

const ORDERED_CUE = /依次(为|是|排名为)?|排名依次为|按.{0,6}顺序/;
// 位列前五名, 位居榜单前三名, 排名全国前十: the list's own top N (a group's is told apart by GROUP_SCOPE).
const TOP_N = new RegExp(`(位列|位居|排名|排在|居)(?:榜单|全国|全榜)?前(\\d+|${CHINESE_NUMERAL})(名|位|强)?`);
const MEMBERSHIP_CUE = /入选|上榜|入围|跻身|进入|榜单|百强|强市|前\d+|前[一二三四五六七八九十百]+/;
const CLAUSE_BREAK = /[，,：:；;！!？?（）()]/;

interface Meta {
  list: RankingList;
  lists: RankingList[];
  unit: RankedUnit;
  year: number | null;
  yearSource: YearSource | null;
}

/** A rank read from a sentence, before the checks that decide whether it is this list's. */
interface Candidate {
  city: string;
  rank: number;
  rankText: string;
  tied: boolean;
  /** Where the rank stands in the sentence (for its clause's list and year). */
  at: number;
  /** The year the sentence gives the rank, when it gives one. */
  year: number | null;
  /** The rank a place moved from (由A位到B位): an earlier edition's, whatever the year. */
  earlier?: boolean;
}

interface Sentence {
  text: string;
  /** Offset in the page text. */
  at: number;
  line: number;
}

interface Found {
  rows: ReadRankingRow[];
  flagged: FlaggedRow[];
}

/** A name the gazetteer does not know, when the text still plainly names a place (某某市). */
function unknownPlaceAt(text: string, side: 'end' | 'start'): string | null {
  const m = side === 'end' ? text.match(/(?:^|[的和与及、])([\u4e00-\u9fff]{1,5}[市州盟])$/) : text.match(/^([\u4e00-\u9fff]{1,5}?[市州盟])/);
  return m ? m[1]! : null;
}

/** The text with its place names blanked (same length), so that 晋城市 or 盐城市 is not read as a kind of 城市. */
function maskPlaces(text: string, places: readonly PlaceMention[]): string {
  let out = text;
  for (const p of places) out = out.slice(0, p.index) + '□'.repeat(p.end - p.index) + out.slice(p.end);
  return out;
}

const clauseStart = (s: string, at: number): number => {
  for (let i = at - 1; i >= 0; i--) if (CLAUSE_BREAK.test(s[i]!)) return i + 1;
  return 0;
};
const clauseEnd = (s: string, at: number): number => {
  for (let i = at; i < s.length; i++) if (CLAUSE_BREAK.test(s[i]!) || /[。！？]/.test(s[i]!)) return i;
  return s.length;
};

/** A 第N in the text that is a rank (with 位/名, or after a verb of ranking), as used to tell one rank from the next. */
function ranksIn(s: string): RegExpMatchArray[] {
  return [...s.matchAll(ORDINAL)].filter((m) => {
    const after = s.slice(m.index + m[0].length);
    if (!m[3] && NOT_RANK_AFTER.test(after)) return false;
    return Boolean(m[3]) || Boolean(m[1]) || VERB_BEFORE.test(s.slice(0, m.index));
  });
}

// Words that make the place after them an object of comparison (超过成都, 仅次于广州), not a subject.
const OBJECT_BEFORE = /(?:超过|超越|赶超|反超|领先于?|落后于?|仅次于|次于|高于|低于|快于|慢于)$/;

class SentenceReader {
  private readonly places: PlaceMention[];
  /** The sentence with its places blanked, for GROUP_SCOPE. */
  private readonly masked: string;
  /** Character ranges already read by a construction (由…到…, 分别…), so single ranks skip them. */
  private readonly taken: [number, number][] = [];
  readonly candidates: Candidate[] = [];
  readonly flagged: { reason: string }[] = [];

  constructor(
    private readonly s: string,
    private readonly meta: Meta,
  ) {
    const all = placesIn(s, meta.unit);
    this.places = all.filter((p) => !p.province);
    this.masked = maskPlaces(s, all);
  }

  /** The words from `from` up to the rank at `at` name a sub-ranking's scope. */
  private isSubScope(from: number, at: number): boolean {
    return SUB_RANKING.test(this.s.slice(from, at)) || GROUP_SCOPE.test(this.masked.slice(from, at));
  }

  read(): void {
    this.movements();
    this.respectively();
    this.tops();
    this.ordinals();
    this.bare();
  }

  private isTaken(at: number): boolean {
    return this.taken.some(([a, b]) => at >= a && at < b);
  }

  private add(city: string, rankText: string, at: number, tied = false, year: number | null = this.yearAt(at)): void {
    this.candidates.push({ city, rank: toNumber(rankText), rankText, tied, at, year });
  }

  /** The year the words before `at` give, leaving out those inside constructions already read (由去年42位…). */
  private yearAt(at: number): number | null {
    let before = this.s.slice(0, at);
    for (const [a, b] of this.taken) if (a < at) before = before.slice(0, a) + ' '.repeat(Math.min(b, at) - a) + before.slice(Math.min(b, at));
    return yearBefore(before, this.meta.year);
  }

  /**
   * The place a rank at `at` belongs to: the nearest place before it in its clause; else, for a
   * clause that names none, the sentence's subject (its first place). Null when the words between
   * them are another rank or a sub-ranking's scope.
   */
  private subjectOf(at: number): PlaceMention | null | 'sub' {
    const start = clauseStart(this.s, at);
    // 超过成都居第八位: the place overtaken is the object, not the rank's subject.
    const inClause = this.places.filter((p) => p.index >= start && p.end <= at && !OBJECT_BEFORE.test(this.s.slice(start, p.index)));
    const subject = inClause.at(-1) ?? this.places.find((p) => p.end <= at) ?? null;
    if (!subject) return this.isSubScope(start, at) ? 'sub' : null;
    const afterSubject = this.s.slice(subject.end, at);
    if (this.isSubScope(Math.min(subject.index, start), at)) return 'sub';
    const rankBetween = ranksIn(afterSubject).length > 0 || this.taken.some(([a]) => a > subject.end && a < at);
    // "2022年甲位列第44位，2023年位列第38位": a clause that opens with its own year goes on about the same place.
    if (rankBetween && !(inClause.length === 0 && YEAR_OPENS.test(this.s.slice(start, at)))) return 'sub';
    return subject;
  }

  /** 由去年42位前进到36位: 36 is the rank, 42 the earlier edition's. */
  private movements(): void {
    for (const m of this.s.matchAll(MOVE)) {
      this.taken.push([m.index, m.index + m[0].length]);
      const subject = this.subjectOf(m.index);
      if (subject === 'sub') continue;
      if (!subject) {
        this.flagged.push({ reason: `rank ${m[3]} with no place the sentence ties it to` });
        continue;
      }
      this.add(subject.name, m[3]!, m.index);
      // The rank it moved from: the edition 去年/2021年 names, else some earlier one.
      const marker = m[1];
      const year = marker?.match(/\d{4}/) ? Number(marker.slice(0, 4)) : marker && this.meta.year != null ? this.meta.year - (marker === '前年' ? 2 : 1) : null;
      this.candidates.push({ city: subject.name, rank: toNumber(m[2]!), rankText: m[2]!, tied: false, at: m.index, year, earlier: true });
    }
  }

  /** 甲、乙和丙分别位列第1位、3位和5位 (also 分列, 依次), and 甲、乙、丙分列第三至第五位. */
  private respectively(): void {
    const listed: { index: number; length: number; ranks: string[]; text: string }[] = [];
    for (const m of this.s.matchAll(RESPECTIVELY)) {
      const ranks = [...m[2]!.matchAll(new RegExp(NUM, 'g'))].map((r) => r[1]!);
      if ((/第/.test(m[2]!) || Boolean(m[3])) && ranks.length >= 2) listed.push({ index: m.index, length: m[0].length, ranks, text: m[2]! });
    }
    for (const m of this.s.matchAll(RESPECTIVE_RANGE)) {
      const [from, to] = [toNumber(m[1]!), toNumber(m[2]!)];
      if (!(to > from) || to - from > 50) continue;
      listed.push({ index: m.index, length: m[0].length, ranks: Array.from({ length: to - from + 1 }, (_, k) => String(from + k)), text: m[0] });
    }
    for (const m of listed) {
      if (this.isTaken(m.index)) continue;
      const ranks = m.ranks;
      this.taken.push([m.index, m.index + m.length]);
      const names = this.places.filter((p) => p.end <= m.index);
      // The names joined by 、和及与, right before 分别 or before a count and a verb of entry ("甲、乙和丙
      // 三市入围，分列…"): anything else between them is another clause's.
      const run: PlaceMention[] = [];
      let count: string | undefined;
      for (let k = names.length - 1; k >= 0; k--) {
        const gap = this.s.slice(names[k]!.end, run.length ? run[0]!.index : m.index);
        const tail = run.length ? null : gap.match(LIST_TAIL);
        if (run.length ? !/^(、|和|及|与|以及)$/.test(gap) : !tail) break;
        if (tail) count = tail[1];
        run.unshift(names[k]!);
      }
      if (run.length !== ranks.length || (count != null && toNumber(count) !== run.length)) {
        const stated = count != null && toNumber(count) !== run.length ? ` (the text counts ${count})` : '';
        this.flagged.push({ reason: `${run.length} places${stated} and ${ranks.length} ranks in one "分别" clause: ${m.text}` });
        continue;
      }
      run.forEach((p, k) => this.add(p.name, ranks[k]!, m.index));
    }
  }

  /** TOP1:甲… as a heading. */
  private tops(): void {
    for (const m of this.s.matchAll(TOP)) {
      const at = m.index + m[0].length;
      const place = this.places.find((p) => p.index === at);
      this.taken.push([m.index, at]);
      if (place) this.add(place.name, m[1]!, m.index);
    }
  }

  /** 第N位 with the place before it (or, 排名第10的城市是甲, after it). */
  private ordinals(): void {
    for (const m of ranksIn(this.s)) {
      if (this.isTaken(m.index!)) continue;
      const at = m.index!;
      const rankText = m[2]!;
      const tied = Boolean(m[1]) || /并列$/.test(this.s.slice(0, at));
      const start = clauseStart(this.s, at);
      const before = this.s.slice(start, at);
      // 某某市第5位: a name the gazetteer lacks, right before the rank, goes to the validator to be flagged.
      const head = (before.match(new RegExp(`${HAN}+$`))?.[0] ?? '').replace(/(排名|排在|排|位列|位居|名列|居|并列)?(在全国|全国|榜单中)?$/, '');
      const unknown = !this.places.some((p) => p.end <= at && p.index >= start) ? unknownPlaceAt(head, 'end') : null;
      if (unknown) {
        this.add(unknown, rankText, at, tied);
        continue;
      }
      // 排名第40的江阴市 / 第8名是老牌城市天津: the place comes after the rank.
      const rest = this.s.slice(at + m[0].length, clauseEnd(this.s, at + m[0].length));
      // 领先于第三位深圳(78.95): a place written right after the rank is its own.
      const adjacent = this.places.find((p) => p.index === at + m[0].length);
      if (adjacent && !this.isSubScope(start, at)) {
        this.add(adjacent.name, rankText, at, tied);
        continue;
      }
      // 排名第79的乙和排名第80位的丙: a rank that opens its phrase after a joiner is the place's right after 的,
      // not the one before the joiner.
      const next = rest.startsWith('的') ? this.places.find((p) => p.index === at + m[0].length + 1) : undefined;
      if (next && /[、和及与]\s*(排名|排在|位列|位居|名列)?$/.test(before) && !this.isSubScope(start, at)) {
        this.add(next.name, rankText, at, tied);
        continue;
      }
      if (!this.places.some((p) => p.end <= at && p.index >= start) && /^(的|是|为)/.test(rest)) {
        if (this.isSubScope(start, at)) continue;
        const after = this.places.find((p) => p.index >= at + m[0].length && p.end <= at + m[0].length + rest.length);
        if (after) {
          this.add(after.name, rankText, at, tied);
          continue;
        }
      }
      const subject = this.subjectOf(at);
      if (subject === 'sub') continue;
      if (!subject) {
        this.flagged.push({ reason: `rank ${rankText} with no place the sentence ties it to` });
        continue;
      }
      // 甲与乙并列第6位: both share the rank.
      const partner = tied ? this.places.find((p) => p.index >= clauseStart(this.s, at) && /^(与|和|同|跟|及)$/.test(this.s.slice(p.end, subject.index))) : undefined;
      if (partner) this.add(partner.name, rankText, at, true);
      this.add(subject.name, rankText, at, tied);
    }
  }

  /** 合肥市21位: digits and 位 right after a name. */
  private bare(): void {
    for (const m of this.s.matchAll(BARE)) {
      if (this.isTaken(m.index) || this.s[m.index - 1] === '第') continue;
      const place = this.places.filter((p) => p.end <= m.index).at(-1);
      if (!place || !CONNECTOR.test(this.s.slice(place.end, m.index))) continue;
      this.add(place.name, m[1]!, m.index);
    }
  }
}

/** The list a clause of the sentence is about: the one it names, else the one the sentence names, else the configured list. */
function listAt(sentence: string, at: number, meta: Meta): RankingList {
  const pick = (text: string): RankingList | null => {
    const named = listsNamedIn(text, meta.lists).map((m) => m.list);
    if (!named.length || named.some((l) => l.id === meta.list.id)) return named.length ? meta.list : null;
    return named[0]!;
  };
  const start = clauseStart(sentence, at);
  return pick(sentence.slice(start, clauseEnd(sentence, at))) ?? pick(sentence) ?? meta.list;
}

/** Names in "甲、乙、丙和丁": the ends are trimmed to the place names they hold. */
function listNames(m: RegExpMatchArray, unit: RankedUnit): { names: string[]; at: number } {
  const parts = m[0].split('、');
  const names: string[] = [];
  const isPlace = (t: string): boolean => placesIn(t, unit).some((p) => p.index === 0 && p.end === t.length && !p.province);
  const atEnd = (t: string): string | null => {
    for (let len = Math.min(t.length, 12); len >= 2; len--) if (isPlace(t.slice(-len))) return t.slice(-len);
    return null;
  };
  const atStart = (t: string): string | null => {
    for (let len = Math.min(t.length, 12); len >= 2; len--) if (isPlace(t.slice(0, len))) return t.slice(0, len);
    return null;
  };
  parts.forEach((part, i) => {
    let p = part;
    if (i === 0) p = atEnd(p) ?? unknownPlaceAt(p, 'end') ?? p;
    if (i === parts.length - 1) {
      // "北京和广州位列前五名": split off the last name, but not 和田 (Hotan).
      const joined = p.match(new RegExp(`^(${HAN}{2,}?)(?:和|及|以及|与)(${HAN}+)$`));
      if (joined && !isPlace(p) && isPlace(joined[1]!)) {
        names.push(joined[1]!);
        p = joined[2]!;
      }
      p = atStart(p) ?? unknownPlaceAt(p, 'start') ?? p;
    }
    names.push(p.replace(/等$/, ''));
  });
  return { names, at: m.index! };
}

/**
 * A list of names: ranked 1..n when the sentence says so (the list right after 依次为, or the one
 * before 位列前N with N names), else its places are flagged as unranked. A list that trails off (等,
 * ……) is never ranked.
 */
function orderedList(sentence: string, meta: Meta): { ranked: Candidate[]; unranked: string[] } {
  const runs = [...sentence.matchAll(new RegExp(`${HAN}+(?:、${HAN}+)+`, 'g'))];
  if (!runs.length) return { ranked: [], unranked: [] };
  const partial = (m: RegExpMatchArray): boolean => /等/.test(m[0].split('、').at(-1)!) || /^\s*(等|……|\.\.\.)/.test(sentence.slice(m.index! + m[0].length));
  const cue = sentence.match(ORDERED_CUE);
  const topN = sentence.match(TOP_N);
  let run: RegExpMatchArray | undefined;
  let ordered = false;
  if (cue) {
    // The list the cue introduces: 依次为：甲、乙… (its first name may carry the words before it).
    run = runs.find((m) => m.index! + m[0].length > cue.index! + cue[0].length) ?? runs[0];
    ordered = !partial(run!);
  } else if (topN) {
    run = [...runs].reverse().find((m) => m.index! < topN.index!) ?? runs[0];
    // 甲、乙、丙位居老工业城市排名前三: the top of a group, not of the list.
    const group = GROUP_SCOPE.test(maskPlaces(sentence, placesIn(sentence, meta.unit)).slice(0, topN.index!));
    ordered = !group && !partial(run!) && listNames(run!, meta.unit).names.length === toNumber(topN[2]!);
  }
  if (run && ordered) {
    const { names, at } = listNames(run, meta.unit);
    const year = yearBefore(sentence.slice(0, at), meta.year);
    return { ranked: names.map((city, i) => ({ city, rank: i + 1, rankText: String(i + 1), tied: false, at, year })), unranked: [] };
  }
  if (!cue && !topN && !MEMBERSHIP_CUE.test(sentence)) return { ranked: [], unranked: [] };
  // Only names of places are worth a flag: 创新能力、融合发展 is a list of words.
  const isPlace = (n: string): boolean => placesIn(n, meta.unit).some((p) => !p.province && p.index === 0 && p.end === n.length) || unknownPlaceAt(n, 'start') === n;
  return { ranked: [], unranked: runs.flatMap((m) => listNames(m, meta.unit).names.filter(isPlace)) };
}

/**
 * Sentences of the page text with their offsets and (first) line numbers. A line ending in ：、， goes on
 * into the next (依次为：\n甲、乙、丙…), so a list broken across lines stays one sentence.
 */
function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(/(?:[^。！？；;!?\n]|(?<=[：:、，,][ \t\u3000]*)\n)+[。！？；;!?]*/g)) {
    for (let i = counted; i < m.index; i++) if (text[i] === '\n') line++;
    counted = m.index;
    if (m[0].trim()) out.push({ text: m[0], at: m.index, line });
  }
  return out;
}

/** The list's year: the settings', else the one the page prints beside the list's name. */
function listYear(ctx: ParseContext, text: string, list: RankingList): { year: number | null; yearSource: YearSource | null } {
  const fromSettings = settingsYear(ctx);
  if (fromSettings != null) return { year: fromSettings, yearSource: 'settings' };
  const found = listYearInText(text, list);
  if (!found) return { year: null, yearSource: null };
  const titleEnd = text.search(/\S/) < 0 ? 0 : text.indexOf('\n', text.search(/\S/));
  return { year: found.year, yearSource: titleEnd < 0 || found.index < titleEnd ? 'title' : 'text' };
}

const adapter: SourceAdapter = {
  kind: 'ranking-prose',
  version: 5, // 5: a county written after its city (南通如东县) is the county's; 第三位深圳; 超过成都居第八位; 分列第三至第十位
  feeds: ['rankings'],
  settings: RankingSettings,
  parse(body, ctx) {
    // Offsets are in this text: the decoded page (its visible text for HTML), simplified.
    const text = simplify(looksLikeHtml(body) ? htmlToText(body) : body);
    const list = rankingList(settingsList(ctx), ctx.rankingLists);
    const meta: Meta = { list, lists: rankingLists(ctx.rankingLists), unit: list.unit, ...listYear(ctx, text, list) };
    const found: Found = { rows: [], flagged: [] };
    const flag = (s: Sentence, reason: string): void => {
      found.flagged.push({ row: s.line, raw: s.text.trim(), reason });
    };

    for (const s of sentences(text)) {
      const reader = new SentenceReader(s.text, meta);
      reader.read();
      const ordered = orderedList(s.text, meta);
      // A name the sentence also ranks (苏州排名第三、南京排名第五) is not "listed without a rank".
      const ranked = new Set(reader.candidates.map((c) => c.city));
      for (const city of ordered.unranked.filter((n) => !ranked.has(n))) flag(s, `listed without a rank: ${city}; the text does not state the order as a ranking`);
      for (const f of reader.flagged) flag(s, `${f.reason}; not loaded`);
      for (const c of [...reader.candidates, ...ordered.ranked].sort((a, b) => a.at - b.at)) {
        const other = listAt(s.text, c.at, meta);
        if (other.id !== list.id) {
          flag(s, `${c.city} rank ${c.rankText} is in ${other.id} (${other.name}), named in the sentence, not ${list.id}; not loaded`);
        } else if (c.earlier && (c.year == null || c.year === meta.year)) {
          flag(s, `${c.city} rank ${c.rankText} is the rank it moved from, an earlier edition's; not loaded`);
        } else if (c.year != null && meta.year != null && c.year !== meta.year) {
          flag(s, `${c.city} rank ${c.rankText} is the ${c.year} edition's, not ${meta.year}'s; not loaded`);
        } else {
          const quote = s.text.trim();
          found.rows.push({
            list: list.id,
            year: meta.year,
            yearSource: meta.yearSource,
            rank: c.rank,
            rankText: c.rankText,
            city: c.city,
            province: null,
            score: null,
            raw: quote,
            line: s.line,
            quote,
            offset: s.at + s.text.indexOf(quote),
            ...(c.tied ? { tied: true } : {}),
          });
        }
      }
    }
    if (!found.rows.length && !found.flagged.length) {
      throw new LayoutError(ctx.location, 'no ranked list of cities in the text (no "依次为…" list and no "某市第N位")');
    }
    if (found.rows.length && meta.year == null) throw noYear(ctx, "the text beside the list's name");
    return finishRankings(ctx, consolidate(found, meta), found.flagged, text);
  },
};

/**
 * The same place and rank stated twice (a list, then a sentence) is one row. A place the text gives two
 * different ranks is flagged: the sentences disagree, and neither is taken.
 */
function consolidate(found: Found, meta: Meta): ReadRankingRow[] {
  const key = (r: ReadRankingRow): string => {
    const resolved = resolveRankedPlace(r.city, meta.unit, null);
    // By code: 苏州 and 宿州 share the English name Suzhou but are two places.
    return 'place' in resolved ? resolved.place.code : r.city;
  };
  const byPlace = new Map<string, ReadRankingRow[]>();
  for (const r of found.rows) byPlace.set(key(r), [...(byPlace.get(key(r)) ?? []), r]);
  const rows: ReadRankingRow[] = [];
  for (const same of byPlace.values()) {
    const ranks = [...new Set(same.map((r) => r.rank))];
    if (ranks.length > 1) {
      for (const r of same) {
        found.flagged.push({ row: r.line, raw: r.raw, reason: `${r.city} is given ranks ${ranks.join(' and ')} in ${meta.list.id}: the text disagrees with itself; not loaded` });
      }
      continue;
    }
    rows.push(same[0]!);
  }
  return rows;
}

export default adapter;
