// One run of a configured job, in the process that runs it (the scheduler's child, or
// `xian-report job <name>` by hand): load its sources, or publish (rebuild the edition if its
// inputs changed, then send the deliveries that are due).
import type { Config, JobConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import type { SendCounts, UnknownDelivery } from '../deliver/send.ts';
import { runPipeline, type RunDeps, type RunResult, type Trigger } from '../run.ts';

/** A job's run, with what its mail pass did (publish jobs with email on). */
export interface JobResult extends RunResult {
  mail: SendCounts | null;
  /** Deliveries whose fate is unknown, of any edition: each needs a person. */
  unknown: UnknownDelivery[];
}

export function findJob(cfg: Config, name: string): JobConfig {
  const job = cfg.schedule.jobs.find((j) => j.name === name);
  if (!job) throw new ConfigError(`no job named "${name}" in schedule.jobs (${cfg.schedule.jobs.map((j) => j.name).join(', ') || 'none configured'})`);
  return job;
}

export async function runJob(cfg: Config, job: JobConfig, trigger: Trigger, deps: RunDeps): Promise<JobResult> {
  const common = { command: job.do, job: job.name, trigger } as const;
  if (job.do === 'load') return { ...(await runPipeline(cfg, { ...common, load: true, sources: job.sources, build: false }, deps)), mail: null, unknown: [] };
  let mail: SendCounts | null = null;
  let unknown: UnknownDelivery[] = [];
  const result = await runPipeline(
    cfg,
    {
      ...common,
      load: false,
      build: true,
      after: async (wh, counts) => {
        if (!cfg.smtp) return;
        const { sendDue, unknownDeliveries } = await import('../deliver/send.ts');
        const { smtpSender } = await import('../deliver/transport.ts');
        mail = await sendDue(wh, cfg, {}, { ...deps, sender: () => smtpSender(cfg.smtp!) });
        unknown = await unknownDeliveries(wh);
        counts.mail_sent = mail.sent;
        counts.mail_retrying = mail.retrying;
        counts.mail_failed = mail.failed;
        counts.mail_unknown = unknown.length;
      },
    },
    deps,
  );
  return { ...result, mail, unknown };
}
