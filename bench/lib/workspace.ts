// A scratch folder holding a config for the checkout under test (the shipped config, changed
// as a bench needs) and the data it reads, and how to call that checkout's CLI on it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { timed, type RunOptions, type Timed } from './measure.ts';

export type ConfigObject = Record<string, unknown> & { sources?: unknown[]; schedule?: { catchUp?: string; jobs: unknown[] } };

export class Workspace {
  readonly config: string;

  private constructor(
    /** The checkout whose CLI is measured (this one, or the before worktree). */
    readonly root: string,
    readonly dir: string,
  ) {
    this.config = join(dir, 'xian-report.config.yaml');
  }

  /** A scratch folder with the root's shipped data and its config, changed by `edit`. */
  static create(root: string, name: string, edit: (cfg: ConfigObject) => ConfigObject = (c) => c): Workspace {
    const dir = mkdtempSync(join(tmpdir(), `xian-bench-${name}-`));
    const ws = new Workspace(root, dir);
    cpSync(join(root, 'data', 'shipped'), join(dir, 'data', 'shipped'), { recursive: true });
    ws.writeConfig(edit(ws.shippedConfig()));
    return ws;
  }

  /** The root's own config, as an object. */
  shippedConfig(): ConfigObject {
    return parse(readFileSync(join(this.root, 'xian-report.config.yaml'), 'utf8')) as ConfigObject;
  }

  /** Writes the workspace's config, or (with `name`) another config beside it, and returns its path. */
  writeConfig(cfg: ConfigObject, name?: string): string {
    const file = name ? join(this.dir, `xian-report.${name}.config.yaml`) : this.config;
    writeFileSync(file, stringify(cfg));
    return file;
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }

  mkdir(...parts: string[]): string {
    const p = this.path(...parts);
    mkdirSync(p, { recursive: true });
    return p;
  }

  /** The CLI's path in the checkout under test. */
  get cli(): string {
    return join(this.root, 'bin', 'xian-report.js');
  }

  /** `xian-report <args> --config <this config, or opts.config>`, as a new process, measured. */
  xian(args: string[], opts: RunOptions & { config?: string } = {}): Promise<Timed> {
    const { config = this.config, ...run } = opts;
    return timed(process.execPath, [this.cli, ...args, '--config', config], { cwd: this.dir, ...run });
  }

  /** Whether `xian-report <command> --help` mentions `flag` (a feature the checkout may not have yet). */
  async supports(command: string[], flag: string): Promise<boolean> {
    const help = await timed(process.execPath, [this.cli, ...command, '--help'], { cwd: this.dir, allowFailure: true });
    return help.stdout.includes(flag);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
