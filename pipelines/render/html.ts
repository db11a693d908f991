// Renders an edition's HTML from the Handlebars templates: data in, one self-contained page out.
// The templates are the same for every language; their fixed text comes from the messages file
// of the edition's language through the `t` helpers.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Language } from './format.ts';
import { esc, messagesFile, t, tList } from './messages.ts';
import { TEMPLATES_DIR, templateFiles } from './templates-dir.ts';

export { TEMPLATES_DIR, templateFiles };

// Values given to a message in a template: text is escaped; an already built HTML piece
// (a figure with its marker) arrives as a SafeString and stays as it is.
const asHtml = (v: unknown): string => (v instanceof Handlebars.SafeString ? v.toString() : esc(v as string));
const htmlVars = (hash: Record<string, unknown>) => Object.fromEntries(Object.entries(hash).map(([k, v]) => [k, asHtml(v)]));

// The language is the page's own (`@root.language`), so one compiled template serves every language.
const lang = (options: Handlebars.HelperOptions) => (options.data as { root: { language: Language } }).root.language;

function engine(partials: (readonly [string, string])[]): typeof Handlebars {
  const hb = Handlebars.create();
  // Compiled here: a partial registered as text is compiled again at every render.
  for (const [name, source] of partials) hb.registerPartial(name, hb.compile(source, { strict: false }));
  /** A message as HTML: {{{t "key" name=value}}}. */
  hb.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => new Handlebars.SafeString(t(lang(options), key, htmlVars(options.hash))));
  /** A message as plain text, for an attribute or a heading passed to a partial. */
  hb.registerHelper('tt', (key: string, options: Handlebars.HelperOptions) => t(lang(options), key, options.hash).replace(/<[^>]+>/g, ''));
  hb.registerHelper('tl', (key: string, options: Handlebars.HelperOptions) => tList(lang(options), key, htmlVars(options.hash)));
  hb.registerHelper('tpairs', (key: string, options: Handlebars.HelperOptions) => tList(lang(options), key).map((s) => s.split('\u0000')));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  return hb;
}

// Compiled once per version of the templates: `build --all` renders hundreds of pages, and
// compiling costs more than rendering. The files are read each time (cheap), so an edited
// template is seen by a long-running scheduler.
let compiled: { version: string; layout: HandlebarsTemplateDelegate } | null = null;

/** The page for `view`, in `language`. */
export function renderHtml(view: Record<string, unknown>, language: Language): string {
  const source = readFileSync(join(TEMPLATES_DIR, 'layout.hbs'), 'utf8');
  const dir = join(TEMPLATES_DIR, 'partials');
  const partials = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f) => [f.slice(0, -4), readFileSync(join(dir, f), 'utf8')] as const);
  const version = JSON.stringify([source, partials]);
  if (compiled?.version !== version) compiled = { version, layout: engine(partials).compile(source, { strict: false }) };
  return compiled.layout({ ...view, language, css: readFileSync(join(TEMPLATES_DIR, 'style.css'), 'utf8') });
}
