// The `xian-report schedule` process: one per warehouse, jobs in child processes, stops
// cleanly on SIGINT/SIGTERM.
import { SchedulerRunningError } from '../errors.ts';
import { spawn } from 'node:child_process';
import type { ConsolaInstance } from 'consola';
import type { Config } from '../config.ts';
import { Scheduler } from './scheduler.ts';
import { CLI, jobSpawner } from './spawn-job.ts';
import { schedulerLockPathOf, type Status } from './status.ts';
import { onStopSignals } from './stop-signals.ts';
import { describeHolder, tryLock } from '../warehouse/writer-lock.ts';


/** When each job last started, read by a `status --json` child so this process never opens DuckDB. */
function lastStartsVia(globalArgs: string[]): () => Promise<Map<string, Date>> {
  return () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'status', '--json', ...globalArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code !== 0) return reject(new Error(`could not read the last runs (status exited ${code})`));
        try {
          const status = JSON.parse(out) as Status;
          resolve(new Map(status.jobs.filter((j) => j.lastRun).map((j) => [j.name, new Date(j.lastRun!.startedAt)])));
        } catch (err) {
          reject(new Error(`could not read the last runs: ${(err as Error).message}`));
        }
      });
    });
}

/** Runs until stopped by a signal; resolves with the exit code. */
export async function runScheduler(cfg: Config, deps: { log: ConsolaInstance; now: () => Date }): Promise<number> {
  const { log } = deps;
  const lock = tryLock(schedulerLockPathOf(cfg.warehouse), { command: 'xian-report schedule' });
  if (!('release' in lock)) throw new SchedulerRunningError(`a scheduler is already running for ${cfg.warehouse}: ${describeHolder(lock)}`);
  const globalArgs = ['--config', cfg.file, '--warehouse', cfg.warehouse, '--out', cfg.outDir, ...(log.level < 3 ? ['--quiet'] : [])];
  const spawner = jobSpawner(globalArgs);
  const scheduler = new Scheduler(cfg.schedule.jobs, { catchUp: cfg.schedule.catchUp }, {
    log,
    now: deps.now,
    runJob: spawner.runJob,
    lastStarts: lastStartsVia(globalArgs.filter((a, i) => a !== '--out' && globalArgs[i - 1] !== '--out')),
  });
  let stopped!: (code: number) => void;
  const done = new Promise<number>((resolve) => (stopped = resolve));
  const offSignals = onStopSignals(log, {
    first: (sig) => {
      // The job finishes its current step (a source, the edition, a mail), then exits.
      spawner.signal(sig);
      void scheduler.stop().then(() => stopped(0));
    },
    second: (sig) => {
      spawner.signal(sig);
      stopped(130);
    },
  });
  try {
    await scheduler.start();
    const code = await done;
    log.info(code === 0 ? 'scheduler stopped' : 'scheduler stopped at once');
    return code;
  } finally {
    offSignals();
    lock.release();
  }
}
