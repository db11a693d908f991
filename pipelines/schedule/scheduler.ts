// The long-lived scheduler: node-cron ticks put jobs in a queue that runs one job at a time
// (one writer). A tick of a job that is still running or waiting is skipped and logged; a run
// missed while the scheduler was down is caught up once at start. The work itself happens
// in runJob (a child process in production), so this event loop stays free for the timers.
import type { ConsolaInstance } from 'consola';
import { createTask, type ScheduledTask } from 'node-cron';
import type { JobConfig } from '../config.ts';
import type { Trigger } from '../run.ts';
import { missedSince } from './cron-times.ts';

export interface JobExit {
  /** 0 ok, 1 failed, 130 interrupted; null when killed by a signal. */
  code: number | null;
}

export interface SchedulerDeps {
  log: ConsolaInstance;
  now: () => Date;
  runJob: (job: JobConfig, trigger: Exclude<Trigger, 'manual'>) => Promise<JobExit>;
  /** When each job last started (any trigger), from the runs table. */
  lastStarts: () => Promise<Map<string, Date>>;
}

export interface SchedulerStats {
  ticks: number;
  skipped: number;
  runs: { job: string; trigger: Trigger; code: number | null }[];
}

export class Scheduler {
  readonly stats: SchedulerStats = { ticks: 0, skipped: 0, runs: [] };
  private readonly tasks: ScheduledTask[] = [];
  private readonly queue: { job: JobConfig; trigger: Exclude<Trigger, 'manual'> }[] = [];
  private running: { job: string; done: Promise<void> } | null = null;
  private stopping = false;

  constructor(
    private readonly jobs: JobConfig[],
    private readonly opts: { catchUp: 'once' | 'skip' },
    private readonly deps: SchedulerDeps,
  ) {}

  /** The job running now, if any. */
  get current(): string | null {
    return this.running?.job ?? null;
  }

  async start(): Promise<void> {
    const { log } = this.deps;
    if (this.opts.catchUp === 'once') {
      const last = await this.deps.lastStarts().catch((err: Error) => {
        log.error(`${err.message}: no catch-up this time`);
        return new Map<string, Date>();
      });
      const now = this.deps.now();
      for (const job of this.jobs) {
        const since = last.get(job.name);
        const missed = since ? missedSince(job.cron, job.timezone, since, now) : null;
        if (missed) {
          log.info(`${job.name}: missed the run due at ${missed.toISOString()} (last started ${since!.toISOString()}): catching up once`);
          this.enqueue(job, 'catch-up');
        }
      }
    }
    for (const job of this.jobs) {
      // The tick only queues: it returns at once, so node-cron never waits on a job.
      const task = createTask(job.cron, () => this.tick(job), {
        name: job.name,
        timezone: job.timezone,
        // A tick late by a few seconds (a busy machine) still runs; one later than that is missed.
        missedExecutionTolerance: 5_000,
      });
      task.on('execution:missed', (ctx) => log.warn(`${job.name}: the tick due at ${ctx.date.toISOString()} came too late and was dropped`));
      await task.start();
      this.tasks.push(task);
    }
    log.info(`scheduler started: ${this.jobs.map((j) => `${j.name} "${j.cron}" (${j.timezone})`).join('; ')}`);
  }

  private tick(job: JobConfig): void {
    this.stats.ticks++;
    if (this.stopping) return;
    if (this.running?.job === job.name || this.queue.some((q) => q.job.name === job.name)) {
      this.stats.skipped++;
      const why = this.running?.job === job.name ? 'its previous run is still working' : 'a run of it is already waiting its turn';
      this.deps.log.warn(`${job.name}: tick at ${this.deps.now().toISOString()} skipped: ${why}`);
      return;
    }
    this.enqueue(job, 'schedule');
  }

  private enqueue(job: JobConfig, trigger: Exclude<Trigger, 'manual'>): void {
    this.queue.push({ job, trigger });
    this.pump();
  }

  private pump(): void {
    if (this.running || this.stopping) return;
    const next = this.queue.shift();
    if (!next) return;
    const { job, trigger } = next;
    const started = Date.now();
    this.deps.log.info(`${job.name}: ${trigger} run started`);
    const done = this.deps
      .runJob(job, trigger)
      .then(
        (exit) => {
          this.stats.runs.push({ job: job.name, trigger, code: exit.code });
          const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
          if (exit.code === 0) this.deps.log.info(`${job.name}: ${trigger} run done in ${took}`);
          else this.deps.log.error(`${job.name}: ${trigger} run ${exit.code === 130 ? 'interrupted' : 'failed'} (exit ${exit.code ?? 'by signal'}) after ${took}; see the runs table or \`xian-report status\``);
        },
        (err: Error) => {
          this.stats.runs.push({ job: job.name, trigger, code: null });
          this.deps.log.error(`${job.name}: could not run: ${err.message}`);
        },
      )
      .finally(() => {
        this.running = null;
        this.pump();
      });
    this.running = { job: job.name, done };
  }

  /** Stops the ticks, drops what waits in the queue, and waits for the running job to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const t of this.tasks) await t.destroy();
    this.tasks.length = 0;
    if (this.queue.length) this.deps.log.info(`not starting ${this.queue.map((q) => q.job.name).join(', ')}: stopping`);
    this.queue.length = 0;
    await this.running?.done;
  }
}
