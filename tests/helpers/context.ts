// A ParseContext for tests, with a gazetteer stub that knows only a few places.
import type { ParseContext, Place } from '../../pipelines/sources/contract.ts';

export const XIAN: Place = { code: '610100', name: "Xi'an", nameZh: '西安', province: 'Shaanxi' };
export const SHAANXI: Place = { code: '610000', name: 'Shaanxi', nameZh: '陕西', province: null };
export const BAOJI: Place = { code: '610300', name: 'Baoji', nameZh: '宝鸡', province: 'Shaanxi' };

const PLACES: Record<string, Place> = {
  西安: XIAN,
  西安市: XIAN,
  "Xi'an": XIAN,
  陕西: SHAANXI,
  陕西省: SHAANXI,
  Shaanxi: SHAANXI,
  宝鸡: BAOJI,
  宝鸡市: BAOJI,
};

export const lookupPlace = (name: string): Place | null => PLACES[name] ?? null;

export const testContext = (overrides: Partial<ParseContext> = {}): ParseContext => ({
  source: 'test-release',
  location: 'tests/fixtures/releases/test',
  published: null,
  defaultPlace: XIAN,
  lookupPlace,
  settings: {},
  ...overrides,
});
