// Resolves any place name a source uses: a region, a province or a city. A place's key is its code
// (division code, or a region's id); names are labels.
import type { Place } from '../sources/contract.ts';
import { ambiguousReason, lookupCode, lookupPlace as lookupGazetteer, matchCity, toPlace } from './gazetteer.ts';
import { lookupRegion } from './regions.ts';

/** The place a name in a source stands for (a region, a province or a city); null when unknown or ambiguous. */
export function lookupPlace(name: string): Place | null {
  return lookupRegion(name) ?? lookupGazetteer(name);
}

/** A place as a user writes it (config, command line, subscribers): a name, or a division code (610100). */
export function userPlace(nameOrCode: string): Place | null {
  const byCode = lookupCode(nameOrCode);
  return byCode ? toPlace(byCode) : lookupPlace(nameOrCode);
}

/**
 * Why lookupPlace found no place for a name: an English name two cities share (naming both with
 * their Chinese names and codes), or a name the gazetteer lacks.
 */
export function unknownPlaceReason(name: string): string {
  const match = matchCity(name);
  if (match && 'ambiguous' in match) return ambiguousReason(name, match.ambiguous);
  return `not in the gazetteer: ${name.trim()}; add it to data/reference/cities.csv or fix the name`;
}
