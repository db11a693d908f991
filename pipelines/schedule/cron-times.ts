// When a cron expression fires, in a timezone: the next times (for status) and whether a
// time was due between two instants (for catch-up). node-cron has the calendar logic; it
// does not export it, so it is read from a task that is never started.
import { createTask } from 'node-cron';

interface TimeMatcher {
  getNextMatch(after: Date): Date;
}

function matcherOf(cron: string, timezone: string): { matcher: TimeMatcher; dispose: () => void } {
  const task = createTask(cron, () => undefined, { timezone });
  const matcher = (task as unknown as { timeMatcher?: TimeMatcher }).timeMatcher;
  const dispose = () => void task.destroy();
  if (!matcher || typeof matcher.getNextMatch !== 'function') {
    dispose();
    throw new Error('node-cron no longer exposes its time matcher: check pipelines/schedule/cron-times.ts against the installed node-cron');
  }
  return { matcher, dispose };
}

/** The next `count` times the expression fires after `from`. */
export function nextTimes(cron: string, timezone: string, from: Date, count = 1): Date[] {
  const { matcher, dispose } = matcherOf(cron, timezone);
  try {
    const out: Date[] = [];
    let t = from;
    for (let i = 0; i < count; i++) out.push((t = matcher.getNextMatch(t)));
    return out;
  } finally {
    dispose();
  }
}

/** A job's next two times after now, as ISO strings (what status shows). */
export type NextTimesOf = (cron: string, timezone: string) => string[];

export const nextTimesOf =
  (now: Date): NextTimesOf =>
  (cron, timezone) =>
    nextTimes(cron, timezone, now, 2).map((d) => d.toISOString());

/** The first time the expression fired after `since` and before `now`, if any: a missed run. */
export function missedSince(cron: string, timezone: string, since: Date, now: Date): Date | null {
  const [next] = nextTimes(cron, timezone, since, 1);
  return next && next.getTime() < now.getTime() ? next : null;
}
