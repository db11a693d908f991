// The analysis an edition prints, written from the indicator models in the edition's language:
// the sentences that state figures, the rows of the indicator table and the series of the
// charts. Every figure goes through the citations, so each carries a marker to its note.
// However many periods and lists the warehouse holds, it says what matters: for each
// indicator the latest period against the same months a year earlier and the release before.
import type { Citations, FigureSource } from './citations.ts';
import type { EditionData, FigureRow, GrowthComparedRow, RankingRow } from './edition-data.ts';
import {
  amountText,
  cityNamed,
  indicatorLabel,
  indicatorText,
  joinList,
  listText,
  monthText,
  numberText,
  nameBoth,
  nameIn,
  ordinalNumber as ordinalNumberOf,
  ordinalWord,
  pctText,
  periodLabel,
  periodText,
  rankText,
  signedPct,
  type Language,
} from './format.ts';
import { standingOf } from './list-standing.ts';
import { allIndicators } from '../sources/indicators.ts';
import { esc, messagesOf, t } from './messages.ts';

// English helpers kept under their old names for the mail and the tests.
export const ordinalNumber = ordinalNumberOf;
export const ordinal = ordinalWord;
export const pct = pctText;
export const periodPhrase = (year: number, from: number, to: number) => periodText('en', year, from, to);
export const monthYear = (year: number, month: number) => monthText('en', year, month);

/** The indicators whose growth the chart draws, when the warehouse holds them. */
export const CHARTED_GROWTH = ['industrial_value_added', 'fixed_asset_investment'];
/** Counts of a region on a list are stated in §3.1, not among the growth figures. */
const NOT_GROWTH = new Set(['top100_cities_count']);

export interface Sentence {
  /** Stable across editions, so a changed wording can be found: "rank.latest", "growth.fixed_asset_investment". */
  id: string;
  html: string;
}

export interface ChartPoint {
  series: string;
  x: string;
  order: number;
  y: number | null;
  label: string;
}

export interface TableRow {
  indicator: string;
  period: string;
  yoy: string;
  level: string;
  plan: string;
  other: string;
}

export interface Analysis {
  rank: Sentence[];
  standing: Sentence[];
  growth: Sentence[];
  plan: Sentence[];
  latestRank: { year: number; rank: number; html: string } | null;
  rankPoints: ChartPoint[];
  mainSeries: string;
  growthPoints: ChartPoint[];
  planPoints: ChartPoint[];
  table: { indicator: string; rows: TableRow[] }[];
}

/** A count's unit: a release's bare 个 on a project list is a count of projects. */
const countUnit = (indicator: string, unit: string | null) => (unit === '个' && indicator.includes('project') ? 'projects' : unit);

const stripTags = (html: string) => html.replace(/<sup class="cite">.*?<\/sup>/g, '').replace(/<[^>]+>/g, '');

/** The words of a sentence without its markers, for comparing editions. */
export const sentenceText = (s: Sentence) =>
  stripTags(s.html).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** Finds the source of each observation the edition states. */
function figureIndex(figures: FigureRow[]) {
  const key = (geo: string, indicator: string, y: number, from: number, to: number, measure: string) => `${geo}|${indicator}|${y}|${from}|${to}|${measure}`;
  const map = new Map<string, FigureRow>();
  for (const f of figures) map.set(key(f.geo, f.indicator, f.period_year, f.month_from, f.month_to, f.measure), f);
  return (geo: string, indicator: string, y: number, from: number, to: number, measure: string) => map.get(key(geo, indicator, y, from, to, measure));
}

