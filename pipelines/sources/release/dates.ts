// The date a release speaks from, when the text's periods state no year: the configured publication
// date, else the page's own dateline (发布时间：2024-05-20, 2023年08月15日 09:10), else a date in its URL
// (/2024/04/18/, 20210815, 202108). A title that states a year (2024年1-5月经济运行情况) gives the year
// alone. A bare year in a URL (/2019/) is too weak to use.
import type { ReferenceDate } from './periods.ts';
import type { Paragraph } from './text.ts';

const valid = (y: number, m: number, d = 1): boolean => y >= 1990 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;

// Full dates in text: 2024-05-20, 2024/5/20, 2024.05.20, 2024年5月20日.
const TEXT_DATE = /(?<!\d)((?:19|20)\d{2})(?:([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|年(\d{1,2})月(\d{1,2})日)/;
const DATELINE_CUE = /(?:发布|更新|发稿|来源|时间|日期)/;
// A statistics figure: the article has begun.
const FIGURE = /\d(?:\.\d+)?(?:%|亿元|万元|万亿元)/;

/** The first full date at the top of the page, before the article's first figure (or on a 发布时间 line). */
export const findDateline = (paragraphs: readonly Paragraph[]): ReferenceDate | null => {
  for (const [i, p] of paragraphs.entries()) {
    if (p.title) continue;
    const m = TEXT_DATE.exec(p.text);
    const cued = m && DATELINE_CUE.test(p.text.slice(0, m.index + 20));
    const [month, day] = m ? [+(m[3] ?? m[5]), +(m[4] ?? m[6])] : [0, 0];
    // A short line with a date (a byline) or a cued one; a date inside the prose is an event, not the dateline.
    if (m && (cued || p.text.length <= 40 || m.index === 0) && valid(+m[1], month, day)) {
      return { year: +m[1], month, source: 'dateline' };
    }
    if (FIGURE.test(p.text) || i > 12) break;
  }
  return null;
};

const URL_DATES: RegExp[] = [
  /(?<!\d)(20\d{2})[-/_](\d{1,2})[-/_](\d{1,2})(?!\d)/, // /2024/04/18/, 2021-12-26
  /(?<!\d)(20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)/, // 20200407
  /(?<!\d)(20\d{2})\/(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)/, // /2023/0814/
  /(?<!\d)(20\d{2})[-/_](0[1-9]|1[0-2])(?=\/)/, // /2025-10/29/, /2024/04/
  /\/(20\d{2})(0[1-9]|1[0-2])\//, // /202108/
];

/** A date in an http(s) URL's path; null for files and for URLs with no such date. */
export const urlDate = (location: string): ReferenceDate | null => {
  if (!/^https?:\/\//i.test(location)) return null;
  const path = location.replace(/^https?:\/\/[^/]+/i, '');
  for (const re of URL_DATES) {
    const m = re.exec(path);
    if (m && valid(+m[1], +m[2], m[3] ? +m[3] : 1)) return { year: +m[1], month: +m[2], source: 'url' };
  }
  return null;
};

/** The year a headline states (2023年西安市经济运行情况): the HTML title, or a first line without sentence punctuation. */
export const titleYear = (paragraphs: readonly Paragraph[]): ReferenceDate | null => {
  const first = paragraphs.find((p) => p.title) ?? paragraphs.find((p) => !/[，。；]/.test(p.text) && p.text.length <= 60);
  const m = first && /(?<![\d比较])((?:19|20)\d{2})年/.exec(first.text);
  return m ? { year: +m[1], month: null, source: 'title' } : null;
};
