// The city an edition is about, from what a user writes (config edition.city, build --city): a Chinese
// name, an English name or a division code. An English name two cities share is a usage error that
// names both, never a guess; the slug of an edition's key tells such cities apart.
import { ConfigError } from '../errors.ts';
import { allEntries, describeEntry, lookupCode, matchCity, type GazetteerEntry } from './gazetteer.ts';

const PROVINCIAL = new Set(['province', 'autonomous_region']);

/**
 * The gazetteer's entry for the city `name` stands for. `what` names the setting for the message
 * (`--city`, `edition.city`). Unknown, provincial or ambiguous: a ConfigError (exit 2).
 */
export function editionCity(name: string, what: string): GazetteerEntry {
  const byCode = lookupCode(name);
  const match = byCode ? { entry: byCode } : matchCity(name);
  if (!match) throw new ConfigError(`${what}: "${name}" is not a city in the gazetteer (data/reference/cities.csv); give its Chinese name (西安), English name (Xi'an) or division code (610100)`);
  if ('ambiguous' in match) {
    const [first] = match.ambiguous;
    throw new ConfigError(
      `${what}: "${name}" names ${match.ambiguous.length} cities: ${match.ambiguous.map(describeEntry).join(', ')}; ` +
        `pass the Chinese name (${first!.shortZh}) or the code (${first!.code}) instead`,
    );
  }
  if (PROVINCIAL.has(match.entry.kind)) throw new ConfigError(`${what}: "${name}" is a province (${match.entry.nameEn}), not a city`);
  return match.entry;
}

/**
 * The city's part of an edition's key: its English name in lower case (xian), with its division code
 * after it when another city has the same English name (suzhou-320500, suzhou-341300).
 */
export function citySlug(entry: GazetteerEntry): string {
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const shared = allEntries().some((e) => e !== entry && !PROVINCIAL.has(e.kind) && slug(e.nameEn) === slug(entry.nameEn));
  return shared ? `${slug(entry.nameEn)}-${entry.code}` : slug(entry.nameEn);
}
