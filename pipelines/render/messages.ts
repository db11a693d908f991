// The fixed text of an edition, one messages file per language (templates/messages/<lang>.yaml).
// A message names its blanks {like_this}; the values put in are HTML the caller has escaped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kept } from '../kept.ts';
import { LOCK_FILE, requirePackage } from '../project-paths.ts';
import type { Language } from './format.ts';
import { TEMPLATES_DIR } from './templates-dir.ts';

type Tree = { [key: string]: string | string[] | string[][] | Tree };
const cache = new Map<Language, Tree>();

/** The file of a language's messages, for the edition's fingerprint. */
export const messagesFile = (lang: Language) => join(TEMPLATES_DIR, 'messages', `${lang}.yaml`);

export function messagesOf(lang: Language): Tree {
  let tree = cache.get(lang);
  if (!tree) {
    // Parsed once per version of the file (kept.ts; the lock file names yaml's version), and the
    // YAML parser loaded only then: an edition's start need not parse both languages' files.
    tree = kept('messages', [messagesFile(lang), LOCK_FILE], '', () => {
      const { parse } = requirePackage<typeof import('yaml')>('yaml');
      return parse(readFileSync(messagesFile(lang), 'utf8')) as Tree;
    });
    cache.set(lang, tree);
  }
  return tree;
}

function lookup(lang: Language, key: string): unknown {
  let node: unknown = messagesOf(lang);
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (node === undefined) throw new Error(`templates/messages/${lang}.yaml has no message "${key}"`);
  return node;
}

/** Fills a message's blanks; a blank with no value is an error, so no "{city}" is ever printed. */
export function fill(template: string, vars: Record<string, string | number>, where: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`message "${where}" needs a value for {${name}}`);
    return String(vars[name]);
  });
}

/** The message `key` in `lang` with its blanks filled (vars are HTML, escaped by the caller). */
export function t(lang: Language, key: string, vars: Record<string, string | number> = {}): string {
  const m = lookup(lang, key);
  if (typeof m !== 'string') throw new Error(`templates/messages/${lang}.yaml: "${key}" is not a single message`);
  return fill(m, vars, `${lang}.${key}`);
}

/** A list of messages (paragraphs, items), each filled. */
export function tList(lang: Language, key: string, vars: Record<string, string | number> = {}): string[] {
  const m = lookup(lang, key);
  if (!Array.isArray(m)) throw new Error(`templates/messages/${lang}.yaml: "${key}" is not a list`);
  return m.map((item) => (Array.isArray(item) ? item.map((s) => fill(s, vars, `${lang}.${key}`)).join('\u0000') : fill(item, vars, `${lang}.${key}`)));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#x60;', '=': '&#x3D;' };

/** Text from the data (a quote, a name, a provenance) made safe to put into HTML. */
export const esc = (s: string | number | null | undefined): string => String(s ?? '').replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]!);
