// Which year a ranking in running text is for. The list's year comes only from the page's words about
// the list (a year printed beside its name: 2022先进制造业十强城市, 百强市(2022)), never from a dateline
// or a date elsewhere; a sentence's own year (2022年X位列第44位, 去年42位) may name another edition.
import type { RankingList } from './lists.ts';

// Words that name a ranking when no alias of the configured list is printed.
const LIST_WORDS = ['榜单', '排行榜', '排行', '排名', '百强', '十强', '强市', '强县', '强区', '研究报告', '报告', '指数', '榜'];
// Between a year and the list's name: a few characters, no punctuation or space (2021年中国城市综合经济竞争力).
const GAP = '[^\\s，。,;；！？!?、:：“”"《》]{0,10}?';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A year found in the text, and whether it stood on the page's title line. */
export interface ListYear {
  year: number;
  index: number;
}

function yearBeside(text: string, words: readonly string[]): ListYear | null {
  if (!words.length) return null;
  const names = words.map(escape).join('|');
  const before = new RegExp(`(?<!\\d)((?:19|20)\\d{2})\\s*年?度?的?${GAP}(?:${names})`, 'g');
  const after = new RegExp(`(?:${names})\\s*[(（]\\s*((?:19|20)\\d{2})\\s*(?:年|年度)?[)）]`, 'g');
  const hits = [...text.matchAll(before), ...text.matchAll(after)].sort((a, b) => a.index - b.index);
  const first = hits[0];
  return first ? { year: Number(first[1]), index: first.index } : null;
}

/** The list's year as the (simplified) page states it beside the list's names, else beside a word for a ranking. */
export function listYearInText(text: string, list: RankingList): ListYear | null {
  return yearBeside(text, list.aliases) ?? yearBeside(text, LIST_WORDS);
}

// A year a clause is about: 2022年 (not 2022年以来 or 截至2021年末), 去年, 今年. One after 较/比/和/与
// (较2021年上升1位) is a comparison, not the clause's year.
const CLAUSE_YEAR = /(较|比|和|与|同|相较|截至|截止)?(?:((?:19|20)\d{2})\s*年(?!以来|末|底|初|前|后|\d)|(去年|上年|上一年|前年|今年|本年|当年))/g;

/**
 * The year the words before a rank give it, or null when they give none (the list's year then). `text`
 * is the sentence up to the rank.
 */
export function yearBefore(text: string, listYear: number | null): number | null {
  let year: number | null = null;
  for (const m of text.matchAll(CLAUSE_YEAR)) {
    if (m[1]) continue;
    if (m[2]) year = Number(m[2]);
    else if (listYear != null) year = /今年|本年|当年/.test(m[3]!) ? listYear : m[3] === '前年' ? listYear - 2 : listYear - 1;
  }
  return year;
}
