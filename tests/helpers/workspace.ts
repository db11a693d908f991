// A throwaway copy of the project's config and shipped data, with its own warehouse and
// output folder, so a test can change a snapshot without touching the real ones.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'bin', 'xian-report.js');

export interface Workspace {
  dir: string;
  config: string;
  warehouse: string;
  out: string;
  /** Path of a file inside the workspace. */
  path: (...parts: string[]) => string;
  cleanup: () => void;
}

/** languages: the editions each run prints (default English only, one print per run: the tests stay quick). */
export function makeWorkspace(opts: { languages?: string[] } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'xian-report-test-'));
  cpSync(join(ROOT, 'data', 'shipped'), join(dir, 'data', 'shipped'), { recursive: true });
  const config = join(dir, 'xian-report.config.yaml');
  writeFileSync(
    config,
    readFileSync(join(ROOT, 'xian-report.config.yaml'), 'utf8')
      .replace(/^warehouse: .*$/m, 'warehouse: warehouse/test.duckdb')
      .replace(/^outDir: .*$/m, 'outDir: out')
      .replace(/^  languages: .*$/m, `  languages: [${(opts.languages ?? ['en']).join(', ')}]`),
  );
  return {
    dir,
    config,
    warehouse: join(dir, 'warehouse', 'test.duckdb'),
    out: join(dir, 'out'),
    path: (...parts) => join(dir, ...parts),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CliResult {
  code: number;
  /** The signal that ended it (SIGKILL in the fault trials). */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process (bounded in time). onOutput sees all it printed so far
 * (stdout and stderr) after each chunk: wait for a line there, never for a time.
 */
export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onOutput?: (soFar: string) => void; onSpawn?: (child: ChildProcess) => void } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
      timeout: opts.timeoutMs ?? 120_000,
    });
    opts.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      opts.onOutput?.(stdout + stderr);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onOutput?.(stdout + stderr);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
  });
}

/** The text of a PDF, read back with pdftotext. */
export async function pdfText(path: string): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}
