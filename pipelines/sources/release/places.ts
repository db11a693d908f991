// Which place a clause is about: 全市 / 本市 / 我市 is the page's place, 全省 its province, a place name at the
// start of the clause is looked up. Only ctx.lookupPlace knows places; an unknown one is reported, never guessed.
import type { ParseContext, Place } from '../contract.ts';
import type { Paragraph } from './text.ts';

/**
 * A place, a reason why the clause's place is not known, or null when the clause names none.
 * `pagePlace`: the clause is about the page's own place, which is what is not known (its figures are
 * the page's main ones, shown by extract); otherwise it names a place that cannot be resolved.
 */
export type PlaceResult = { place: Place } | { problem: string; pagePlace?: true } | null;

const CONNECTORS = /^(?:其中|同时|此外|另外|期间|分[^，]{1,6}看|从[^，]{1,6}看)/;
// A name that ends like a place (西安市, 陕西省, 西咸新区, 周至县), but not 市级 / 市场 / 区域 ...
const PLACE_LIKE = /^[\u4e00-\u9fa5]{1,8}?(?:自治区|新区|开发区|高新区|经开区|省|市|区|县|州)(?![级场民内外域])/;

// Nouns that end like a place but name none: 城市基础设施投资, 地区生产总值. (经开区, 园区 are places: a
// zone's figures are not the city's.)
const NOT_PLACES = /^(?:城市|地区|市区|城区|社区|郊区|省市|市县|区县|各区|各县|各市|各省|自治区|州)$/;
// Words no place name holds: 记者日前从省重点办获悉 ends like a place (…省) but is a reporter's lead.
const NOT_IN_A_NAME = /[从向据于自对与和的了是为]|记者|日前|获悉/;

const lookup = (ctx: ParseContext, name: string): PlaceResult => {
  // 陕西全省, 郑州全市: the place, then the word for all of it
  const place = ctx.lookupPlace(name) ?? ctx.lookupPlace(name.replace(/全(?:省|市)$/, ''));
  return place ? { place } : { problem: `place "${name}" is not in the gazetteer` };
};

/**
 * A part named right after a place (洛阳市孟津区, 西安高新区, 陕西省西安市): the clause is about the part.
 * Returns the part's name, or null when what follows is not one (西安市规模以上…, 陕西全省).
 */
const partAfter = (rest: string): string | null => {
  const part = PLACE_LIKE.exec(rest)?.[0];
  return part && !NOT_PLACES.test(part) && !NOT_IN_A_NAME.test(part) && !/^[全本我该各]/.test(part) ? part : null;
};

