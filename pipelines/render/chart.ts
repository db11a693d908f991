// Draws the edition's charts as SVG in Node (vega-lite → vega → SVG): the printed page carries
// no script and fetches nothing. A point the data does not hold is a gap in its line, never
// a straight line across; every number printed on a chart carries its note's marker.
import { createHash } from 'node:crypto';
import type { TopLevelSpec } from 'vega-lite';
import { keptAsync } from '../kept.ts';
import { LOCK_FILE } from '../project-paths.ts';
import type { ChartPoint } from './narrative.ts';

export interface ChartText {
  title: string;
  yTitle: string;
}

const MAIN = '#8c1c13';
const PEERS = ['#6b7a8f', '#9aa5b1', '#7d8c75', '#a08f7a', '#8a7f99', '#5f8a8b', '#b09a6a'];

/**
 * The chart's SVG: a function of its spec alone (vega measures text by estimate, not by font), so
 * the SVG of a spec drawn before is taken as it was kept (kept.ts, stamped with the lock file,
 * which names vega's version). An edition whose figures did not all change redraws only the
 * charts that did; vega's compile, parse and render are most of the Node time of a print.
 */
async function toSvg(spec: TopLevelSpec): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(spec)).digest('hex');
  return keptAsync(`chart ${hash}`, [LOCK_FILE], '', async () => {
    // Imported on first use: vega is the heaviest import of the project, and a load job or a
    // publish tick that finds nothing changed draws no chart.
    const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    return svg;
  });
}

const base = (fontFamily: string, title: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: 470,
  height: 210,
  background: 'white',
  config: {
    font: fontFamily,
    axis: { labelFontSize: 10, titleFontSize: 10, grid: true, gridColor: '#e6e6e6' },
    legend: { labelFontSize: 10, orient: 'bottom' as const, title: null, labelLimit: 400, columns: 4 },
    view: { stroke: null },
  },
  title: { text: title, fontSize: 12, anchor: 'start' as const, fontWeight: 'bold' as const },
});

/** Ranks by year: the edition's city in red, its peers in grey; rank 1 at the top; gaps where a year has no rank. */
export async function rankChartSvg(points: ChartPoint[], mainSeries: string, text: ChartText, fontFamily: string): Promise<string> {
  const ranks = points.filter((p) => p.y != null).map((p) => p.y!);
  const top = Math.max(Math.max(...ranks, 1) + 5, 10);
  const series = [...new Set(points.map((p) => p.series))];
  const colors = series.map((s, i) => (s === mainSeries ? MAIN : PEERS[(i - 1 + PEERS.length) % PEERS.length]!));
  const spec: TopLevelSpec = {
    ...base(fontFamily, text.title),
    data: { values: points.map((p) => ({ ...p, main: p.series === mainSeries })) },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: null, sort: { field: 'order' }, axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'quantitative', title: text.yTitle, scale: { reverse: true, domain: [1, top], nice: false, zero: false } },
      color: { field: 'series', type: 'nominal', scale: { domain: series, range: colors }, sort: series },
    },
    layer: [
      {
        mark: { type: 'line', invalid: 'break-paths-show-domains', strokeWidth: 1.5, point: { filled: true, size: 30 } },
        encoding: {
          strokeWidth: { condition: { test: 'datum.main', value: 2.8 }, value: 1.2 },
          detail: { field: 'series' },
        },
      },
      {
        transform: [{ filter: "datum.main && datum.y != null && datum.label != ''" }],
        mark: { type: 'text', dy: -10, fontSize: 10, fontWeight: 'bold' },
        encoding: { text: { field: 'label' } },
      },
      {
        // A peer is labelled once, at its newest rank, to the right of the point.
        transform: [{ filter: "!datum.main && datum.y != null && datum.label != ''" }],
        mark: { type: 'text', dx: 7, align: 'left', baseline: 'middle', fontSize: 9 },
        encoding: { text: { field: 'label' } },
      },
    ],
  };
  return toSvg(spec);
}

/** A line per series over ordered periods, labelled with the values and their markers. */
export async function seriesChartSvg(points: ChartPoint[], text: ChartText, fontFamily: string, dashed?: string): Promise<string> {
  const series = [...new Set(points.map((p) => p.series))];
  const values = points.map((p) => p.y!).filter((v) => v != null);
  const spec: TopLevelSpec = {
    ...base(fontFamily, text.title),
    height: 180,
    data: { values: points },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: null, sort: { field: 'order' }, axis: { labelAngle: 0, labelLimit: 200 } },
      y: { field: 'y', type: 'quantitative', title: text.yTitle, scale: { zero: true, nice: true, domain: [Math.min(0, ...values), Math.max(...values) * 1.15] } },
      color: { field: 'series', type: 'nominal', scale: { domain: series, range: [MAIN, '#3d6b8c', '#7d8c75', '#a08f7a'] } },
    },
    layer: [
      {
        mark: { type: 'line', invalid: 'break-paths-show-domains', point: { filled: true, size: 40 }, strokeWidth: 2 },
        encoding: dashed ? { strokeDash: { condition: { test: `datum.series == ${JSON.stringify(dashed)}`, value: [4, 3] }, value: [1, 0] } } : {},
      },
      { mark: { type: 'text', dy: -9, fontSize: 9 }, encoding: { text: { field: 'label' } } },
    ],
  };
  return toSvg(spec);
}
