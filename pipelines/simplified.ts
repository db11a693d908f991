// Traditional Chinese to simplified, so that gazetteer look-ups and every parser read one script.
// One converter for the whole process: OpenCC compiles its dictionaries when a converter is made.
import * as OpenCC from 'opencc-js';

const openccTwToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });

// Variant forms that Big5 gateways and older fonts print and OpenCC leaves as they are (陜西 for 陕西).
const VARIANTS: Record<string, string> = { 陜: '陕', 綫: '线', 衞: '卫', 麪: '面', 峯: '峰', 甯: '宁' };
const VARIANT_RE = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/** Traditional (Taiwan standard, which also covers the generic forms) to mainland simplified. */
export const toSimplified = (text: string): string => openccTwToCn(text).replace(VARIANT_RE, (c: string) => VARIANTS[c] ?? c);
