// A release body as paragraphs of simplified, normalized text. HTML loses its markup but keeps its
// paragraph breaks and its <title>; every paragraph keeps where it stands in the page's text, so a
// figure can be cited and checked. What surrounds the article (related headlines, footers) is cut.
import * as cheerio from 'cheerio';
import { toSimplified } from '../../simplified.ts';
import { normalizeText } from './numbers.ts';

export interface Paragraph {
  text: string;
  /** 1-based line in the body for plain text; null for HTML, whose lines say little after stripping. */
  line: number | null;
  /** Character offset of the paragraph's line in the page text (the body, or the visible text of HTML). */
  offset: number;
  /** The HTML <title> (or <h1>), which can state the year but is not part of the article's prose. */
  title?: boolean;
}

export const looksLikeHtml = (body: string): boolean => /^\s*(?:<!doctype|<html|<head|<body|<p[\s>]|<div[\s>])/i.test(body);

const BLOCKS = 'p, div, li, h1, h2, h3, h4, h5, h6, tr, section, article, header, footer, table, blockquote';

/** The visible text of an HTML page, one line per block element; scripts, styles and the <head> dropped. */
export const htmlToText = (html: string): string => {
  const $ = cheerio.load(html);
  $('script, style, noscript, head').remove();
  $('br').replaceWith('\n');
  $(BLOCKS).each((_, el) => {
    $(el).prepend('\n').append('\n');
  });
  return $.root().text();
};

// A reading aid some sites print after a character: 規(guī)模, 總值（zhí）. Never part of the figures.
const PINYIN_GLOSS = /(?<=[\u3400-\u9fff])[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7}[)）]/g;

/** Simplified, normalized text of one line: glosses dropped, traditional characters converted. */
export const cleanLine = (raw: string): string => normalizeText(toSimplified(raw.replace(PINYIN_GLOSS, '')));

// Where the article ends and the site's furniture begins: an editor's line, a disclaimer, a list of
// related or popular headlines. Only once the article has said something, so a header line is not mistaken.
const FURNITURE =
  /^(?:责任编辑|编辑[：:]|本文编辑|免责声明|声明[：:]|版权(?:所有|声明)|热点资讯|热门推荐|相关(?:新闻|阅读|推荐|文章|资讯)|推荐阅读|延伸阅读|猜你喜欢|上一篇|下一篇|以上文章仅代表|分享到)/;
// One line of a headline list after the article: a date, then a headline, with no sentence punctuation.
const DATED_HEADLINE = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/]\d{1,2})(?!\d)[^。，；]*$/;

/** Paragraphs of simplified Chinese in canonical spelling (see normalizeText), empty ones and the site's furniture dropped. */
export const toParagraphs = (body: string): Paragraph[] => {
  const html = looksLikeHtml(body);
  const out: Paragraph[] = [];
  let text = body;
  if (html) {
    const $ = cheerio.load(body);
    const title = $('title').first().text().trim() || $('h1').first().text().trim();
    if (title) out.push({ text: cleanLine(title), line: null, offset: 0, title: true });
    text = htmlToText(body);
  }
  let offset = 0;
  let sawProse = false;
  for (const [i, raw] of text.split(/\n/).entries()) {
    const at = offset;
    offset += raw.length + 1;
    const clean = cleanLine(raw.replace(/\r$/, ''));
    if (!clean) continue;
    if (sawProse && FURNITURE.test(clean)) break;
    if (sawProse && DATED_HEADLINE.test(clean)) continue;
    if (/[，。；]/.test(clean)) sawProse = true;
    out.push({ text: clean, line: html ? null : i + 1, offset: at });
  }
  return out;
};
