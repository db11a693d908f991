// Prints the README's speed table from saved runs (`npm run bench -- --save FILE`): the before
// figures, and the after figures when a second file is given.
//   npx tsx bench/table.ts bench/before.json [after.json]
import { readFileSync } from 'node:fs';
import { markdown, type Figure } from './lib/figures.ts';

const read = (file: string | undefined): Figure[] => (file ? (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[] }).figures : []);
const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile) {
  console.error('usage: npx tsx bench/table.ts <before.json> [after.json]');
  process.exit(2);
}
console.log(markdown(read(afterFile), read(beforeFile)));
