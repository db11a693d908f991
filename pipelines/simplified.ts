// Traditional Chinese to simplified, so that gazetteer look-ups and every parser read one script.
// One converter for the whole process: OpenCC compiles its dictionaries when a converter is made.
import * as OpenCC from 'opencc-js';

/** Traditional (Taiwan standard, which also covers the generic forms) to mainland simplified. */
export const toSimplified: (text: string) => string = OpenCC.Converter({ from: 'tw', to: 'cn' });
