// Which place a clause is about: 全市 / 本市 / 我市 is the page's place, 全省 its province, a place name at the
// start of the clause is looked up. Only ctx.lookupPlace knows places; an unknown one is reported, never guessed.
import type { ParseContext, Place } from '../contract.ts';

/** A place, a reason why the clause's place is not known, or null when the clause names none. */
export type PlaceResult = { place: Place } | { problem: string } | null;

const CONNECTORS = /^(?:其中|同时|此外|另外|期间|分[^，]{1,6}看|从[^，]{1,6}看)/;
// A name that ends like a place (西安市, 陕西省, 西咸新区, 周至县), but not 市级 / 市场 / 区域 ...
const PLACE_LIKE = /^[\u4e00-\u9fa5]{1,8}?(?:自治区|新区|开发区|高新区|经开区|省|市|区|县|州)(?![级场民内外域])/;

const lookup = (ctx: ParseContext, name: string): PlaceResult => {
  const place = ctx.lookupPlace(name);
  return place ? { place } : { problem: `place "${name}" is not in the gazetteer` };
};

/** The place named at the start of `head` (the clause text before its indicator or first figure). */
export const placeOfClause = (head: string, ctx: ParseContext): PlaceResult => {
  const h = head.replace(CONNECTORS, '');
  if (/^(?:全市|本市|我市)/.test(h)) {
    return ctx.defaultPlace
      ? { place: ctx.defaultPlace }
      : { problem: `"${h.slice(0, 2)}" refers to the page's place, but the source sets no default place` };
  }
  if (/^(?:全省|本省|我省)/.test(h)) {
    const province = ctx.defaultPlace?.province;
    if (!province) return { problem: `"${h.slice(0, 2)}" needs the province of the page's place, which is not known` };
    return lookup(ctx, province);
  }
  if (h.startsWith('全国')) return lookup(ctx, '全国');
  const named = PLACE_LIKE.exec(h);
  if (named) return lookup(ctx, named[0]);
  // A bare name (西安规模以上工业…): the longest prefix the gazetteer knows
  for (let n = Math.min(h.length, 8); n >= 2; n--) {
    const place = ctx.lookupPlace(h.slice(0, n));
    if (place) return { place };
  }
  return null;
};
