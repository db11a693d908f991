// How the bench measures: each command is a new process, timed from spawn to exit (wall), with
// its CPU time from GNU time, the peak memory of its Node process (a preload writes
// process.resourceUsage().maxRSS at exit), and the peak summed memory (PSS) of every other
// process under it (Chromium's), sampled from /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const BENCH_DIR = join(import.meta.dirname, '..');
const MAXRSS_PRELOAD = pathToFileURL(join(import.meta.dirname, 'maxrss-at-exit.mjs')).href;
const GNU_TIME = '/usr/bin/time';

export interface Timed {
  /** Seconds from spawn to exit. */
  wall: number;
  /** User + system CPU seconds of the process and the children it waited for (NaN without GNU time). */
  cpu: number;
  /** The largest peak RSS of a Node process in the tree, MB (NaN if none reported). */
  nodePeakMb: number;
  /** The peak of the summed memory (PSS) of the tree's other processes (Chromium), MB; 0 when none ran. */
  otherPeakMb: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sample the process tree's memory (costs a little CPU every 200 ms). */
  sampleTree?: boolean;
  /** A non-zero exit is an error unless this is set. */
  allowFailure?: boolean;
  /** Called with each chunk of stdout+stderr as it arrives. */
  onOutput?: (chunk: string) => void;
}

/** Runs `cmd args` as a new process and measures it. */
export async function timed(cmd: string, args: string[], opts: RunOptions = {}): Promise<Timed> {
  const scratch = mkdtempSync(join(tmpdir(), 'xian-bench-run-'));
  const timeFile = join(scratch, 'time');
  const withTime = existsSync(GNU_TIME);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    BENCH_MAXRSS_DIR: scratch,
    NODE_OPTIONS: `${opts.env?.NODE_OPTIONS ?? process.env.NODE_OPTIONS ?? ''} --import=${MAXRSS_PRELOAD}`.trim(),
  };
  const [file, argv] = withTime ? [GNU_TIME, ['-f', '%U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const child = spawn(file, argv, { cwd: opts.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    opts.onOutput?.(String(d));
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    opts.onOutput?.(String(d));
  });
  // Chromium's memory, sampled five times a second for the first 3 s (a single edition), then once
  // a second: reading a process's smaps_rollup holds its memory map's lock, and at five a second
  // it slowed a minute of `build --all` by some 15%.
  let otherPeakMb = 0;
  let sampler: NodeJS.Timeout | null = null;
  const sample = () => {
    const mb = treeRssMb(child.pid!, (comm) => comm !== 'node' && comm !== 'time');
    if (mb > otherPeakMb) otherPeakMb = mb;
    sampler = setTimeout(sample, performance.now() - t0 < 3000 ? 200 : 1000);
  };
  if (opts.sampleTree) sampler = setTimeout(sample, 200);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  const wall = (performance.now() - t0) / 1000;
  if (sampler) clearTimeout(sampler);
  let cpu = NaN;
  if (withTime && existsSync(timeFile)) {
    // GNU time prints "Command exited with non-zero status N" first when it fails.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) ?? '';
    const [u, s] = last.split(' ').map(Number);
    cpu = u! + s!;
  }
  const peaks = readdirSync(scratch)
    .filter((f) => f.startsWith('maxrss-'))
    .map((f) => Number(readFileSync(join(scratch, f), 'utf8')));
  rmSync(scratch, { recursive: true, force: true });
  const nodePeakMb = peaks.length ? Math.max(...peaks) / 1024 : NaN;
  if (code !== 0 && !opts.allowFailure) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${(stderr || stdout).trim().split('\n').slice(-15).join('\n')}`);
  }
  return { wall, cpu, nodePeakMb, otherPeakMb, code, stdout, stderr };
}

/** The summed memory (MB, PSS) of pid's descendants (not pid itself) whose command name passes `keep`. */
function treeRssMb(pid: number, keep: (comm: string) => boolean): number {
  const children = new Map<number, number[]>();
  const comms = new Map<number, string>();
  for (const name of safeReaddir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      comms.set(Number(name), stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* the process ended while we looked */
    }
  }
  // Memory is read for the measured process's descendants only: smaps_rollup walks a process's
  // whole address space, and reading it for every process on the machine five times a second
  // took CPU from the command being measured.
  let kb = 0;
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      if (keep(comms.get(c)!)) {
        try {
          kb += memoryKb(String(c));
        } catch {
          /* ended meanwhile */
        }
      }
      walk(c);
    }
  };
  walk(pid);
  return kb / 1024;
}

/**
 * A process's proportional set size (its private pages, plus its share of pages it shares with
 * others: Chromium's processes share much, and summing their RSS would count it many times);
 * its RSS where smaps_rollup cannot be read.
 */
function memoryKb(pid: string): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export const median = (xs: number[]): number => {
  const s = [...xs].filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The largest of the numbers that are numbers; NaN when none is. */
export const maxOf = (xs: number[]): number => {
  const ok = xs.filter((x) => !Number.isNaN(x));
  return ok.length ? Math.max(...ok) : NaN;
};

/** Medians of the times over runs, and the peaks of the memories. */
export function medianOf(runs: Timed[]): { wall: number; cpu: number; nodePeakMb: number; otherPeakMb: number } {
  return {
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    nodePeakMb: maxOf(runs.map((r) => r.nodePeakMb)),
    otherPeakMb: Math.max(...runs.map((r) => r.otherPeakMb), 0),
  };
}

/**
 * Runs each named command `runs` times, interleaved (a, b, c, a, b, c, ...), so that a busy
 * machine weighs on every command alike. Returns the runs per name.
 */
export async function interleaved(
  runs: number,
  commands: { name: string; run: (i: number) => Promise<Timed> }[],
  progress?: (msg: string) => void,
): Promise<Record<string, Timed[]>> {
  const out: Record<string, Timed[]> = {};
  for (let i = 0; i < runs; i++) {
    for (const c of commands) {
      const t = await c.run(i);
      (out[c.name] ??= []).push(t);
      progress?.(`${c.name} #${i + 1}: ${t.wall.toFixed(2)} s`);
    }
  }
  return out;
}
