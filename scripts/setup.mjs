#!/usr/bin/env node
// First-use set-up, run by `npm start` and `npm test` before anything else: installs the npm
// packages from the lock file, and Debian's chromium and fonts when they are missing, then
// compiles the CLI into dist/ (scripts/build.mjs) unless it is compiled from these sources already.
// Plain Node with no dependencies, since it runs before the packages are there.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.argv.includes('--for-tests');
const say = (msg) => console.log(`[setup] ${msg}`);
const fail = (msg) => {
  console.error(`[setup] ${msg}`);
  process.exit(1);
};
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts }).status === 0;
const quiet = (cmd, args) => spawnSync(cmd, args, { encoding: 'utf8' });

// 1. npm packages, whenever package-lock.json differs from what was last installed.
const lock = readFileSync(join(ROOT, 'package-lock.json'));
const lockHash = createHash('sha256').update(lock).digest('hex');
const stamp = join(ROOT, 'node_modules', '.xian-report-lock.sha256');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== lockHash) {
  say('installing npm packages from package-lock.json (npm ci) ...');
  if (!run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'])) fail('npm ci failed: see the messages above (is the npm registry reachable?)');
  writeFileSync(stamp, `${lockHash}\n`);
}

// 2. System packages: Chromium to print, a TrueType CJK font (measured faster than Noto CJK,
// which Chromium embeds as Type 3), DejaVu for Latin text, and poppler's pdfinfo for the contents page.
const CHROMIUM_PATHS = JSON.parse(readFileSync(join(ROOT, 'pipelines', 'render', 'chromium-paths.json'), 'utf8'));
const isExecutable = (p) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const hasFont = (family) => (quiet('fc-list', [family, 'family']).stdout ?? '').trim() !== '';
const onPath = (cmd) => quiet('sh', ['-c', `command -v ${cmd}`]).status === 0;

const missing = [];
const chromium = [process.env.PUPPETEER_EXECUTABLE_PATH, ...CHROMIUM_PATHS].filter(Boolean).find(isExecutable);
if (!chromium) missing.push({ pkg: 'chromium', why: 'to print the PDF' });
// fontconfig's fc-list is how fonts are found here (and how this script checks for them).
const fontconfig = onPath('fc-list');
if (!fontconfig) missing.push({ pkg: 'fontconfig', why: 'to find fonts' });
if (!fontconfig || !hasFont('WenQuanYi Micro Hei')) missing.push({ pkg: 'fonts-wqy-microhei', why: 'for Chinese names (CJK font)' });
if (!fontconfig || !hasFont('DejaVu Serif')) missing.push({ pkg: 'fonts-dejavu-core', why: 'for the body text' });
if (!onPath('pdftotext') || !onPath('pdfinfo')) missing.push({ pkg: 'poppler-utils', why: 'pdfinfo: the contents page reads where each heading landed (and the tests read PDFs back with pdftotext)' });

if (missing.length > 0) {
  const names = missing.map((m) => m.pkg);
  for (const m of missing) say(`missing ${m.pkg} (${m.why})`);
  const isRoot = process.getuid?.() === 0;
  if (!onPath('apt-get') || !isRoot) {
    fail(
      `cannot install ${names.join(' ')} here (${!onPath('apt-get') ? 'no apt-get' : 'not root'}). ` +
        `Fix: run "sudo apt-get install -y ${names.join(' ')}" yourself` +
        (names.includes('chromium') ? ', or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary' : '') +
        ', then run the command again.',
    );
  }
  say(`installing Debian packages: ${names.join(' ')} (apt-get; takes a minute the first time) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['update', '-qq'], { env }) || !run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { env })) {
    fail(`apt-get could not install ${names.join(' ')}. Fix: check that Debian's package mirror is reachable, then run "apt-get install -y ${names.join(' ')}".`);
  }
  if (names.some((n) => n.startsWith('fonts-')) && onPath('fc-cache')) quiet('fc-cache', ['-f']);
  say('system packages installed');
}

// 3. The CLI compiled into dist/, so that each start runs JavaScript instead of transpiling the
// TypeScript (bin/xian-report.js also compiles it when the sources changed since). Not fatal:
// without it the CLI runs the sources through tsx, slower to start but the same.
try {
  const { build } = await import('./build.mjs');
  const { entry, built } = await build();
  if (built) say(`compiled the CLI into ${relative(ROOT, dirname(entry))}/`);
} catch (err) {
  say(`could not compile the CLI into dist/ (${String(err?.message ?? err).split('\n')[0]}): it will run the TypeScript through tsx, slower to start`);
}
