// Renders an edition's HTML from the Handlebars templates: data in, one self-contained page out.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { ordinalNumber } from './narrative.ts';

export const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

/** Every template file, for the edition's fingerprint. */
export function templateFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(TEMPLATES_DIR).sort();
}

function engine(language: string): { hb: typeof Handlebars; partials: Record<string, string> } {
  const hb = Handlebars.create();
  const dir = join(TEMPLATES_DIR, 'partials', language);
  const partials: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
    const name = file.slice(0, -4);
    partials[name] = `${language}/${name}`;
    hb.registerPartial(partials[name], readFileSync(join(dir, file), 'utf8'));
  }
  hb.registerHelper('ordinalNumber', (n: number) => ordinalNumber(n));
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('short', (s: string) => (typeof s === 'string' ? s.slice(0, 12) : ''));
  hb.registerHelper('date', (d: Date | string | null) => (d == null ? '' : new Date(d).toISOString().slice(0, 10)));
  return { hb, partials };
}

/** The page for `view`, in `language` (partials from templates/partials/<language>/). */
export function renderHtml(view: Record<string, unknown>, language: string): string {
  const { hb, partials } = engine(language);
  const layout = hb.compile(readFileSync(join(TEMPLATES_DIR, 'layout.hbs'), 'utf8'));
  return layout({ ...view, language, partials, css: readFileSync(join(TEMPLATES_DIR, 'style.css'), 'utf8') });
}
