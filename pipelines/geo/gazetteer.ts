// TEMPORARY stand-in until the generated gazetteer lands: the places the shipped data names.
import type { Place } from '../sources/contract.ts';

const PLACES: Record<string, Place> = {
  西安: { name: "Xi'an", nameZh: '西安', province: 'Shaanxi' },
  长沙: { name: 'Changsha', nameZh: '长沙', province: 'Hunan' },
  成都: { name: 'Chengdu', nameZh: '成都', province: 'Sichuan' },
  郑州: { name: 'Zhengzhou', nameZh: '郑州', province: 'Henan' },
  陕西: { name: 'Shaanxi', nameZh: '陕西', province: null },
};

export function lookupPlace(name: string): Place | null {
  const key = name.replace(/[市省]$/, '');
  return PLACES[key] ?? Object.values(PLACES).find((p) => p.name.toLowerCase() === name.toLowerCase()) ?? null;
}
