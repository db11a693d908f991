// 甲、乙和丙分别增长5%、6%和7%: pairs each subject with its figure, so that every one is read as a clause
// of its own ("乙增长6%"). A shared head noun written once at the end (战略性新兴产业、高技术制造业增加值)
// belongs to every subject. Null when the clause has no 分别 list, or when subjects and figures do not pair up.
import type { Indicator, IndicatorMatch } from '../indicators.ts';
import { FIGURE_UNITS, NUMBER } from './clauses.ts';

export interface RespectivePair {
  indicator: Indicator | null;
  /** The subject's words, head noun included. */
  words: string;
  /** The subject, the shared verb and its own figure: a clause to read. */
  text: string;
}

const FIGURE = new RegExp(`${NUMBER}(?:${FIGURE_UNITS})`, 'g');
const HEAD = /(增加值|总产值|产值|投资|零售总额|完成投资)$/;
// What may stand before a subject's indicator words without making it another thing: 全市规上工业战略性新兴产业.
const LEAD = /^(?:其中|特别是|尤其是|全市|全省|本市|规上工业|规模以上工业|工业|规上|规模以上)*/;

export function pairRespectively(clause: string, match: (text: string) => IndicatorMatch | null): RespectivePair[] | null {
  const at = clause.indexOf('分别');
  if (at <= 0) return null;
  const tail = clause.slice(at + 2);
  const figures = [...tail.matchAll(FIGURE)];
  if (figures.length < 2) return null;
  const verb = tail.slice(0, figures[0].index).replace(/^[为是]/, '');
  let subjects = clause.slice(0, at).split('、').filter(Boolean);
  if (subjects.length < figures.length) {
    subjects = subjects.flatMap((s) => s.split(/和|及|与|以及/)).filter(Boolean);
  }
  if (subjects.length !== figures.length) return null;
  const head = HEAD.exec(subjects[subjects.length - 1])?.[1];
  return subjects.map((subject, i) => {
    const words = head && !HEAD.test(subject) ? `${subject}${head}` : subject;
    const text = `${words}${verb}${figures[i][0]}`;
    const found = match(words);
    // Only when the indicator's words start the subject: 汽车及装备制造业 is not 装备制造业.
    const lead = LEAD.exec(words)?.[0].length ?? 0;
    const indicator = found && found.index <= lead ? found.indicator : null;
    return { indicator, words, text };
  });
}
