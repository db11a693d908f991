#!/usr/bin/env node
// Starts the CLI from its compiled JavaScript (dist/, see scripts/build.mjs), compiling it first
// when the sources changed since the last build. If it cannot be compiled, the TypeScript sources
// run through tsx instead (slower to start, same behaviour), with a one-line note.
// XIAN_REPORT_TSX=1 runs the sources through tsx always (stack traces that name the .ts files).
import { build, freshEntry } from '../scripts/build.mjs';

let entry = null;
if (!process.env.XIAN_REPORT_TSX) {
  try {
    entry = freshEntry() ?? (await build()).entry;
  } catch (err) {
    process.stderr.write(`xian-report: running the TypeScript sources through tsx (could not compile them into dist/: ${String(err?.message ?? err).split('\n')[0]})\n`);
  }
}
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pipelines/cli/main.ts');
}