export function analyse(data: EditionData, lang: Language, cite: Citations): Analysis {
  const L = (key: string, vars: Record<string, string | number> = {}) => t(lang, `sentences.${key}`, vars);
  const figure = figureIndex(data.figures);
  const city = cityNamed(data.city, data.cityZh);
  const cityName = esc(nameIn(lang, city));
  const list = esc(listText(lang, data.list));
  const marked = (text: string, what: string, src: FigureSource | null | undefined) => `${esc(text)}${cite.marker(what, src)}`;
  const obs = (indicator: string, y: number, from: number, to: number, measure: string) => figure(data.city, indicator, y, from, to, measure);
  const figLabel = (indicator: string, y: number, from: number, to: number, measure: string) =>
    `${data.city} ${indicator} ${y}-${String(from).padStart(2, '0')}..${String(to).padStart(2, '0')} ${measure}`;
  const obsMarked = (text: string, indicator: string, y: number, from: number, to: number, measure: string) =>
    marked(text, figLabel(indicator, y, from, to, measure), obs(indicator, y, from, to, measure));

  // §3.1 Rank: the city's trajectory on the list, its place against the first and previous list.
  // Rows are matched by the city's code: two cities may share an English name (Suzhou: 苏州, 宿州).
  const rankRow = (code: string, year: number) => data.rankings.find((r) => r.list === data.list && r.city_code === code && r.year === year);
  const rankMarked = (r: RankingRow) => marked(rankText(lang, r.rank), `${r.city} ${r.list} ${r.year} rank`, r);
  const rank: Sentence[] = [];
  const published = data.trajectory.filter((r) => r.rank != null);
  const latest = published.at(-1);
  let latestRank: Analysis['latestRank'] = null;
  if (!latest) {
    rank.push({ id: 'rank.none', html: L('noRank', { city: cityName, list }) });
  } else {
    const row = rankRow(data.cityCode, latest.year)!;
    latestRank = { year: latest.year, rank: latest.rank!, html: rankMarked(row) };
    let first = L('rankLatest', { list, year: latest.year, city: cityName, rank: latestRank.html });
    if (latest.change_vs_base != null && latest.year !== latest.base_year) {
      const c = latest.change_vs_base;
      const base = rankMarked(rankRow(data.cityCode, latest.base_year)!);
      const vars = { n: Math.abs(c), baseRank: base, baseYear: latest.base_year };
      first += c > 0 ? L(c === 1 ? 'rankVsBaseUpOne' : 'rankVsBaseUp', vars) : c < 0 ? L(c === -1 ? 'rankVsBaseDownOne' : 'rankVsBaseDown', vars) : L('rankVsBaseSame', vars);
    }
    rank.push({ id: 'rank.latest', html: first + L('stop') });
    if (latest.previous_year != null && latest.previous_year !== latest.base_year && latest.change_vs_previous != null) {
      const c = latest.change_vs_previous;
      const prev = rankMarked(rankRow(data.cityCode, latest.previous_year)!);
      const vars = { year: latest.previous_year, rank: prev, n: Math.abs(c) };
      rank.push({ id: 'rank.previous', html: c === 0 ? L('rankVsPreviousSame', vars) : L(c > 0 ? 'rankVsPreviousUp' : 'rankVsPreviousDown', vars) });
    }
    const missing = data.trajectory.filter((r) => r.rank == null).map((r) => String(r.year));
    if (missing.length) rank.push({ id: 'rank.missing', html: L(missing.length === 1 ? 'rankMissingOne' : 'rankMissingMany', { years: esc(joinList(lang, missing)) }) });
  }

  // The peers' latest ranks on the list, where they appear.
  const peerLatest = data.peerCodes
    .map((p) => data.rankings.filter((r) => r.list === data.list && r.city_code === p).sort((a, b) => b.year - a.year)[0])
    .filter((r): r is RankingRow => !!r)
    .sort((a, b) => a.rank - b.rank);
  if (peerLatest.length) {
    const items = peerLatest.map((r) => {
      const who = esc(nameIn(lang, cityNamed(r.city, r.city_zh)));
      const when = latest && r.year === latest.year ? '' : t(lang, 'figures.inYear', { year: r.year });
      return L('peerItem', { city: who, rank: rankMarked(r) + esc(when) });
    });
    rank.push({ id: 'rank.peers', html: L('peerLine', { peers: lang === 'zh' ? items.join('，') : joinList(lang, items) }) });
  }

  // Counts from a complete list when one is loaded; otherwise the count the sources state.
  const standing: Sentence[] = [];
  const st = standingOf(data.rankings, data.list, data.cityCode);
  if (st) {
    const whole: FigureSource = { snapshot_id: st.rows[0]!.snapshot_id, quote: null, quote_offset: null, whole: true };
    const region = esc(nameIn(lang, st.region));
    const n = marked(String(st.regionRows.length), `${st.region.name} cities on the ${st.year} list (counted)`, whole);
    standing.push({ id: 'standing.region', html: L('regionCountComputed', { n, region, year: st.year, list }) });
    if (st.placeInRegion != null) standing.push({ id: 'standing.inRegion', html: L('placeInRegion', { city: cityName, place: marked(rankText(lang, st.placeInRegion), `${data.city} place in ${st.region.name} (counted)`, whole) }) });
    if (st.placeInGroup != null) {
      standing.push({
        id: 'standing.inGroup',
        html: L('placeInGroup', {
          city: cityName,
          place: marked(rankText(lang, st.placeInGroup), `${data.city} place among sub-provincial and national central cities (counted)`, whole),
          n: marked(String(st.groupRows.length), `sub-provincial and national central cities on the ${st.year} list (counted)`, whole),
        }),
      });
    }
  } else {
    const newest = Math.max(...data.presence.map((q) => q.year));
    for (const p of data.presence.filter((q) => q.year === newest)) {
      const src = figure(p.region, 'top100_cities_count', p.year, 1, 12, 'count');
      const region = esc(nameBoth(lang, { name: p.region, nameZh: p.region_zh }));
      const n = marked(numberText(lang, p.cities), `${p.region} cities on the ${p.year} list`, src);
      standing.push({ id: `standing.${p.region}`, html: L('regionCount', { n, region, year: p.year, list: esc(listText(lang, p.list)) }) });
    }
  }

  // The rank chart: the city and its peers, a gap where a year has no rank, scores where printed.
  const rankPoints: ChartPoint[] = [];
  const charted = [data.cityCode, ...data.peerCodes].filter((c) => data.rankings.some((r) => r.list === data.list && r.city_code === c));
  const years = data.rankings.filter((r) => r.list === data.list && charted.includes(r.city_code)).map((r) => r.year);
  const mainSeries = nameIn(lang, city);
  if (years.length) {
    for (const c of charted) {
      const rows = data.rankings.filter((r) => r.list === data.list && r.city_code === c);
      const series = c === data.cityCode ? mainSeries : nameIn(lang, cityNamed(rows[0]!.city, rows[0]?.city_zh));
      const lastYear = Math.max(...rows.map((r) => r.year));
      for (let y = Math.min(...years); y <= Math.max(...years); y++) {
        const r = rows.find((x) => x.year === y);
        let label = '';
        if (r && (c === data.cityCode || y === lastYear)) {
          const n = cite.cite(`${r.city} ${r.list} ${r.year} rank`, r);
          label = `${r.rank}${r.score != null ? ` (${numberTextLoose(r.score)})` : ''} [${n}]`;
          if (c !== data.cityCode) label = `${series} ${label}`;
        }
        rankPoints.push({ series, x: String(y), order: y, y: r ? r.rank : null, label });
      }
    }
  }

  // §3.2 Growth: for each indicator its latest period, the year before and the release before.
  const latestRows = data.latest
    .filter((g) => !NOT_GROWTH.has(g.indicator) && g.plan_share_pct == null)
    .sort((a, b) => b.period_year - a.period_year || b.month_to - a.month_to || indicatorOrder(a.indicator) - indicatorOrder(b.indicator));
  const growth: Sentence[] = [];
  for (const g of latestRows) {
    const s = growthSentence(g, lang, L, obsMarked, data.growth.find((x) => x.indicator === g.indicator && x.period_year === g.period_year && x.month_from === g.month_from && x.month_to === g.month_to));
    if (s) growth.push({ id: `growth.${g.indicator}`, html: s });
  }

  // Plan pace: the newest share of each project list against the calendar.
  const plan: Sentence[] = [];
  for (const g of data.latest.filter((x) => x.plan_share_pct != null)) {
    const pace = data.planPace.find((p) => p.indicator === g.indicator && p.period_year === g.period_year && p.month_to === g.month_to && p.month_from === g.month_from)!;
    const y = g.period_year;
    const count =
      g.item_count != null ? (lang === 'zh' ? `（${obsMarked(amountText(lang, g.item_count, countUnit(g.indicator, g.item_unit)), g.indicator, y, g.month_from, g.month_to, 'count')}）` : ` (${obsMarked(amountText(lang, g.item_count, countUnit(g.indicator, g.item_unit)), g.indicator, y, g.month_from, g.month_to, 'count')})`) : '';
    let html = L('plan', {
      month: esc(monthText(lang, y, g.month_to)),
      indicator: esc(indicatorText(lang, g.indicator)),
      count,
      share: obsMarked(pctText(g.plan_share_pct!), g.indicator, y, g.month_from, g.month_to, 'plan_share_pct'),
      points: esc(String(Math.round(Math.abs(pace.ahead_of_pace_pct) * 100) / 100)),
      side: L(pace.ahead_of_pace_pct >= 0 ? 'planAhead' : 'planBehind'),
      elapsed: esc(pctText(pace.year_elapsed_pct)),
    });
    if (g.previous_plan_share_pct != null && g.previous_year != null && g.previous_year === y) {
      html += (lang === 'zh' ? '' : ' ') + L('planPrevious', {
        month: esc(monthText(lang, g.previous_year, g.previous_month_to!)),
        share: obsMarked(pctText(g.previous_plan_share_pct), g.indicator, g.previous_year, g.previous_month_from!, g.previous_month_to!, 'plan_share_pct'),
      });
    }
    if (g.yoy_pct != null) {
      html += (lang === 'zh' ? '' : ' ') + L('planYoy', { value: obsMarked(pctText(Math.abs(g.yoy_pct)), g.indicator, y, g.month_from, g.month_to, 'yoy_pct'), side: L(g.yoy_pct >= 0 ? 'higher' : 'lower') });
    }
    plan.push({ id: `plan.${g.indicator}`, html });
  }

  // The growth chart: year-on-year growth of the charted indicators over the periods held.
  const growthPoints: ChartPoint[] = [];
  for (const g of data.growth.filter((x) => CHARTED_GROWTH.includes(x.indicator) && x.yoy_pct != null)) {
    const n = cite.cite(figLabel(g.indicator, g.period_year, g.month_from, g.month_to, 'yoy_pct'), obs(g.indicator, g.period_year, g.month_from, g.month_to, 'yoy_pct'));
    growthPoints.push({
      series: indicatorLabel(lang, g.indicator),
      x: periodLabel(lang, g.period_year, g.month_from, g.month_to),
      order: g.period_year * 100 + g.month_to - g.month_from / 100,
      y: g.yoy_pct,
      label: `${pctText(g.yoy_pct!)} [${n}]`,
    });
  }
  // The plan chart: each share of plan against the share of the year gone by that month.
  const planPoints: ChartPoint[] = [];
  for (const p of [...data.planPace].sort((a, b) => a.period_year - b.period_year || a.month_to - b.month_to)) {
    const n = cite.cite(figLabel(p.indicator, p.period_year, p.month_from, p.month_to, 'plan_share_pct'), obs(p.indicator, p.period_year, p.month_from, p.month_to, 'plan_share_pct'));
    const x = monthText(lang, p.period_year, p.month_to);
    const order = p.period_year * 100 + p.month_to;
    planPoints.push({ series: t(lang, 'achievements.planSeries'), x, order, y: p.plan_share_pct, label: `${pctText(p.plan_share_pct)} [${n}]` });
    planPoints.push({ series: t(lang, 'achievements.calendarSeries'), x, order, y: p.year_elapsed_pct, label: pctText(p.year_elapsed_pct) });
  }

  // The table: every indicator by period, each value with its marker.
  const byIndicator = new Map<string, TableRow[]>();
  const indicators = [...new Set(data.growth.map((g) => g.indicator))].sort((a, b) => indicatorOrder(a) - indicatorOrder(b));
  for (const id of indicators) {
    const rows = data.growth
      .filter((g) => g.indicator === id)
      .sort((a, b) => b.period_year - a.period_year || b.month_to - a.month_to)
      .map((g) => {
        const at = (measure: string) => [id, g.period_year, g.month_from, g.month_to, measure] as const;
        const other = [
          g.peer_rank != null ? `${obsMarked(rankText(lang, g.peer_rank), ...at('peer_rank'))} ${t(lang, 'figures.among', { group: esc(groupText(lang, g.peer_group)) })}` : null,
          g.rank_over_years != null ? `${obsMarked(rankText(lang, g.rank_over_years), ...at('rank_over_years'))} ${t(lang, 'figures.of', { group: esc(groupText(lang, g.years_group)) })}` : null,
        ].filter(Boolean);
        return {
          indicator: esc(indicatorLabel(lang, id)),
          period: esc(periodLabel(lang, g.period_year, g.month_from, g.month_to)),
          yoy: g.yoy_pct != null ? obsMarked(signedPct(g.yoy_pct), ...at('yoy_pct')) : '—',
          level: [g.level != null ? obsMarked(amountText(lang, g.level, g.level_unit), ...at('level')) : null, g.item_count != null ? obsMarked(amountText(lang, g.item_count, countUnit(g.indicator, g.item_unit)), ...at('count')) : null].filter(Boolean).join('<br>') || '—',
          plan: g.plan_share_pct != null ? obsMarked(pctText(g.plan_share_pct), ...at('plan_share_pct')) : '—',
          other: other.join('<br>'),
        };
      });
    byIndicator.set(id, rows);
  }

  return {
    rank,
    standing,
    growth,
    plan,
    latestRank,
    rankPoints,
    mainSeries,
    growthPoints,
    planPoints,
    table: [...byIndicator.entries()].map(([id, rows]) => ({ indicator: esc(indicatorLabel(lang, id)), rows })),
  };
}

