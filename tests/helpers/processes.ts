// The process table as /proc shows it: a process's descendants (Chromium's tree under a run),
// and whether pids are still alive, so that a test can tell what a kill left behind.
import { readFileSync, readdirSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  cmdline: string;
}

function table(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are fixed.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (after[0] === 'Z') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      out.push({ pid: Number(name), ppid: Number(after[1]), cmdline });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Every process below pid (children, their children, ...), with its command line. */
export function descendants(pid: number): Proc[] {
  const all = table();
  const found: Proc[] = [];
  let frontier = [pid];
  while (frontier.length) {
    const next = all.filter((p) => frontier.includes(p.ppid));
    found.push(...next);
    frontier = next.map((p) => p.pid);
  }
  return found;
}

/** The pids of the list that still run (zombies excluded). */
export function stillAlive(pids: number[]): number[] {
  const alive = new Set(table().map((p) => p.pid));
  return pids.filter((p) => alive.has(p));
}

/** Waits until none of the pids runs; returns those still running after boundMs (a broken case, not a timing). */
export async function waitGone(pids: number[], boundMs = 30_000): Promise<number[]> {
  const end = Date.now() + boundMs;
  let left = stillAlive(pids);
  while (left.length && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    left = stillAlive(left);
  }
  return left;
}
