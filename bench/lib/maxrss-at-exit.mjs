// Preloaded by the bench into every Node process it measures (NODE_OPTIONS=--import): at exit,
// writes the process's own peak resident memory (KB, getrusage RUSAGE_SELF) to
// $BENCH_MAXRSS_DIR/maxrss-<pid>, so Chromium's processes are not counted with Node's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_MAXRSS_DIR;
if (dir) {
  process.on('exit', () => {
    try {
      writeFileSync(join(dir, `maxrss-${process.pid}`), String(process.resourceUsage().maxRSS));
    } catch {
      /* the bench's folder is gone: nothing to report to */
    }
  });
}
