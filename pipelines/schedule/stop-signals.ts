// SIGINT/SIGTERM: the first asks to stop after the current step, the second stops at once.
import type { ConsolaInstance } from 'consola';

export function onStopSignals(log: ConsolaInstance, handlers: { first: (sig: NodeJS.Signals) => void; second: (sig: NodeJS.Signals) => void }): () => void {
  let seen = 0;
  const handle = (sig: NodeJS.Signals) => {
    seen++;
    if (seen === 1) {
      log.warn(`${sig}: stopping after the current step (send it again to stop at once)`);
      handlers.first(sig);
    } else {
      log.warn(`${sig} again: stopping now`);
      handlers.second(sig);
    }
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return () => {
    process.off('SIGINT', handle);
    process.off('SIGTERM', handle);
  };
}
