// The config example stays true to the schema: it loads, and it names every key there is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { ConfigSchema, loadConfig, normalizeConfig } from '../pipelines/config.ts';
import { ConfigError } from '../pipelines/errors.ts';
import { checkSources } from '../pipelines/sources/registry.ts';
import { ROOT } from './helpers/workspace.ts';

const EXAMPLE = join(ROOT, 'xian-report.config.example.yaml');

/** Every key of an object schema, nested ones as "parent.child". */
function keysOf(schema: z.ZodType, prefix = ''): string[] {
  let s: z.ZodType = schema;
  // Unwrap defaults, optionals and arrays to reach the object inside.
  for (;;) {
    const def = (s as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType } }).def;
    if ((def.type === 'default' || def.type === 'optional') && def.innerType) s = def.innerType;
    else if (def.type === 'array' && def.element) s = def.element;
    else break;
  }
  if (!(s instanceof z.ZodObject)) return [];
  return Object.entries(s.shape).flatMap(([k, v]) => [`${prefix}${k}`, ...keysOf(v as z.ZodType, `${prefix}${k}.`)]);
}

test('the example config loads, with its sources and jobs', async () => {
  const cfg = loadConfig(EXAMPLE);
  await checkSources(cfg.sources, cfg.file);
  assert.ok(cfg.sources.length > 0);
});

test('the example config names every key of the schema (set or commented out)', () => {
  const text = readFileSync(EXAMPLE, 'utf8');
  const missing = keysOf(ConfigSchema).filter((key) => !new RegExp(`(^|[\\s{,#-])${key.split('.').at(-1)}:`, 'm').test(text));
  assert.deepEqual(missing, []);
});

test('config errors name the key', () => {
  assert.throws(() => normalizeConfig({ http: { timeoutMs: -1 } }, 'c.yaml'), (e: unknown) => e instanceof ConfigError && /"http\.timeoutMs"/.test(e.message));
  assert.throws(() => normalizeConfig({ edition: { languages: ['fr'] } }, 'c.yaml'), /"edition\.languages\.0"/);
  assert.throws(() => normalizeConfig({ sources: [{ name: 'a', adapter: 'table-csv', location: 'x', provenance: 'p', colour: 1 }] }, 'c.yaml'), /unknown key "sources\.0\.colour"/);
});

test('extra ranking lists: checked by the schema, defaults filled, a bad unit named by its key', () => {
  const cfg = normalizeConfig({ rankingLists: [{ id: 'green-cities', name: '示例绿色城市榜', aliases: ['绿色城市榜'] }] }, 'c.yaml');
  assert.deepEqual(cfg.rankingLists, [{ id: 'green-cities', unit: 'city', name: '示例绿色城市榜', aliases: ['绿色城市榜'] }]);
  assert.throws(() => normalizeConfig({ rankingLists: [{ id: 'x', name: 'y', unit: 'town' }] }, 'c.yaml'), (e: unknown) => e instanceof ConfigError && /"rankingLists\.0\.unit"/.test(e.message));
  assert.throws(() => normalizeConfig({ rankingLists: [{ id: 'Bad Id', name: 'y' }] }, 'c.yaml'), /"rankingLists\.0\.id"/);
});
