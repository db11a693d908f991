// A release body as paragraphs of simplified, normalized text. HTML loses its markup but keeps its
// paragraph breaks; plain text keeps its line numbers so flagged rows can point at them.
import * as cheerio from 'cheerio';
import { toSimplified } from '../../simplified.ts';
import { normalizeText } from './numbers.ts';

export interface Paragraph {
  text: string;
  /** 1-based line in the body for plain text; null for HTML, whose lines say little after stripping. */
  line: number | null;
}

export const looksLikeHtml = (body: string): boolean => /^\s*(?:<!doctype|<html|<body|<p[\s>]|<div[\s>])/i.test(body);

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

/** Paragraphs of simplified Chinese in canonical spelling (see normalizeText), empty ones dropped. */
export const toParagraphs = (body: string): Paragraph[] => {
  const html = looksLikeHtml(body);
  const lines = (html ? htmlToText(body) : body).split(/\r\n|\r|\n/);
  const out: Paragraph[] = [];
  lines.forEach((raw, i) => {
    const text = normalizeText(toSimplified(raw));
    if (text) out.push({ text, line: html ? null : i + 1 });
  });
  return out;
};
