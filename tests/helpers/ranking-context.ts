// A real ParseContext for the ranking adapters: the shipped gazetteer, fixture files from disk.
import { readFileSync } from 'node:fs';
import { lookupPlace } from '../../pipelines/geo/gazetteer.ts';
import type { ParseContext } from '../../pipelines/sources/contract.ts';

export const fixturePath = (name: string): string => new URL(`../fixtures/rankings/${name}`, import.meta.url).pathname;
export const fixture = (name: string): string => readFileSync(fixturePath(name), 'utf8');

export const context = (name: string, settings: Record<string, unknown>): ParseContext => ({
  source: 'test-ranking',
  location: fixturePath(name),
  published: null,
  defaultPlace: null,
  lookupPlace,
  settings,
});
