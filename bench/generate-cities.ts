// Generates synthetic data for N cities of the gazetteer and loads it through the project's own
// path (table-csv sources in a config of their own), so that `build --all` has N cities to print.
// The figures are made up (deterministic from --seed): they exercise the pipeline, they say
// nothing about the cities.
//
// Usage:
//   npx tsx bench/generate-cities.ts [--cities 100] [--dir /tmp/xian-cities-100] [--seed 1] [--no-load]
// then:
//   node bin/xian-report.js -c /tmp/xian-cities-100/xian-report.config.yaml build --all
//
// It writes, under --dir (emptied first):
//   data/rankings.csv      two years (2018, 2022) of the Top-100 list, the first min(N, 100) cities
//   data/observations.csv  per city: industrial value added (H1 2021 and 2022: growth, rank over the
//                          years, rank among peers) and the advanced-manufacturing projects (Q1-Q3 2022)
//   data/firms.csv         per city: two clusters with two leading firms each
//   xian-report.config.yaml  those three files as sources; warehouse.duckdb and out/ beside it
// and, unless --no-load, loads them into warehouse.duckdb (a `run` without the edition).
// Cities: Xi'an first (the config's edition.city), then the gazetteer's cities and municipalities
// in the order of data/reference/cities.csv.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { createConsola } from 'consola';
import { loadConfig } from '../pipelines/config.ts';
import { runPipeline } from '../pipelines/run.ts';
import { CLUSTERS, FIRM_COLUMNS, OBSERVATION_COLUMNS, random as seededRandom } from './lib/synthetic.ts';

const { values } = parseArgs({
  options: {
    cities: { type: 'string', default: '100' },
    dir: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'no-load': { type: 'boolean', default: false },
  },
});
const n = Number(values.cities);
if (!Number.isInteger(n) || n < 1) throw new Error(`--cities: "${values.cities}" is not a whole number ≥ 1`);
const dir = resolve(values.dir ?? `/tmp/xian-cities-${n}`);
const LIST = 'ccid-top100-advanced-manufacturing-cities';

const random = seededRandom(Number(values.seed));
const between = (lo: number, hi: number, digits = 1) => Number((lo + random() * (hi - lo)).toFixed(digits));

interface City {
  kind: string;
  short_zh: string;
  name_en: string;
  province_zh: string;
}
const gazetteer = parseCsv(readFileSync(join(import.meta.dirname, '..', 'data', 'reference', 'cities.csv'), 'utf8'), { columns: true }) as City[];
const candidates = gazetteer.filter((c) => c.kind === 'city' || c.kind === 'municipality');
// Names two entries share (泰州 and 台州 are both Taizhou) would be one city in the warehouse: left out.
const count = new Map<string, number>();
for (const c of gazetteer) for (const name of [c.short_zh, c.name_en]) count.set(name, (count.get(name) ?? 0) + 1);
const usable = candidates.filter((c) => count.get(c.short_zh) === 1 && count.get(c.name_en) === 1);
const xian = usable.find((c) => c.name_en === "Xi'an")!;
const cities = [xian, ...usable.filter((c) => c !== xian)].slice(0, n);
if (cities.length < n) throw new Error(`--cities: the gazetteer has ${cities.length} usable cities, not ${n}`);

const csv = (rows: (string | number | null)[][]) =>
  rows.map((r) => r.map((v) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',')).join('\n') + '\n';

const ranked = cities.slice(0, 100);
const order2018 = [...ranked].sort(() => random() - 0.5);
const order2022 = [...ranked].sort(() => random() - 0.5);
const rankings = [
  ['list', 'year', 'rank', 'city', 'province', 'score'],
  ...order2018.map((c, i) => [LIST, 2018, i + 1, c.short_zh, c.province_zh, null]),
  ...order2022.map((c, i) => [LIST, 2022, i + 1, c.short_zh, c.province_zh, null]),
];
const observations: (string | number | null)[][] = [[...OBSERVATION_COLUMNS]];
const firms: (string | number | null)[][] = [[...FIRM_COLUMNS]];
for (const [i, c] of cities.entries()) {
  for (const year of [2021, 2022]) {
    observations.push([c.short_zh, 'industrial_value_added', year, 1, 6, 'yoy_pct', between(-3, 15), '%', null]);
  }
  observations.push([c.short_zh, 'industrial_value_added', 2022, 1, 6, 'rank_over_years', 1 + Math.floor(random() * 5), 'rank', 'the same period of the past five years']);
  observations.push([c.short_zh, 'industrial_value_added', 2022, 1, 6, 'peer_rank', 1 + Math.floor(random() * 10), 'rank', 'sub-provincial cities and national central cities']);
  observations.push([c.short_zh, 'advanced_manufacturing_project_investment', 2022, 1, 9, 'count', 50 + Math.floor(random() * 250), 'projects', null]);
  observations.push([c.short_zh, 'advanced_manufacturing_project_investment', 2022, 1, 9, 'yoy_pct', between(-5, 25), '%', null]);
  observations.push([c.short_zh, 'advanced_manufacturing_project_investment', 2022, 1, 9, 'plan_share_pct', between(60, 110, 2), '%', null]);
  for (const [k, [cluster, clusterZh]] of [CLUSTERS[i % 4]!, CLUSTERS[(i + 1) % 4]!].entries()) {
    for (const m of [1, 2]) firms.push([c.short_zh, 'cluster_leader', cluster, clusterZh, `Firm ${i + 1}-${k + 1}${m}`, null]);
  }
}

rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, 'data'), { recursive: true });
writeFileSync(join(dir, 'data', 'rankings.csv'), csv(rankings));
writeFileSync(join(dir, 'data', 'observations.csv'), csv(observations));
writeFileSync(join(dir, 'data', 'firms.csv'), csv(firms));
writeFileSync(
  join(dir, 'xian-report.config.yaml'),
  `# Generated by bench/generate-cities.ts (${n} cities, seed ${values.seed}): synthetic figures, not real ones.
warehouse: warehouse.duckdb
outDir: out
timezone: Asia/Shanghai
edition:
  city: Xi'an
  languages: [zh, en]
  peers: [Chengdu, Chongqing, Wuhan, Zhengzhou, Changsha, Hefei]
  rankingList: ${LIST}
  baseYear: 2018
sources:
  - { name: generated-rankings, adapter: table-csv, location: data/rankings.csv, provenance: "Synthetic ranking list (bench/generate-cities.ts)", settings: { table: rankings } }
  - { name: generated-observations, adapter: table-csv, location: data/observations.csv, provenance: "Synthetic city statistics (bench/generate-cities.ts)", settings: { table: observations } }
  - { name: generated-firms, adapter: table-csv, location: data/firms.csv, provenance: "Synthetic industry clusters (bench/generate-cities.ts)", settings: { table: firms } }
subscribers: []
`,
);
console.log(`${dir}: ${cities.length} cities (${ranked.length} ranked), ${observations.length - 1} observations, ${firms.length - 1} firms`);

if (!values['no-load']) {
  const cfg = loadConfig(join(dir, 'xian-report.config.yaml'));
  const log = createConsola({ level: 1 });
  const result = await runPipeline(cfg, { load: true, build: false, command: 'generate-cities' }, { log, now: () => new Date() });
  console.log(`loaded into ${cfg.warehouse}: ${result.loads.map((l) => `${l.source} ${l.status}`).join(', ')}`);
}
