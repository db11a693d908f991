// Resolves any place name a source uses: a region, a province or a city.
import type { Place } from '../sources/contract.ts';
import { lookupPlace as lookupGazetteer } from './gazetteer.ts';
import { lookupRegion } from './regions.ts';

export function lookupPlace(name: string): Place | null {
  return lookupRegion(name) ?? lookupGazetteer(name);
}
