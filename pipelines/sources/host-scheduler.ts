// Spaces out requests to one host, so that scraping several pages of one site stays polite.
// The clock and the sleep are passed in, so a test can check the spacing without waiting.

export interface Clock {
  /** Milliseconds, as Date.now() gives them. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface HostScheduler {
  /** Resolves when a request to `host` may start: at least `minGapMs` after the previous one started. */
  turn(host: string, minGapMs: number): Promise<void>;
}

export function createHostScheduler(clock: Clock): HostScheduler {
  const nextAt = new Map<string, number>();
  // One chain per host: concurrent callers queue up instead of all waking at the same instant.
  const queues = new Map<string, Promise<void>>();
  return {
    turn(host, minGapMs) {
      const previous = queues.get(host) ?? Promise.resolve();
      const mine = previous.then(async () => {
        const wait = (nextAt.get(host) ?? -Infinity) - clock.now();
        if (wait > 0) await clock.sleep(wait);
        nextAt.set(host, clock.now() + minGapMs);
      });
      queues.set(host, mine.catch(() => undefined));
      return mine;
    },
  };
}
