// Which charset a body is decoded with: BOM, then header, then <meta>, then detection.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { charsetOfContentType, charsetOfMeta, decodeBody, normalizeCharset } from '../../pipelines/sources/decode.ts';

const ZH = '西安市2022年上半年规模以上工业增加值增长11.0%';
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const gbk = (s: string) => iconv.encode(s, 'gbk');
const html = (meta: string, body = ZH) => `<!doctype html><html><head>${meta}<title>統計</title></head><body><p>${body}</p></body></html>`;

describe('decodeBody', () => {
  test('the charset of the Content-Type header comes first', () => {
    assert.deepEqual(decodeBody(gbk(ZH), 'text/html; charset=GBK'), { text: ZH, encoding: 'gb18030' });
    assert.deepEqual(decodeBody(utf8(ZH), 'text/csv;charset="utf-8"'), { text: ZH, encoding: 'utf-8' });
    // The header wins over a <meta> that says otherwise (and detection would say GB18030).
    const trad = html('<meta charset="gbk">', '西安市規模以上工業');
    assert.deepEqual(decodeBody(iconv.encode(trad, 'big5'), 'text/html; charset=big5'), { text: trad, encoding: 'big5' });
  });

  test('then <meta charset> and <meta http-equiv> in the page', () => {
    const a = html('<meta charset="gbk">');
    assert.deepEqual(decodeBody(gbk(a), 'text/html'), { text: a, encoding: 'gb18030' });
    assert.equal(charsetOfMeta(gbk(a)), 'gbk');
    const b = html('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">');
    assert.deepEqual(decodeBody(gbk(b), null), { text: b, encoding: 'gb18030' });
    assert.equal(charsetOfMeta(gbk(b)), 'gb2312');
    // Big5 bytes, where detection alone would have said GB18030.
    const c = html("<meta http-equiv='content-type' content='text/html;charset=BIG5'>", '西安市規模以上工業');
    assert.deepEqual(decodeBody(iconv.encode(c, 'big5'), 'text/html'), { text: c, encoding: 'big5' });
  });

  test('then detection: valid UTF-8 is UTF-8, anything else GB18030', () => {
    assert.deepEqual(decodeBody(utf8(ZH), null), { text: ZH, encoding: 'utf-8' });
    assert.deepEqual(decodeBody(gbk(ZH), 'text/html'), { text: ZH, encoding: 'gb18030' });
    assert.deepEqual(decodeBody(utf8('rank,city\n12,Xian\n'), 'text/csv'), { text: 'rank,city\n12,Xian\n', encoding: 'utf-8' });
  });

  test('a <meta> beyond the first 4 KB is not looked for', () => {
    const page = `<!doctype html><!-- ${'x'.repeat(5000)} --><meta charset="big5"><p>${ZH}</p>`;
    assert.equal(decodeBody(gbk(page), null).encoding, 'gb18030');
    assert.equal(charsetOfMeta(gbk(page)), null);
  });

  test('a declared UTF-8 that the bytes disprove is skipped for the next rule', () => {
    // A server-wide "charset=utf-8" on a GBK page that says gbk in its <meta>.
    const page = html('<meta charset="gbk">');
    assert.deepEqual(decodeBody(gbk(page), 'text/html; charset=utf-8'), { text: page, encoding: 'gb18030' });
    // And with nothing else declared, detection.
    assert.deepEqual(decodeBody(gbk(ZH), 'text/plain; charset=utf-8'), { text: ZH, encoding: 'gb18030' });
  });

  test('gb2312, gbk and gb18030 all decode as GB18030, which also reads what GB2312 lacks', () => {
    const beyond = '朱镕基 € 𠀀'; // 镕 is GBK only, 𠀀 needs GB18030's four-byte form
    const bytes = iconv.encode(beyond, 'gb18030');
    for (const label of ['gb2312', 'GBK', 'gb18030', 'x-gbk', 'cp936']) {
      assert.deepEqual(decodeBody(bytes, `text/html; charset=${label}`), { text: beyond, encoding: 'gb18030' }, label);
    }
  });

  test('Big5 when declared', () => {
    const trad = '西安市規模以上工業增加值增長11.0%';
    assert.deepEqual(decodeBody(iconv.encode(trad, 'big5'), 'text/html; charset=big5'), { text: trad, encoding: 'big5' });
  });

  test('a UTF-8 BOM is stripped, and wins over a header that says otherwise', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(ZH)]);
    assert.deepEqual(decodeBody(bytes, null), { text: ZH, encoding: 'utf-8' });
    assert.deepEqual(decodeBody(bytes, 'text/csv; charset=gbk'), { text: ZH, encoding: 'utf-8' });
  });

  test('an unknown charset label is ignored', () => {
    assert.deepEqual(decodeBody(gbk(ZH), 'text/html; charset=x-no-such-charset'), { text: ZH, encoding: 'gb18030' });
  });

  test('an empty body is empty UTF-8 text', () => {
    assert.deepEqual(decodeBody(new Uint8Array(0), null), { text: '', encoding: 'utf-8' });
  });
});

describe('charset helpers', () => {
  test('charsetOfContentType reads the parameter, quoted or not', () => {
    assert.equal(charsetOfContentType('text/html; charset=GB2312'), 'GB2312');
    assert.equal(charsetOfContentType('text/html;charset="utf-8"; foo=bar'), 'utf-8');
    assert.equal(charsetOfContentType('text/html'), null);
    assert.equal(charsetOfContentType(null), null);
  });

  test('normalizeCharset maps aliases and refuses unknown labels', () => {
    assert.equal(normalizeCharset('UTF8'), 'utf-8');
    assert.equal(normalizeCharset('GB2312'), 'gb18030');
    assert.equal(normalizeCharset('Big5-HKSCS'), 'big5');
    assert.equal(normalizeCharset('iso-8859-1'), 'iso-8859-1');
    assert.equal(normalizeCharset('klingon'), null);
  });
});
