// Traditional Chinese to simplified, so that gazetteer look-ups and every parser read one script.
// One converter for the whole process: OpenCC compiles its dictionaries when a converter is made
// (about 0.2 s), so it is made on the first text that has Han characters to convert; the
// package itself (1.2 MB of JavaScript) is loaded then too, not by every process that imports this.
import { requirePackage } from './project-paths.ts';

let openccTwToCn: ((text: string) => string) | null = null;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

// Variant forms that Big5 gateways and older fonts print and OpenCC leaves as they are (陜西 for 陕西).
const VARIANTS: Record<string, string> = { 陜: '陕', 綫: '线', 衞: '卫', 麪: '面', 峯: '峰', 甯: '宁' };
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/** Traditional (Taiwan standard, which also covers the generic forms) to mainland simplified. */
export function toSimplified(text: string): string {
  if (!HAN.test(text)) return text;
  const convert = (openccTwToCn ??= requirePackage<typeof import('opencc-js')>('opencc-js').Converter({ from: 'tw', to: 'cn' }));
  return convert(text).replace(VARIANT_RE, (c: string) => VARIANTS[c] ?? c);
}
