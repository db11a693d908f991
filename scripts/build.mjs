#!/usr/bin/env node
// Compiles the TypeScript CLI once into dist/, so a start runs plain JavaScript instead of
// transpiling every module (what tsx does) and loads each command's modules only when that
// command runs (esbuild's code splitting: one small entry, a chunk per lazily imported module).
//
// Each build goes to its own folder, dist/build-<fingerprint>/, named for the sources it was
// compiled from (path, size and mtime of every file under pipelines/, this script and the lock
// file). bin/xian-report.js computes the fingerprint at start (a few milliseconds: one stat per
// file, no reading) and runs that folder's main.js, compiling it first when it is missing. A
// folder is complete before it gets its name (compiled under a temporary name, then renamed),
// so processes starting at once never see half a build, and a long-running process (the
// scheduler) keeps its older folder's chunks until newer builds push it out.
//
// Plain Node: it runs from bin/ before anything else, and esbuild (tsx's compiler, already in
// node_modules) is imported only when a build is needed.
// Usage: node scripts/build.mjs   (prints the entry it built or found)
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
const SOURCES = join(ROOT, 'pipelines');
const ENTRY = join(SOURCES, 'cli', 'main.ts');
/** Builds kept beside the current one, for processes still running from them. */
const KEEP = 3;

/**
 * npm packages compiled into the build, the rest staying in node_modules (loaded, each where a
 * command needs it, as before). These are the ones every start or `status` loads, plain
 * JavaScript that finds no file of its own: one chunk instead of hundreds of small modules each
 * resolved and read at start (zod, yaml, @duckdb/node-api), and only the functions used (date-fns).
 * Then the ones every edition loads, with all they import: vega and vega-lite are some forty
 * packages of small ES modules (d3-*, vega-*) that Node resolved one by one at every print, and
 * Handlebars a CommonJS tree Node read file by file; axios, every load job's HTTP client, is
 * another (form-data, mime types, redirects) that took some 70 ms to require; puppeteer-core, some
 * 200 ES modules that took 130 to 180 ms to import before every print could start, 70 to 90 ms
 * bundled. Not node-cron (forks a file beside itself), nor what a single rare command loads.
 */
const INLINE = new Set(['commander', 'consola', 'yaml', 'zod', 'date-fns', '@date-fns/tz', '@duckdb/node-api', 'vega', 'vega-lite', 'handlebars', 'axios', 'puppeteer-core']);
/** Never inlined, even when an inlined package imports them: native code, or optional. */
const NEVER_INLINE = new Set(['@duckdb/node-bindings', 'canvas']);

/**
 * An esbuild plugin: npm packages outside `names` stay external, except those an inlined
 * package imports (its dependencies come with it), unless they are in `never`.
 */
function inlineOnly(names, never) {
  const packageOf = (path) => (path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);
  return {
    name: 'inline-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageOf(args.path);
        if (args.path.startsWith('node:') || never.has(name) || [...never].some((n) => name.startsWith(`${n}-`))) return { path: args.path, external: true };
        const fromInlined = args.importer.includes('/node_modules/');
        return names.has(name) || fromInlined ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/**
 * What the build depends on, as a short hash of each file's path, size and mtime. Cheap on
 * purpose (it runs at every start): one readdir per folder and one stat per file, no reading,
 * and FNV-1a instead of node:crypto, which alone costs more to load than all the stats.
 */
export function fingerprint() {
  let text = '';
  const add = (file) => {
    const st = statSync(file);
    text += `${file}\0${st.size}\0${st.mtimeMs}\n`;
  };
  const walk = (dir) => {
    // readdir's order is the file system's; sorted, the same tree always gives the same text.
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
      else add(`${dir}/${e.name}`);
    }
  };
  walk(SOURCES);
  add(fileURLToPath(import.meta.url));
  add(join(ROOT, 'package-lock.json'));
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193);
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text, seed) {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The compiled entry for these sources: dist/build-<fingerprint>/main.js. */
export function entryFor(print = fingerprint()) {
  return join(DIST, `build-${print}`, 'main.js');
}

/** The compiled entry if it is there and up to date, else null. */
export function freshEntry() {
  const entry = entryFor();
  return existsSync(entry) ? entry : null;
}

/** Compiles the sources into dist/ unless that build exists; returns its main.js. Throws if esbuild fails. */
export async function build() {
  const print = fingerprint();
  const entry = entryFor(print);
  if (existsSync(entry)) return { entry, built: false };
  const { build: esbuild } = await import('esbuild');
  const dir = dirname(entry);
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(DIST, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      entryPoints: { main: ENTRY },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      plugins: [inlineOnly(INLINE, NEVER_INLINE)],
      // Inlined CommonJS packages (@duckdb/node-api) call require() for what stays outside.
      banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
      // Smaller files parse faster at every start; names are kept, so stack traces still read.
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
    });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      // Another process finished the same build first: theirs is as good.
      if (!existsSync(entry)) throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(dir);
  return { entry, built: true };
}

/** Removes older builds beyond KEEP, and temporary folders a killed build left behind. */
function prune(current) {
  const now = Date.now();
  const builds = [];
  for (const name of readdirSync(DIST)) {
    const p = join(DIST, name);
    if (!name.startsWith('build-') || p === current) continue;
    const mtime = statSync(p).mtimeMs;
    if (name.includes('.tmp-')) {
      if (now - mtime > 10 * 60_000) rmSync(p, { recursive: true, force: true });
    } else builds.push({ p, mtime });
  }
  builds.sort((a, b) => b.mtime - a.mtime);
  for (const b of builds.slice(KEEP)) rmSync(b.p, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { entry, built } = await build();
  console.log(`${built ? 'compiled' : 'up to date'}: ${relative(ROOT, entry)}`);
}
