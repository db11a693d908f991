// Turns a snapshot's bytes into text, so adapters only ever see strings.
export function decodeBody(bytes: Uint8Array, _contentType: string | null): { text: string; encoding: string } {
  const text = new TextDecoder('utf-8').decode(bytes);
  return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
}
