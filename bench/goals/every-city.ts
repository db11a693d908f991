// Goal 3, every city: `build --all` on N cities of synthetic data (bench/lib/synthetic.ts),
// seconds per edition (a PDF: one city in one language), and the peak memory of the Node process
// (Chromium's processes summed apart). Every city has data (ranks, releases, firms) and no other
// city does, so `build --all` prints N cities in two languages each. Two references, for a sample
// of cities, each a new process: a new browser per edition, the issue's words (`build --city X
// --force` with a config of one language), and a new browser per city, stricter (the same with
// both languages: one browser prints the city's two editions).
import { existsSync, readdirSync } from 'node:fs';
import type { BenchContext } from '../lib/context.ts';
import type { Figure } from '../lib/figures.ts';
import { median, type Timed } from '../lib/measure.ts';
import { gazetteerCities, writeHistory } from '../lib/synthetic.ts';
import { Workspace, type ConfigObject } from '../lib/workspace.ts';

export async function everyCityBench(ctx: BenchContext): Promise<Figure[]> {
  const ws = Workspace.create(ctx.root, 'cities');
  ctx.cleanup.push(() => ws.remove());
  const written = writeHistory(ctx.root, ws.mkdir('data', 'synthetic'), { cities: ctx.cities, ranked: Math.min(ctx.cities, 100), lists: 1, listYears: 5, months: 12 });
  const cfg: ConfigObject = {
    ...ws.shippedConfig(),
    warehouse: 'warehouse.duckdb',
    outDir: 'out',
    sources: written.sources,
    schedule: { catchUp: 'skip', jobs: [{ name: 'load-all', cron: '0 0 1 1 *', do: 'load' }] },
  };
  ws.writeConfig(cfg);
  // A config per language, the same warehouse and out folder: a process that prints one edition.
  const edition = cfg.edition as { languages: string[] };
  const oneLanguage = edition.languages.map((lang) => ({ lang, config: ws.writeConfig({ ...cfg, edition: { ...edition, languages: [lang] } }, lang) }));
  ctx.log(`every city: loading ${ctx.cities} cities of synthetic data (${written.rows.rankings} ranks, ${written.rows.observations} observations)`);
  await ws.xian(['job', 'load-all', '-q']);
  const editionsDir = ws.path('out', 'editions');
  const countEditions = () => (existsSync(editionsDir) ? readdirSync(editionsDir).filter((d) => !d.startsWith('.')).length : 0);

  // A new process (and browser) per city, then per edition, for a sample of cities; per edition.
  const sample = gazetteerCities(ctx.root).slice(0, ctx.cities).filter((_, i) => i > 0 && i % Math.max(1, Math.floor(ctx.cities / 4)) === 0).slice(0, ctx.quick ? 2 : 4);
  const perCity: number[] = [];
  const perEdition1: number[] = [];
  for (const city of sample) {
    let before = countEditions();
    const t = await ws.xian(['build', '--city', city.name_en, '--force', '-q']);
    const made = countEditions() - before;
    perCity.push(t.wall / Math.max(made, 1));
    ctx.log(`build --city ${city.name_en}: ${t.wall.toFixed(2)} s, ${made} editions`);
    for (const { lang, config } of oneLanguage) {
      before = countEditions();
      const one = await ws.xian(['build', '--city', city.name_en, '--force', '-q'], { config });
      perEdition1.push(one.wall / Math.max(countEditions() - before, 1));
      ctx.log(`build --city ${city.name_en}, ${lang} only: ${one.wall.toFixed(2)} s`);
    }
  }
  const single = median(perCity);
  const singleEdition = median(perEdition1);
  const names = sample.map((c) => c.name_en).join(', ');
  const singleFigure: Figure = {
    id: 'cities.single',
    goal: 3,
    label: 'new process + browser per city',
    value: single,
    unit: 's/edition',
    note: `build --city X --force for ${sample.length} cities (${names}), both languages, median per edition`,
  };
  const singleEditionFigure: Figure = {
    id: 'cities.single-edition',
    goal: 3,
    label: 'new process + browser per edition',
    value: singleEdition,
    unit: 's/edition',
    note: `build --city X --force with one language (${oneLanguage.map((o) => o.lang).join(', ')} apart) for the same cities, median`,
  };

  if (!(await ws.supports(['build'], '--all'))) {
    const why = 'this checkout has no `build --all`';
    return [
      singleFigure,
      singleEditionFigure,
      { id: 'cities.all', goal: 3, label: `build --all (${ctx.cities} cities)`, value: NaN, unit: 's/edition', skipped: why },
      { id: 'cities.speedup-edition', goal: 3, label: 'build --all vs a browser per edition', value: NaN, unit: '×', skipped: why },
      { id: 'cities.speedup', goal: 3, label: 'build --all vs a browser per city', value: NaN, unit: '×', skipped: why },
      { id: 'cities.memory', goal: 3, label: 'build --all: Node peak memory', value: NaN, unit: 'MB', skipped: why },
    ];
  }
  const before = countEditions();
  ctx.log(`build --all on ${ctx.cities} cities ...`);
  const all: Timed = await ws.xian(['build', '--all', '-q'], { sampleTree: true, allowFailure: true });
  const made = countEditions() - before;
  const perEdition = all.wall / Math.max(made, 1);
  const status = all.code === 0 ? '' : `; exit code ${all.code}: ${(all.stderr || all.stdout).trim().split('\n').at(-1)}`;
  // build --all against a reference, per edition: how many times faster.
  const speedup = (id: string, per: string, reference: number, against: string): Figure => ({
    id,
    goal: 3,
    label: `build --all vs a browser per ${per}`,
    value: perEdition,
    unit: 's/edition',
    reference: { label: `per ${per}`, value: reference, unit: 's/edition' },
    ratio: reference / perEdition,
    target: { op: '≥', value: 5, of: 'ratio' },
    note: `how many times faster per edition, ${against}`,
  });
  return [
    singleFigure,
    singleEditionFigure,
    {
      id: 'cities.all',
      goal: 3,
      label: `build --all (${ctx.cities} cities)`,
      value: perEdition,
      unit: 's/edition',
      target: { op: '≤', value: 0.3, of: 'value' },
      note: `${made} editions in ${all.wall.toFixed(1)} s, CPU ${all.cpu.toFixed(1)} s${status}`,
    },
    speedup('cities.speedup-edition', 'edition', singleEdition, "against the issue's reference"),
    speedup('cities.speedup', 'city', single, "against a browser shared by a city's two editions"),
    {
      id: 'cities.memory',
      goal: 3,
      label: 'build --all: Node peak memory',
      value: all.nodePeakMb,
      unit: 'MB',
      target: { op: '≤', value: 300, of: 'value' },
      note: `Chromium's processes apart: peak ${Math.round(all.otherPeakMb)} MB (summed PSS)`,
    },
  ];
}
