// One run of a configured job, in the process that runs it (the scheduler's child, or
// `xian-report job <name>` by hand): load its sources, or publish (rebuild the edition if its
// inputs changed, then send the deliveries that are due).
import type { Config, JobConfig } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { runPipeline, type RunDeps, type RunResult, type Trigger } from '../run.ts';

export function findJob(cfg: Config, name: string): JobConfig {
  const job = cfg.schedule.jobs.find((j) => j.name === name);
  if (!job) throw new ConfigError(`no job named "${name}" in schedule.jobs (${cfg.schedule.jobs.map((j) => j.name).join(', ') || 'none configured'})`);
  return job;
}

export async function runJob(cfg: Config, job: JobConfig, trigger: Trigger, deps: RunDeps): Promise<RunResult> {
  const common = { command: job.do, job: job.name, trigger } as const;
  if (job.do === 'load') return runPipeline(cfg, { ...common, load: true, sources: job.sources, build: false }, deps);
  return runPipeline(
    cfg,
    {
      ...common,
      load: false,
      build: true,
      after: async (wh, counts) => {
        if (!cfg.smtp) return;
        const { sendDue } = await import('../deliver/send.ts');
        const { smtpTransport } = await import('../deliver/transport.ts');
        const sent = await sendDue(wh, cfg, {}, { ...deps, transport: () => smtpTransport(cfg.smtp!) });
        counts.mail_sent = sent.sent;
        counts.mail_retrying = sent.retrying;
        counts.mail_failed = sent.failed;
      },
    },
    deps,
  );
}
