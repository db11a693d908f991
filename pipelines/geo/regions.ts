// China's four economic regions (NBS split), as places a figure can be about. They have no division
// code: their key is the region id cities.csv's `region` column uses (east, central, west, northeast).
import type { Place } from '../sources/contract.ts';

const REGIONS: { place: Place; names: string[] }[] = [
  { place: { code: 'east', name: 'eastern China', nameZh: '东部', province: null }, names: ['东部', '東部', '东部地区', 'east', 'eastern china'] },
  { place: { code: 'central', name: 'central China', nameZh: '中部', province: null }, names: ['中部', '中部地区', 'central', 'central china'] },
  { place: { code: 'west', name: 'western China', nameZh: '西部', province: null }, names: ['西部', '西部地区', 'west', 'western china'] },
  { place: { code: 'northeast', name: 'northeastern China', nameZh: '东北', province: null }, names: ['东北', '東北', '东北地区', 'northeast', 'northeastern china'] },
];

/** The region a name stands for, or null. */
export function lookupRegion(name: string): Place | null {
  const key = name.trim().toLowerCase();
  return REGIONS.find((r) => r.names.includes(key))?.place ?? null;
}
