// Runs a scheduled job as a child process of the CLI (`xian-report job <name>`): loading and
// Chromium never block the scheduler's timers, and each job's memory goes when it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import type { JobConfig } from '../config.ts';
import type { Trigger } from '../run.ts';
import type { JobExit } from './scheduler.ts';
import { HOLDER_ENV } from '../warehouse/writer-lock.ts';
import { fromRoot } from '../project-paths.ts';

export const CLI = fromRoot('bin', 'xian-report.js');

export interface JobSpawner {
  runJob: (job: JobConfig, trigger: Exclude<Trigger, 'manual'>) => Promise<JobExit>;
  /** Sends a signal to the running job, if any (its first SIGTERM: finish the current step). */
  signal: (sig: NodeJS.Signals) => void;
}

/** globalArgs: the CLI's global options to pass on (--config, --warehouse, --out, -q). */
export function jobSpawner(globalArgs: string[]): JobSpawner {
  let child: ChildProcess | null = null;
  return {
    runJob: (job, trigger) =>
      new Promise((resolve, reject) => {
        child = spawn(process.execPath, [CLI, 'job', job.name, '--trigger', trigger, ...globalArgs], {
          stdio: ['ignore', 'inherit', 'inherit'],
          // Its own process group: a Ctrl-C in a terminal reaches the scheduler only, which passes it on once.
          detached: true,
          env: { ...process.env, [HOLDER_ENV]: 'xian-report schedule' },
        });
        child.once('error', (err) => {
          child = null;
          reject(err);
        });
        child.once('exit', (code) => {
          child = null;
          resolve({ code });
        });
      }),
    signal: (sig) => {
      child?.kill(sig);
    },
  };
}