const numberTextLoose = (v: number) => String(Math.round(v * 100) / 100);

/** The vocabulary's order (data/reference/indicators.csv): industry first, then investment. */
const indicatorOrder = (id: string) => {
  const at = allIndicators().findIndex((i) => i.id === id);
  return at < 0 ? 999 : at;
};

/** A comparison group as the sources name it, in the edition's language when the messages know it. */
function groupText(lang: Language, group: string | null): string {
  if (!group) return '';
  const known = (messagesOf(lang).groups as Record<string, string> | undefined)?.[group];
  return known ?? group;
}

function growthSentence(
  g: GrowthComparedRow,
  lang: Language,
  L: (key: string, vars?: Record<string, string | number>) => string,
  obsMarked: (text: string, indicator: string, y: number, from: number, to: number, measure: string) => string,
  full: EditionData['growth'][number] | undefined,
): string | null {
  if (g.yoy_pct == null && g.level == null) return null;
  const y = g.period_year;
  const period = esc(periodText(lang, y, g.month_from, g.month_to));
  const count = g.item_count != null ? `${obsMarked(amountText(lang, g.item_count, countUnit(g.indicator, g.item_unit)), g.indicator, y, g.month_from, g.month_to, 'count')} ` : '';
  const indicator = count + esc(indicatorText(lang, g.indicator));
  let s: string;
  if (g.yoy_pct == null) {
    s = `${lang === 'zh' ? period : `In ${period}`}${lang === 'zh' ? '，' : ', '}${indicator}${L('growthLevel', { level: obsMarked(amountText(lang, g.level!, g.level_unit), g.indicator, y, g.month_from, g.month_to, 'level') })}`;
  } else {
    const value = obsMarked(pctText(Math.abs(g.yoy_pct)), g.indicator, y, g.month_from, g.month_to, 'yoy_pct');
    s = L(g.yoy_pct > 0 ? 'growthUp' : g.yoy_pct < 0 ? 'growthDown' : 'growthFlat', { period, indicator, value });
    if (g.level != null) s += L('growthLevel', { level: obsMarked(amountText(lang, g.level, g.level_unit), g.indicator, y, g.month_from, g.month_to, 'level') });
  }
  const extras: string[] = [];
  if (full?.rank_over_years != null) {
    const n = obsMarked(lang === 'zh' ? String(full.rank_over_years) : ordinalNumberOf(full.rank_over_years), g.indicator, y, g.month_from, g.month_to, 'rank_over_years');
    extras.push(full.rank_over_years === 1 ? L('overYears', { group: esc(groupText(lang, full.years_group)) }) + n.replace(/^[^<]*/, '') : L('overYearsNth', { n, group: esc(groupText(lang, full.years_group)) }));
  }
  if (full?.peer_rank != null) {
    extras.push(L('peerRank', { n: obsMarked(rankText(lang, full.peer_rank), g.indicator, y, g.month_from, g.month_to, 'peer_rank'), group: esc(groupText(lang, full.peer_group)) }));
  }
  if (g.year_before_yoy_pct != null) {
    extras.push(
      L('yearBefore', {
        period: esc(periodText(lang, y - 1, g.month_from, g.month_to)),
        value: obsMarked(signedPct(g.year_before_yoy_pct), g.indicator, y - 1, g.month_from, g.month_to, 'yoy_pct'),
      }),
    );
  }
  if (g.previous_yoy_pct != null && g.previous_year != null && g.previous_year === y) {
    extras.push(
      L('previousRelease', {
        period: esc(periodText(lang, g.previous_year, g.previous_month_from!, g.previous_month_to!)),
        value: obsMarked(signedPct(g.previous_yoy_pct), g.indicator, g.previous_year, g.previous_month_from!, g.previous_month_to!, 'yoy_pct'),
      }),
    );
  }
  if (extras.length) s += L('colon') + extras.join(L('semicolon'));
  return s + L('stop');
}
