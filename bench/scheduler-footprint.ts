// The scheduler's footprint: resident memory and CPU of the `xian-report schedule` process
// (not its job children) while idle, during a hundred ticks of cheap jobs, and idle again
// after them. Memory must not grow; idle CPU must be near zero. Target: RSS under 150 MB.
//
//   npx tsx bench/scheduler-footprint.ts            (about three minutes)
//   TICKS=40 IDLE_S=10 npx tsx bench/scheduler-footprint.ts
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'bin', 'xian-report.js');
const TICKS = Number(process.env.TICKS ?? 100);
const IDLE_S = Number(process.env.IDLE_S ?? 20);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Sample {
  at: number;
  rssMb: number;
  cpuS: number;
}

function sample(pid: number): Sample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  // Fields after the command name: utime and stime are the 14th and 15th of the line.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]);
  return { at: Date.now(), rssMb: rssKb / 1024, cpuS: cpuTicks / CLK_TCK };
}

const cpuPct = (a: Sample, b: Sample) => (100 * (b.cpuS - a.cpuS)) / ((b.at - a.at) / 1000);
const fmt = (n: number, d = 1) => n.toFixed(d);

/** A cron field pair (seconds, minute, hour) covering `count` seconds from `start` (UTC), as at most two expressions. */
function windowCrons(start: Date, count: number): string[] {
  const crons: string[] = [];
  let t = new Date(start);
  let left = count;
  while (left > 0) {
    const s = t.getUTCSeconds();
    const n = Math.min(left, 60 - s);
    crons.push(`${s}-${s + n - 1} ${t.getUTCMinutes()} ${t.getUTCHours()} ${t.getUTCDate()} ${t.getUTCMonth() + 1} *`);
    left -= n;
    t = new Date(t.getTime() + n * 1000);
  }
  return crons;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xian-report-bench-'));
  try {
    cpSync(join(ROOT, 'data', 'shipped'), join(dir, 'data', 'shipped'), { recursive: true });
    const base = readFileSync(join(ROOT, 'xian-report.config.yaml'), 'utf8').replace(/\n# What `xian-report schedule` runs[\s\S]*$/, '');
    const config = join(dir, 'xian-report.config.yaml');
    writeFileSync(config, base);
    // A warehouse with the data loaded, so that each tick's job is a cheap "unchanged" check.
    execFileSync(process.execPath, [CLI, 'run', '--quiet', '--config', config], { stdio: 'inherit' });

    const startupS = 10;
    const ticksAt = new Date(Math.ceil((Date.now() + (startupS + IDLE_S + 5) * 1000) / 1000) * 1000);
    const crons = windowCrons(ticksAt, TICKS);
    const jobs = crons.map((c, i) => `    - { name: tick-${i + 1}, cron: "${c}", timezone: UTC, do: load, sources: [shipped-top100-ranks] }`);
    writeFileSync(config, `${base}\nschedule:\n  catchUp: skip\n  jobs:\n${jobs.join('\n')}\n`);

    const child = spawn(process.execPath, [CLI, 'schedule', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const pid = child.pid!;
    const rss: number[] = [];
    const watch = setInterval(() => {
      try {
        rss.push(sample(pid).rssMb);
      } catch {
        /* gone */
      }
    }, 1000);

    await sleep(startupS * 1000);
    const idle0 = sample(pid);
    await sleep(IDLE_S * 1000);
    const idle1 = sample(pid);
    const rssBefore = Math.max(...rss);

    await sleep(Math.max(0, ticksAt.getTime() + TICKS * 1000 - Date.now()));
    const ticks1 = sample(pid);
    // Let the last job finish, then measure idle again.
    await sleep(5_000);
    rss.length = 0;
    const idle2 = sample(pid);
    await sleep(IDLE_S * 1000);
    const idle3 = sample(pid);
    const rssAfter = Math.max(...rss);
    clearInterval(watch);

    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const started = (out.match(/run started/g) ?? []).length;
    const skipped = (out.match(/skipped: /g) ?? []).length;
    const missed = (out.match(/came too late/g) ?? []).length;

    console.log(`scheduler footprint (pid ${pid}, ${TICKS} ticks of cheap load jobs, each in a child process)`);
    console.log(`  ticks seen        ${started + skipped} (${started} runs, ${skipped} skipped while the previous run worked, ${missed} dropped as late)`);
    console.log(`  idle before       RSS ${fmt(idle1.rssMb)} MB (max ${fmt(rssBefore)}), CPU ${fmt(cpuPct(idle0, idle1), 2)}% over ${IDLE_S} s`);
    console.log(`  during ticks      RSS ${fmt(ticks1.rssMb)} MB, CPU ${fmt(cpuPct(idle1, ticks1), 2)}% (the scheduler alone; jobs run in children)`);
    console.log(`  idle after ticks  RSS ${fmt(idle3.rssMb)} MB (max ${fmt(rssAfter)}), CPU ${fmt(cpuPct(idle2, idle3), 2)}% over ${IDLE_S} s`);
    console.log(`  RSS growth        ${fmt(idle3.rssMb - idle1.rssMb)} MB (idle after − idle before)`);
    const ok = idle3.rssMb < 150 && cpuPct(idle2, idle3) < 1;
    console.log(ok ? '  within target (RSS < 150 MB, idle CPU < 1%)' : '  OVER TARGET (RSS < 150 MB, idle CPU < 1%)');
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
