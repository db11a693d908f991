// Draws the rank trajectory as an SVG in Node (vega-lite → vega → SVG): the printed page
// carries no script and fetches nothing.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface RankPoint {
  year: number;
  rank: number | null;
}

export interface ChartText {
  title: string;
  yTitle: string;
  notAvailable: string;
}

/** An SVG line chart of ranks by year; rank 1 at the top, years without a published rank marked. */
export async function rankTrajectorySvg(points: RankPoint[], text: ChartText, fontFamily: string): Promise<string> {
  const published = points.filter((p) => p.rank != null);
  const worst = Math.max(...published.map((p) => p.rank!), 1);
  const top = Math.max(worst + 5, 10);
  const values = points.map((p) => ({
    year: String(p.year),
    rank: p.rank,
    label: p.rank == null ? text.notAvailable : `${p.rank}`,
    // Where the "n/a" marks sit: on the chart's floor, so they never look like a rank.
    floor: top,
  }));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 440,
    height: 220,
    background: 'white',
    config: { font: fontFamily, axis: { labelFontSize: 11, titleFontSize: 11, grid: true, gridColor: '#e6e6e6' }, view: { stroke: null } },
    title: { text: text.title, fontSize: 13, anchor: 'start', fontWeight: 'bold' },
    data: { values },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: null, axis: { labelAngle: 0 } },
    },
    layer: [
      {
        transform: [{ filter: 'datum.rank != null' }],
        mark: { type: 'line', color: '#8c1c13', strokeWidth: 2.5, point: { filled: true, size: 70, color: '#8c1c13' } },
        encoding: {
          y: { field: 'rank', type: 'quantitative', title: text.yTitle, scale: { reverse: true, domain: [1, top], nice: false, zero: false } },
        },
      },
      {
        transform: [{ filter: 'datum.rank != null' }],
        mark: { type: 'text', dy: -12, fontSize: 12, fontWeight: 'bold', color: '#222' },
        encoding: { y: { field: 'rank', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.rank == null' }],
        mark: { type: 'text', dy: -8, fontSize: 10, color: '#888', fontStyle: 'italic' },
        encoding: { y: { field: 'floor', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
