// Runs a command's work while holding the warehouse's writer lock (see schedule/writer-lock.ts).
import type { ConsolaInstance } from 'consola';
import type { Config } from '../config.ts';
import { acquireLock, describeHolder, HOLDER_ENV, lockPathOf } from '../warehouse/writer-lock.ts';

export async function withWriterLock<T>(cfg: Config, command: string, log: ConsolaInstance, fn: () => Promise<T>, job?: string): Promise<T> {
  if (cfg.warehouse === ':memory:') return fn();
  const lock = await acquireLock(
    lockPathOf(cfg.warehouse),
    { command: process.env[HOLDER_ENV] ?? `xian-report ${command}`, job },
    { waitMs: cfg.writerLock.waitMs, onWait: (h) => log.info(`waiting up to ${Math.round(cfg.writerLock.waitMs / 1000)} s for the warehouse: written by ${describeHolder(h)}`) },
  );
  try {
    return await fn();
  } finally {
    lock.release();
  }
}