/** A place and the part named right after it, if any: the part (a city of a province), or why it is not known. */
const placeOrPart = (ctx: ParseContext, name: string, rest: string): PlaceResult => {
  const part = partAfter(rest);
  if (!part) return lookup(ctx, name);
  const found = ctx.lookupPlace(name + part) ?? ctx.lookupPlace(part);
  if (found) return { place: found };
  const whole = ctx.lookupPlace(name);
  return { problem: `place "${name}${part}" is ${whole ? `a part of ${whole.nameZh}, whose figures are not the whole's, and ` : ''}not in the gazetteer` };
};

/** Why a clause's place is not known on a page that is not plainly the assumed city's. */
export const elsewhereProblem = (what: string, elsewhere: readonly Place[]): string =>
  elsewhere.length
    ? `${what}, and the page names ${elsewhere.slice(0, 3).map((p) => p.nameZh).join('、')} but never the default city, so the figure is not given to it: set the source's city (extract: --city)`
    : `${what}, and the page never names the default city, so the figure is not given to it: set the source's city (extract: --city)`;

const MUNICIPALITIES = new Set(['北京', '上海', '天津', '重庆']);
/** A province or autonomous region (a municipality ranks as a city). */
export const isProvincial = (place: Place): boolean => place.province == null && !MUNICIPALITIES.has(place.nameZh);

/**
 * What 全市 and 全省 mean on a page: the page's subject where it names one, else the configured city.
 * `elsewhere`: when the configured city was only assumed and the page is plainly about other places,
 * the places it names instead (then 全市 and a clause naming no place are the page's, unknown here).
 */
export interface PagePlaces {
  city: Place | null;
  province: Place | null;
  elsewhere?: Place[];
  /** The city was named (the page's subject, or the sentence's), not assumed: what 该市 can mean. */
  citySubject?: boolean;
}

export const pagePlaces = (subject: Place | null, ctx: ParseContext, elsewhere: Place[] | null = null, provinceCity: Place | null = null): PagePlaces => {
  if (!subject && elsewhere) return { city: null, province: null, elsewhere };
  const named = subject != null && !isProvincial(subject);
  // On the page of another province, 全市 is none of the configured city's.
  const otherProvince = subject != null && !named && ctx.defaultPlace?.province != null && ctx.defaultPlace.province !== subject.name;
  const city = named ? subject : (provinceCity ?? (otherProvince ? null : ctx.defaultPlace));
  const provinceName = subject && isProvincial(subject) ? null : city?.province;
  return { city, province: subject && isProvincial(subject) ? subject : provinceName ? ctx.lookupPlace(provinceName) : null, citySubject: named };
};

/** A prefecture-level city or a municipality, not a province, a county or a district. */
const isCity = (place: Place): boolean => /^\d{4}00$/.test(place.code) && (!/0000$/.test(place.code) || MUNICIPALITIES.has(place.nameZh));

/**
 * When the configured city was only assumed and does not hold for this page, the places the page
 * names instead (with their own 市, 县 or 省: 宁波市, 宁国市, 四川省, in another province than the
 * configured city's); null when the configured city holds. It holds when it was stated, or the page
 * names it; an edition's city standing in for a source with no city also holds unless the page names
 * places of another province (a page about 慈溪 that says 我市 and compares with 宁波市 is not
 * Xi'an's); a default no one chose (extract without --city) holds only where named.
 */
export function placesInstead(paragraphs: readonly Paragraph[], ctx: ParseContext): Place[] | null {
  const configured = ctx.defaultPlace;
  if (!configured || !ctx.defaultPlaceAssumed) return null;
  const text = paragraphs.map((p) => p.text).join('\n');
  if (text.includes(configured.nameZh)) return null;
  const found = new Map<string, Place>();
  for (const m of text.matchAll(/[市县省]/g)) {
    for (let n = 4; n >= 2; n--) {
      const name = text.slice(Math.max(0, m.index - n), m.index + 1);
      if (name.length < n + 1 || NOT_PLACES.test(name) || /^[全本我该各省市县区]/.test(name)) continue;
      const place = ctx.lookupPlace(name);
      if (!place) continue;
      if (place.code !== configured.code && place.code.slice(0, 2) !== configured.code.slice(0, 2)) found.set(place.code, place);
      break;
    }
  }
  if (ctx.defaultPlaceAssumed === 'edition-city' && !found.size) return null;
  return [...found.values()];
}

/**
 * What 全市 means in a clause: the city the sentence has named (眉山市固定资产投资增长10.8%，全市社会消费品
 * 零售总额…: 眉山's), else the page's city.
 */
export const cityOfSentence = (current: PlaceResult, page: PagePlaces): PagePlaces =>
  current && 'place' in current && isCity(current.place) ? { ...page, city: current.place, citySubject: true } : page;

// A clause that starts with one of these is not about a place it then names: 占西安市41.8%, 比全省高.
const NOT_A_SUBJECT = /^[占比较为达与和同在从据对向按将把被由至于及以其各该这那此超低高快慢居列]/;

// A clause that names what the sentence goes on about: 从…西安高新区来看 (the place after the last 的), 排名第二
// 的是芜湖市.
const VIEWPOINT = /^从(?:[^，]*的)?([^，的]+?)来?看$|的是([^，的]+)$/;

/** The place a clause opens with, when it opens with one: 郑东新区位居第二, 陕西全省…; null otherwise. */
export const placeOpeningClause = (clause: string, ctx: ParseContext, page: PagePlaces): PlaceResult => {
  const view = VIEWPOINT.exec(clause);
  const viewed = view ? placeOfClause(view[1] ?? view[2]!, ctx, page) : null;
  if (viewed) return viewed;
  return NOT_A_SUBJECT.test(clause.replace(CONNECTORS, '')) ? null : placeOfClause(clause, ctx, page);
};

/** The place named at the start of `head` (the clause text before its indicator or first figure). */
export const placeOfClause = (head: string, ctx: ParseContext, page: PagePlaces = pagePlaces(null, ctx)): PlaceResult => {
  const h = head.replace(CONNECTORS, '');
  // 该市 / 该省 (the city or province just named) are the page's only where the page has named its own.
  if (/^(?:全市|本市|我市)/.test(h) || (h.startsWith('该市') && page.citySubject)) {
    if (page.city) return { place: page.city };
    if (page.elsewhere) return { problem: elsewhereProblem(`"${h.slice(0, 2)}" refers to the page's place`, page.elsewhere), pagePlace: true };
    return { problem: `"${h.slice(0, 2)}" refers to the page's place, but the source sets no default place` };
  }
  if (/^(?:全省|本省|我省|该省)/.test(h)) {
    if (!page.province && page.elsewhere) return { problem: elsewhereProblem(`"${h.slice(0, 2)}" refers to the page's province`, page.elsewhere), pagePlace: true };
    if (!page.province) return { problem: `"${h.slice(0, 2)}" needs the province of the page's place, which is not known` };
    return { place: page.province };
  }
  if (h.startsWith('全国')) return lookup(ctx, '全国');
  const named = PLACE_LIKE.exec(h);
  if (named && !NOT_PLACES.test(named[0]) && !NOT_IN_A_NAME.test(named[0])) {
    // 郑州市: the shortest name ends at 州, but the 市 after it is its own.
    const name = named[0].endsWith('州') && h[named[0].length] === '市' ? `${named[0]}市` : named[0];
    return placeOrPart(ctx, name, h.slice(name.length));
  }
  // A bare name (西安规模以上工业…): the longest prefix the gazetteer knows
  for (let n = Math.min(h.length, 8); n >= 2; n--) {
    const place = ctx.lookupPlace(h.slice(0, n));
    if (place) return placeOrPart(ctx, h.slice(0, n), h.slice(n));
  }
  return null;
};

// The office that issues a release, or the words a headline puts after its place: 郑州市统计局, 西安市发改委,
// 苏州市工业和信息化局, 东莞市委, 咸阳市上下, 陕西省上半年…, 济南经济运行, 宁波公布了…, 前三季度宁波实现地区生产总值….
const SUBJECT_CUE =
  /^(?:市|省)?(?:统计局|发展和改革委员会|发展改革委|发改委|人民政府|政府|国家统计局|调查队|[\u4e00-\u9fa5]{0,6}?(?:统计|信息化|工信|经信|改革|商务|财政|科技|投资促进)[\u4e00-\u9fa5]{0,4}?(?:局|委员会|委)|委|上下|经济|全市|全省|上半年|前三季度|一季度|全年|GDP|地区生产总值|生产总值|规模以上|规上|固定资产投资|重点项目|公布|发布|实现|\d)/;
// The opening: the headline and the first paragraphs, before the article settles into its figures.
const OPENING_PARAGRAPHS = 6;

/**
 * The place a release is about, when its headline or its opening names one (the issuing office, or a
 * place followed by its figures' words): what 全市 / 全省 then mean, instead of the configured city.
 * A page whose opening also names the configured city stays the configured city's. Read from the
 * opening paragraphs; null when none names a place plainly.
 */
export function pageSubject(paragraphs: readonly Paragraph[], ctx: ParseContext): Place | null {
  const found = subjectsNamed(paragraphs.slice(0, OPENING_PARAGRAPHS), 200, ctx);
  const configured = ctx.defaultPlace;
  if (configured && found.some((f) => f.code === configured.code)) return configured;
  return found[0] ?? null;
}

/**
 * The city a province's page speaks of as 全市, when its opening names one of the province's cities
 * as a subject (根据广东省地区生产总值统一核算结果，东莞市生产总值…: 全市 is 东莞); null otherwise.
 */
export function cityOfProvincePage(paragraphs: readonly Paragraph[], ctx: ParseContext, subject: Place | null): Place | null {
  if (!subject || !isProvincial(subject)) return null;
  return subjectsNamed(paragraphs.slice(0, OPENING_PARAGRAPHS), 200, ctx).find((p) => isCity(p) && p.province === subject.name) ?? null;
}

/**
 * The one place the whole page names as a subject (a place followed by its figures' words or its
 * office, as in the opening), or null when it names none or several: for a page whose opening is all
 * site furniture, and only when the configured city does not hold (placesInstead).
 */
export function soleSubject(paragraphs: readonly Paragraph[], ctx: ParseContext): Place | null {
  const codes = new Map(subjectsNamed(paragraphs, Infinity, ctx).map((p) => [p.code, p]));
  return codes.size === 1 ? [...codes.values()][0]! : null;
}

function subjectsNamed(paragraphs: readonly Paragraph[], chars: number, ctx: ParseContext): Place[] {
  const found: Place[] = [];
  for (const p of paragraphs) {
    const text = p.text.slice(0, chars);
    for (let i = 0; i < text.length - 1; i++) {
      for (let n = Math.min(5, text.length - i); n >= 2; n--) {
        const name = text.slice(i, i + n);
        if (NOT_PLACES.test(name) || name === '全国' || name === '中国') continue;
        const place = ctx.lookupPlace(name);
        if (!place || !SUBJECT_CUE.test(text.slice(i + n))) continue;
        // 安徽省芜湖市统计局: the office is the city's; the province only says where the city is.
        const after = text.slice(i + n).replace(/^省/, '');
        if (isProvincial(place) && [2, 3, 4].some((k) => ctx.lookupPlace(after.slice(0, k))?.province === place.name)) continue;
        found.push(place);
        i += n - 1;
        break;
      }
    }
  }
  return found;
}
