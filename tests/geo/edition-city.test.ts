// Naming the edition's city: a Chinese name, an English name or a division code; an English name two
// cities share is a usage error (exit 2) that lists them, in the function and through the real CLI.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ConfigError } from '../../pipelines/errors.ts';
import { citySlug, editionCity } from '../../pipelines/geo/edition-city.ts';
import { lookupCode, matchCity } from '../../pipelines/geo/gazetteer.ts';
import { makeWorkspace, runCli, type Workspace } from '../helpers/workspace.ts';

describe('editionCity', () => {
  test('takes a Chinese name, an English name or a code, and gives the entry with its code', () => {
    for (const name of ['宿州', '宿州市', '341300', '3413']) assert.equal(editionCity(name, '--city').code, '341300', name);
    for (const name of ["Xi'an", 'xian', '西安', '610100']) assert.equal(editionCity(name, 'edition.city').shortZh, '西安', name);
  });

  test('refuses an English name two cities share, listing both with Chinese names, provinces and codes', () => {
    assert.throws(
      () => editionCity('Suzhou', '--city'),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.equal(err.exitCode, 2);
        assert.equal(
          err.message,
          '--city: "Suzhou" names 2 cities: 苏州 (Suzhou, Jiangsu, 320500), 宿州 (Suzhou, Anhui, 341300); pass the Chinese name (苏州) or the code (320500) instead',
        );
        return true;
      },
    );
    for (const [name, zh] of [['Fuzhou', /福州.*350100.*抚州.*361000/], ['Taizhou', /泰州.*321200.*台州.*331000/], ['Yichun', /伊春.*230700.*宜春.*360900/], ['Yulin', /玉林.*450900.*榆林.*610800/]] as const) {
      assert.throws(() => editionCity(name, 'edition.city'), zh);
    }
  });

  test('refuses a name the gazetteer lacks, and a province', () => {
    assert.throws(() => editionCity('Atlantis', '--city'), /--city: "Atlantis" is not a city in the gazetteer/);
    assert.throws(() => editionCity('陕西', 'edition.city'), /edition\.city: "陕西" is a province \(Shaanxi\), not a city/);
  });

  test("keeps Xi'an's slug, and adds the code only where two cities share an English name", () => {
    assert.equal(citySlug(editionCity("Xi'an", 'x')), 'xian');
    assert.equal(citySlug(editionCity('Chengdu', 'x')), 'chengdu');
    assert.equal(citySlug(editionCity('苏州', 'x')), 'suzhou-320500');
    assert.equal(citySlug(editionCity('宿州', 'x')), 'suzhou-341300');
  });
});

describe('the gazetteer by code and by shared English name', () => {
  test('a code reads in six digits or as the file keeps it; a number in running text is no name', () => {
    assert.equal(lookupCode('610100')?.shortZh, '西安');
    assert.equal(lookupCode('6101')?.shortZh, '西安');
    assert.equal(lookupCode('61')?.shortZh, '陕西');
    assert.equal(lookupCode('999999'), null);
    assert.equal(matchCity('12'), null);
  });

  test('a shared English name is ambiguous unless a province tells', () => {
    const m = matchCity('Suzhou');
    assert.ok(m && 'ambiguous' in m);
    assert.deepEqual(m.ambiguous.map((e) => [e.shortZh, e.code]), [['苏州', '320500'], ['宿州', '341300']]);
    const anhui = matchCity('Suzhou', '安徽');
    assert.ok(anhui && 'entry' in anhui && anhui.entry.code === '341300');
    // Not every shared name is ambiguous: 吉林 the city comes before 吉林 the province, as before.
    const jilin = matchCity('Jilin');
    assert.ok(jilin && 'entry' in jilin && jilin.entry.kind === 'city');
  });
});

describe('build --city through the CLI', () => {
  let ws: Workspace;
  before(() => {
    ws = makeWorkspace();
  });
  after(() => ws.cleanup());

  test('--city Suzhou is a usage error (exit 2) naming both cities and what to pass instead', async () => {
    const res = await runCli(['build', '-c', ws.config, '--city', 'Suzhou']);
    assert.equal(res.code, 2, res.stderr + res.stdout);
    assert.match(res.stderr + res.stdout, /--city: "Suzhou" names 2 cities: 苏州 \(Suzhou, Jiangsu, 320500\), 宿州 \(Suzhou, Anhui, 341300\); pass the Chinese name \(苏州\) or the code \(320500\) instead/);
  });

  test('--city 宿州 is accepted: on an empty warehouse the build says there is nothing to print yet', async () => {
    const res = await runCli(['build', '-c', ws.config, '--city', '宿州']);
    assert.equal(res.code, 0, res.stderr + res.stdout);
    assert.match(res.stderr + res.stdout, /no loaded data yet/);
  });

  test('edition.city: Yulin in the config is a usage error too', async () => {
    writeFileSync(ws.config, readFileSync(ws.config, 'utf8').replace(/^  city: Xi'an$/m, '  city: Yulin'));
    const res = await runCli(['build', '-c', ws.config]);
    assert.equal(res.code, 2, res.stderr + res.stdout);
    assert.match(res.stderr + res.stdout, /edition\.city: "Yulin" names 2 cities: 玉林 \(Yulin, Guangxi, 450900\), 榆林 \(Yulin, Shaanxi, 610800\)/);
  });
});
