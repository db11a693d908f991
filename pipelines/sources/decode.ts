// Turns a snapshot's bytes into text, so adapters only ever see strings.
// Which charset: a byte-order mark, then the Content-Type header, then a <meta> in the page,
// then detection (valid UTF-8 is UTF-8; anything else is taken for GB18030, the usual
// alternative on mainland Chinese sites).
import { isUtf8 } from 'node:buffer'; // simdutf: a 50 MB file is checked in milliseconds
import iconv from 'iconv-lite';

/** The charset that was used, as stored with the snapshot: 'utf-8', 'gb18030', 'big5', ... */
export type Encoding = string;

// GB2312 and GBK are subsets of GB18030; decoding all three as GB18030 also reads the
// characters that sites declaring "gb2312" use anyway.
const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  'csgb2312': 'gb18030',
  'gb_2312-80': 'gb18030',
  'iso-ir-58': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  cp950: 'big5',
};

/** How far into the body a <meta> charset is looked for. */
const META_SCAN_BYTES = 4096;

/** A charset label as the decoder knows it, or null when it is not one we can decode. */
export function normalizeCharset(label: string): Encoding | null {
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (ALIASES[key]) return ALIASES[key];
  return key && iconv.encodingExists(key) ? key : null;
}

/** The charset parameter of a Content-Type header. */
export function charsetOfContentType(contentType: string | null): string | null {
  const m = contentType?.match(/;\s*charset\s*=\s*("?)([^";\s]+)\1/i);
  return m ? m[2]! : null;
}

/** The charset a page declares in a <meta> near its top, read as ASCII (which GBK and UTF-8 both extend). */
export function charsetOfMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_SCAN_BYTES)).toString('latin1');
  // Matches both <meta charset="gbk"> and <meta http-equiv="Content-Type" content="text/html; charset=gbk">.
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const m = tag.match(/charset\s*=\s*["']?\s*([\w.:-]+)/i);
    if (m) return m[1]!;
  }
  return null;
}

const BOMS: [number[], Encoding][] = [[[0xef, 0xbb, 0xbf], 'utf-8']];

function bomOf(bytes: Uint8Array): Encoding | null {
  for (const [mark, encoding] of BOMS) if (mark.every((b, i) => bytes[i] === b)) return encoding;
  return null;
}

/** The charset to decode with, by the rules at the top of this file. */
export function chooseEncoding(bytes: Uint8Array, contentType: string | null): Encoding {
  const declared = [bomOf(bytes), charsetOfContentType(contentType), charsetOfMeta(bytes)];
  for (const label of declared) {
    const encoding = label ? normalizeCharset(label) : null;
    if (!encoding) continue;
    // A server-wide "charset=utf-8" on a GBK page is common; bytes that are not UTF-8 prove it wrong.
    if (encoding === 'utf-8' && !isUtf8(bytes)) continue;
    return encoding;
  }
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/** Decodes a body; the byte-order mark, if any, is dropped. */
export function decodeBody(bytes: Uint8Array, contentType: string | null): { text: string; encoding: Encoding } {
  const encoding = chooseEncoding(bytes, contentType);
  const text = encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(Buffer.from(bytes), encoding);
  return { text: text.replace(/^\uFEFF/, ''), encoding };
}
