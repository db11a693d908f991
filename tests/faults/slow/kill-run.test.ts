// kill -9 of `xian-report run` at seeded random moments during loading and printing, each
// moment an event (a line printed, a file appearing, a Chromium process starting), never a
// time. After each kill: the warehouse opens and holds the rows of before or of after, never
// a mix; latest.* names an edition the warehouse has; Chromium's processes go with the run.
// After the next run: no scratch file, no orphan edition folder, no Chromium profile, latest.*
// is the last edition, edition numbers have no gap, and the killed run reads "interrupted".
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createHash } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { privateFolderPath } from '../../../pipelines/private-folder.ts';
import { Warehouse } from '../../../pipelines/warehouse/warehouse.ts';
import { faultSeed, seeded, tally } from '../../helpers/fault-ledger.ts';
import { descendants, waitGone } from '../../helpers/processes.ts';
import { makeWorkspace, runCli, type Workspace } from '../../helpers/workspace.ts';

const TRIALS = Number(process.env.XIAN_REPORT_FAULT_TRIALS ?? 20);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Where a kill lands: each is an event the harness waits for. */
const KILL_POINTS = [
  'first source read',
  'all sources read',
  'indicators built',
  'printing announced',
  'scratch folder made',
  'Chromium started',
  'page opened in Chromium',
  'PDF written in the scratch folder',
  'edition folder in place',
  'latest.txt names the new edition',
] as const;
type KillPoint = (typeof KILL_POINTS)[number];

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => [join(dir, e.name), ...(e.isDirectory() ? allFiles(join(dir, e.name)) : [])]);
}

let ws: Workspace;
let env: NodeJS.ProcessEnv;
const versions: { csv: string; rankings: number }[] = [];

before(async () => {
  ws = makeWorkspace();
  // Chromium's profiles and temporary files go under the workspace, so that what is left is ours to count.
  mkdirSync(ws.path('tmp'), { recursive: true });
  env = { TMPDIR: ws.path('tmp') };
  const csv = ws.path('data', 'shipped', 'ccid-top100-rankings.csv');
  const a = readFileSync(csv, 'utf8');
  const b = a.replace('2022,12,西安', '2022,9,西安') + 'ccid-top100-advanced-manufacturing-cities,2020,15,西安,陕西,\n';
  versions.push({ csv: a, rankings: 2 }, { csv: b, rankings: 3 });
  const first = await runCli(['run', '--config', ws.config], { env });
  assert.equal(first.code, 0, first.stdout + first.stderr);
});
after(() => ws?.cleanup());

async function db<T>(sql: string): Promise<T[]> {
  const wh = await Warehouse.open(ws.warehouse);
  try {
    return await wh.all<T>(sql);
  } finally {
    wh.close();
  }
}

/** Runs `run`, kills it at the point (when reached), and returns what happened. */
async function runAndKill(point: KillPoint): Promise<{ killed: boolean; chromium: number[]; killedAt: Date | null; output: string }> {
  let child: ChildProcess | null = null;
  let output = '';
  let done = false;
  const editionsDir = ws.path('out', 'editions');
  const latestBefore = existsSync(ws.path('out', 'latest.txt')) ? readFileSync(ws.path('out', 'latest.txt'), 'utf8') : '';
  const scratch = () => (existsSync(editionsDir) ? readdirSync(editionsDir).filter((n) => n.endsWith('.tmp')) : []);
  const reached = (): boolean => {
    const lines = output;
    switch (point) {
      case 'first source read':
        return /shipped-[\w-]+: (loaded|unchanged)/.test(lines);
      case 'all sources read':
        return (lines.match(/shipped-[\w-]+: (loaded|unchanged)/g) ?? []).length >= 4;
      case 'indicators built':
        return /indicators: \d+ models built/.test(lines);
      case 'printing announced':
        return /printing a new edition/.test(lines);
      case 'scratch folder made':
        return scratch().length > 0;
      case 'Chromium started':
        return descendants(child!.pid!).some((p) => /chrom/i.test(p.cmdline));
      case 'page opened in Chromium':
        return descendants(child!.pid!).some((p) => /--type=renderer/.test(p.cmdline));
      case 'PDF written in the scratch folder':
        return scratch().some((d) => existsSync(join(editionsDir, d, 'edition.pdf')));
      case 'edition folder in place': {
        const [{ n }] = [{ n: readdirSync(editionsDir).filter((x) => !x.startsWith('.')).length }];
        return n > knownFolders;
      }
      case 'latest.txt names the new edition':
        return existsSync(ws.path('out', 'latest.txt')) && readFileSync(ws.path('out', 'latest.txt'), 'utf8') !== latestBefore;
    }
  };
  const knownFolders = readdirSync(editionsDir).filter((x) => !x.startsWith('.')).length;
  let chromium: number[] = [];
  let killedAt: Date | null = null;
  const running = runCli(['run', '--config', ws.config], {
    env,
    onSpawn: (c) => (child = c),
    onOutput: (o) => (output = o),
  }).then((r) => {
    done = true;
    return r;
  });
  // Poll for the event: files and processes have no events of their own to wait on.
  while (!done) {
    if (child && (child as ChildProcess).pid && reached()) {
      chromium = descendants((child as ChildProcess).pid!).map((p) => p.pid);
      (child as ChildProcess).kill('SIGKILL');
      killedAt = new Date();
      break;
    }
    // Files and processes are polled; a short pause keeps the poll from starving the run.
    await new Promise((r) => setTimeout(r, 15));
  }
  const res = await running;
  return { killed: res.signal === 'SIGKILL', chromium, killedAt, output: res.stdout + res.stderr };
}

