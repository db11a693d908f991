// A process that loads one observations CSV into a warehouse and exits, for the kill tests:
// `node --import tsx tests/helpers/load-csv-child.ts <warehouse> <file.csv>`.
import type { SourceConfig } from '../../pipelines/config.ts';
import type { LoadDeps } from '../../pipelines/load/load-source.ts';
import { loadSource } from '../../pipelines/load/load-source.ts';
import { Warehouse } from '../../pipelines/warehouse/warehouse.ts';

export const bigCsvSource = (location: string): SourceConfig =>
  ({ name: 'big-csv', adapter: 'table-csv', location, provenance: 'test', enabled: true, settings: { table: 'observations' } }) as SourceConfig;

export const bigCsvDeps: LoadDeps = { now: () => new Date(), defaultCity: "Xi'an", files: { maxBytes: 1024 * 1024 * 1024 } };

if (process.argv[1]?.endsWith('load-csv-child.ts')) {
  const [warehouse, file] = process.argv.slice(2);
  const wh = await Warehouse.open(warehouse!);
  const { counts } = await loadSource(wh, bigCsvSource(file!), bigCsvDeps);
  wh.close();
  console.log(`loaded ${counts.observations}`);
}