test(`kill -9 of run at ${TRIALS} seeded random moments: nothing lost, nothing half-written, nothing left behind`, { timeout: 60 * 60_000 }, async (t) => {
  const random = seeded(faultSeed());
  t.diagnostic(`seed ${faultSeed()} (XIAN_REPORT_FAULT_SEED replays it)`);
  let faults = 0;
  let rowsLost = 0;
  let filesLeft = 0;
  let processesLeft = 0;
  const problems: string[] = [];
  for (let i = 1; i <= TRIALS; i++) {
    const version = versions[i % 2]!;
    writeFileSync(ws.path('data', 'shipped', 'ccid-top100-rankings.csv'), version.csv);
    const point = KILL_POINTS[Math.floor(random() * KILL_POINTS.length)]!;
    const r = await runAndKill(point);
    if (r.killed) faults++;
    t.diagnostic(`trial ${i}: ${point}: ${r.killed ? 'killed' : 'ran to its end'}`);

    // Chromium goes with the process that started it.
    const left = await waitGone(r.chromium);
    processesLeft += left.length;
    if (left.length) problems.push(`trial ${i} (${point}): ${left.length} processes of the killed run still running`);

    // Right after the kill: rows of before or of after, and latest.* names an edition we have.
    const [snap] = await db<{ sha256: string }>("select sha256 from snapshots where source = 'shipped-top100-ranks' and status = 'loaded' order by id desc limit 1");
    const [{ n }] = await db<{ n: number }>('select count(*)::int as n from rankings');
    const expected = versions.find((v) => sha(v.csv) === snap!.sha256)?.rankings;
    if (n !== expected) {
      rowsLost += Math.abs((expected ?? 0) - n);
      problems.push(`trial ${i} (${point}): ${n} rankings, the snapshot loaded last holds ${expected}`);
    }
    const editions = await db<{ id: number; edition_key: string; pdf_path: string }>('select id, edition_key, pdf_path from editions order by id');
    const latestKey = existsSync(ws.path('out', 'latest.txt')) ? readFileSync(ws.path('out', 'latest.txt'), 'utf8').trim() : null;
    if (latestKey && !editions.some((e) => e.edition_key === latestKey)) problems.push(`trial ${i} (${point}): latest.txt names ${latestKey}, which the warehouse does not have`);
    for (const e of editions) if (!existsSync(e.pdf_path)) problems.push(`trial ${i} (${point}): edition ${e.id} has no PDF`);

    // The next run recovers: it finishes, and tidies what the kill left.
    const next = await runCli(['run', '--config', ws.config], { env });
    if (next.code !== 0) problems.push(`trial ${i} (${point}): the next run failed: ${next.stdout}${next.stderr}`);
    const out = allFiles(ws.path('out'));
    const temps = out.filter((f) => /\.tmp$/.test(f));
    const eds = await db<{ id: number; edition_key: string; pdf_path: string }>('select id, edition_key, pdf_path from editions order by id');
    const orphans = readdirSync(ws.path('out', 'editions')).filter((d) => !d.startsWith('.') && !eds.some((e) => e.edition_key === d));
    const profilesDir = privateFolderPath(ws.path('tmp'), 'xian-report-chromium');
    const profiles = allFiles(profilesDir).filter((f) => f.split('/').length === profilesDir.split('/').length + 1);
    const puppeteerProfiles = readdirSync(ws.path('tmp')).filter((f) => f.startsWith('puppeteer_dev_chrome_profile-'));
    const leftFiles = [...temps, ...orphans, ...profiles, ...puppeteerProfiles];
    filesLeft += leftFiles.length;
    if (leftFiles.length) problems.push(`trial ${i} (${point}): left behind after the next run: ${leftFiles.join(', ')}`);
    const last = eds.at(-1)!;
    if (readFileSync(ws.path('out', 'latest.txt'), 'utf8').trim() !== last.edition_key) problems.push(`trial ${i} (${point}): latest.txt is not edition ${last.id}`);
    if (!readFileSync(ws.path('out', 'latest.pdf')).equals(readFileSync(last.pdf_path))) problems.push(`trial ${i} (${point}): latest.pdf is not edition ${last.id}`);
    if (eds.some((e, k) => e.id !== k + 1)) problems.push(`trial ${i} (${point}): edition numbers have a gap: ${eds.map((e) => e.id).join(',')}`);
    const runs = await db<{ id: number; status: string; finished_at: Date | null }>('select id, status, finished_at from runs order by id');
    if (runs.some((x) => x.status === 'running')) problems.push(`trial ${i} (${point}): a run still reads "running"`);
    if (r.killed) {
      // A kill that lands after the run recorded its end (late events, a loaded machine) finds it
      // "ok" with its edition committed; otherwise it must read "interrupted", ended before the kill.
      const killedRun = runs.at(-2)!;
      const [{ editions: made }] = await db<{ editions: number }>(`select count(*)::int as editions from editions where run_id = ${killedRun.id}`);
      if (killedRun.status === 'ok' && made !== 1) problems.push(`trial ${i} (${point}): the killed run reads "ok" without its edition`);
      else if (killedRun.status !== 'ok' && killedRun.status !== 'interrupted') problems.push(`trial ${i} (${point}): the killed run reads "${killedRun.status}"`);
      if (killedRun.finished_at && new Date(killedRun.finished_at) > r.killedAt!) problems.push(`trial ${i} (${point}): the killed run ended after the kill`);
    }
  }
  tally({ suite: 'kill -9 of run (load and printing)', trials: TRIALS, faults, rowsLost, filesLeft, processesLeft });
  assert.deepEqual(problems, []);
  assert.ok(faults >= TRIALS / 2, `only ${faults} of ${TRIALS} trials were killed before their end`);
});
