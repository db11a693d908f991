// Prints an HTML page to an A4 PDF with headless Chromium. The PDF is written under a
// temporary name and renamed, so a failure never leaves half a file where the last one was.
// Chromium dies with the process that started it: it talks to us over a pipe
// (--remote-debugging-pipe), and exits when the pipe closes, which a killed parent's does.
// Its profile lives in a folder named for our pid, removed when it exits, and swept at the
// next launch if we were killed first. A run launches one Chromium (SharedBrowser) and prints
// every edition in pages of it: a launch costs more than a print.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { findChromium } from './chromium.ts';
import { isAlive } from '../warehouse/pid.ts';
import { privateFolder, privateFolderPath } from '../private-folder.ts';
import { fromRoot } from '../project-paths.ts';
import { markStrayHandles } from '../stray-handles.ts';
import { writeAtomic } from '../write-atomic.ts';

// Without these, Chromium keeps reaching for Google's hosts, which this machine cannot reach.
// In a file of their own so that the bench's floor (bench/floor.mjs) launches the same browser.
const QUIET_FLAGS: string[] = JSON.parse(readFileSync(fromRoot('pipelines', 'render', 'chromium-flags.json'), 'utf8'));

let launches = 0;
/** Profiles of this process's Chromiums that have not exited yet. */
const inUse = new Set<string>();

/**
 * The folder profiles go under: $TMPDIR when it is set (the tests set it, to see what is left);
 * otherwise /dev/shm, a file system in memory, where the machine has one: Chromium writes some
 * 140 files into a profile at launch and we remove them at its exit, and on a disk that discards
 * freed blocks the removal alone took 0.1 to 0.25 s of every print; otherwise the system's.
 */
function scratchRoot(): string {
  if (process.env.TMPDIR) return tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** Where Chromium profiles go: one folder per launch, `<pid>-<n>`, in a folder of the user's. */
export const profilesRoot = (tmp = scratchRoot()) => privateFolderPath(tmp, 'xian-report-chromium');

/**
 * Chromium's TMPDIR: the profile, so the folder it makes there for its singleton socket (removed
 * only when it exits cleanly) goes with the profile. But a Unix socket's path holds at most 107
 * bytes, and past that Chromium will not start ("Socket path too long"): a profile under a long
 * TMPDIR gets a short private folder of its own in /tmp instead (xrc-<pid>-*), removed with the
 * profile, or by a later launch if this process was killed (null: none could be made, and Chromium
 * is left its own default, /tmp).
 */
function chromiumTmp(userDataDir: string): string | null {
  const socket = '/org.chromium.Chromium.XXXXXX/SingletonSocket';
  if (Buffer.byteLength(userDataDir + socket) <= 107) return userDataDir;
  try {
    return mkdtempSync(`${SHORT_ROOT}/xrc-${process.pid}-`);
  } catch {
    return null;
  }
}

const SHORT_ROOT = '/tmp';

/** Removes the short socket folders (chromiumTmp) of this user's processes that are gone (killed). */
function sweepShortFolders(): void {
  // Ours stay until our Chromium exits; another user's are left to them.
  sweepFoldersOfGone(SHORT_ROOT, /^xrc-(\d+)-/, (path, own) => own || lstatSync(path).uid !== process.getuid?.());
}

/** Removes the profiles of processes that are gone (killed while printing). Returns how many. */
export function sweepProfiles(root = profilesRoot()): number {
  // Ours are swept too once their Chromium is gone (a scheduler lives through many runs).
  return sweepFoldersOfGone(root, /^(\d+)-/, (path, own) => own && inUse.has(path));
}

/**
 * Removes the folders under root named for a process (`pidIn` captures its pid) whose process is
 * gone, or that is this one, unless `keep` says otherwise. Returns how many were removed.
 */
function sweepFoldersOfGone(root: string, pidIn: RegExp, keep: (path: string, own: boolean) => boolean): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(pidIn.exec(name)?.[1]);
    const path = join(root, name);
    try {
      if (!pid || (pid !== process.pid && isAlive(pid)) || keep(path, pid === process.pid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed++;
    } catch {
      // Gone meanwhile, or a helper of a Chromium that just died still writing in it: the next sweep.
    }
  }
  return removed;
}

/** How many Chromiums this process has launched (one per run is the aim; tests count them). */
export const launchCount = () => launches;

/**
 * Chromium did not start. Over a pipe, puppeteer reports only "Target closed": what Chromium
 * (or Debian's shell wrapper around it) said is read by running it once more with --version.
 */
export class ChromiumStartError extends Error {
  constructor(
    readonly executable: string,
    cause: Error,
  ) {
    const probe = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const said = `${probe.stderr ?? ''}`.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(' / ');
    super(probe.status !== 0 && said ? `${executable}: ${said}` : `${executable}: ${cause.message.split('\n')[0]}`);
    this.name = 'ChromiumStartError';
  }
}

/**
 * puppeteer-core 24's launch() never settles when Chromium dies while puppeteer attaches to
 * its first tab: nothing is left to wake Node, which would end with exit 13 (an unsettled
 * await). 'beforeExit' is that moment exactly; the launch is then rejected, to be reported.
 */
function settlesBeforeExit<T>(step: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stalled = () => reject(new Error('Chromium closed while puppeteer was attaching to it'));
    process.once('beforeExit', stalled);
    // When it dies a moment later (puppeteer had begun talking to its first tab), a handle stays
    // open and 'beforeExit' never comes: after LAUNCH_TIMEOUT_MS the launch is given up on, and the
    // handle left to the CLI's end (stray-handles.ts). Unref'd, so it delays nothing else.
    const watchdog = setTimeout(() => {
      markStrayHandles();
      reject(new Error(`Chromium closed while puppeteer was attaching to it (no answer in ${LAUNCH_TIMEOUT_MS / 1000} s)`));
    }, LAUNCH_TIMEOUT_MS);
    watchdog.unref();
    step.then(resolve, reject).finally(() => {
      process.off('beforeExit', stalled);
      clearTimeout(watchdog);
    });
  });
}

/** How long a launch may take before it is given up on: puppeteer's own launch timeout. */
const LAUNCH_TIMEOUT_MS = 30_000;

export async function launchBrowser(executablePath?: string): Promise<Browser> {
  // Imported here: run.ts sweeps profiles on every build, and a build that prints nothing
  // (a publish tick with no change) should not pay for loading puppeteer.
  const { default: puppeteer } = await import('puppeteer-core');
  // The user's profiles folder; when it cannot be trusted (pipelines/private-folder.ts), a private
  // folder of this launch's own, which a later launch cannot sweep if this process is killed.
  const root = privateFolder(scratchRoot(), 'xian-report-chromium');
  if (root) sweepProfiles(root);
  sweepShortFolders();
  const userDataDir = root ? join(root, `${process.pid}-${++launches}`) : mkdtempSync(join(scratchRoot(), `xian-report-chromium-${process.pid}-`));
  mkdirSync(userDataDir, { recursive: true });
  inUse.add(userDataDir);
  const socketDir = chromiumTmp(userDataDir);
  let browser: Browser;
  const executable = findChromium(executablePath);
  try {
    const { TMPDIR: _ours, ...inherited } = process.env;
    const env = socketDir ? { ...inherited, TMPDIR: socketDir } : inherited;
    // Signals are ours to handle: puppeteer's own handlers killed Chromium at the first SIGTERM or
    // SIGINT, which asks only to stop after the current step, so the print in progress failed.
    // Chromium still goes with this process: it exits when the pipe closes.
    const signals = { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false };
    browser = await settlesBeforeExit(puppeteer.launch({ executablePath: executable, headless: true, args: QUIET_FLAGS, pipe: true, userDataDir, env, ...signals }));
  } catch (err) {
    inUse.delete(userDataDir);
    rmSync(userDataDir, { recursive: true, force: true });
    if (socketDir && socketDir !== userDataDir) rmSync(socketDir, { recursive: true, force: true });
    throw new ChromiumStartError(executable, err as Error);
  }
  // Removed once Chromium has exited (it writes to it until then), however it ends. Its helper
  // processes can still be writing for a moment after a kill: retried, and whatever is still
  // there after that is swept at a later launch rather than thrown out of an event handler.
  const removeProfile = () => {
    if (socketDir && socketDir !== userDataDir) rmSync(socketDir, { recursive: true, force: true });
    try {
      rmSync(userDataDir, { recursive: true, force: true });
    } catch {
      void rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
    }
    inUse.delete(userDataDir);
  };
  const proc = browser.process();
  if (proc && proc.exitCode == null) proc.once('exit', removeProfile);
  else removeProfile();
  return browser;
}

export interface PrintOptions {
  /** HTML of the running header and footer (Chromium's pageNumber/totalPages spans allowed). */
  headerHtml: string;
  footerHtml: string;
  timeoutMs: number;
}

/**
 * Settles with step, or rejects as soon as Chromium is gone. puppeteer-core 24's newPage()
 * never settles when Chromium dies between creating the tab and attaching to it (no timer is
 * left either, so Node ends with an unsettled await, exit 13): no step is trusted to notice.
 */
export function whileConnected<T>(browser: Browser, step: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const gone = () => reject(new Error('Protocol error: Target closed (Chromium disconnected)'));
    if (!browser.connected) {
      step.catch(() => undefined);
      return gone();
    }
    // on(), not once(): puppeteer's once() wraps the handler, and off(gone) would then remove
    // nothing, keeping every step's result (a whole PDF, for a print) until the browser closes.
    browser.on('disconnected', gone);
    step.then(resolve, reject).finally(() => browser.off('disconnected', gone));
  });
}

/**
 * A page ready to print editions. The page is self-contained and may quote hostile pages: no
 * script runs, and every request is refused except the edition's own inline data, so nothing
 * is fetched while printing.
 */
export async function printingPage(browser: Browser): Promise<Page> {
  const page = await whileConnected(browser, browser.newPage());
  try {
    await whileConnected(browser, page.setJavaScriptEnabled(false));
    await whileConnected(browser, page.setRequestInterception(true));
    page.on('request', (req) => (req.url().startsWith('data:') || req.url() === 'about:blank' ? req.continue() : req.abort('blockedbyclient')));
    return page;
  } catch (err) {
    await whileConnected(browser, page.close()).catch(() => undefined);
    throw err;
  }
}

/** Prints html to pdfPath (atomically) on a page of printingPage() and returns the PDF's bytes. */
export async function printOnPage(browser: Browser, page: Page, html: string, pdfPath: string, opts: PrintOptions): Promise<Uint8Array> {
  await whileConnected(browser, page.setContent(html, { waitUntil: 'load', timeout: opts.timeoutMs }));
  const pdf = await whileConnected(browser, page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: opts.headerHtml,
    footerTemplate: opts.footerHtml,
    margin: { top: '18mm', bottom: '18mm', left: '18mm', right: '18mm' },
    timeout: opts.timeoutMs,
  }));
  await writeAtomic(pdfPath, pdf);
  return pdf;
}

/** Prints html to pdfPath (atomically) on a page of its own and returns its size in bytes. */
export async function printPdf(browser: Browser, html: string, pdfPath: string, opts: PrintOptions): Promise<number> {
  const page = await printingPage(browser);
  try {
    return (await printOnPage(browser, page, html, pdfPath, opts)).byteLength;
  } finally {
    await whileConnected(browser, page.close()).catch(() => undefined);
  }
}

/** How many prints a page of SharedBrowser makes before it is closed (its renderer's memory grows). */
export const PRINTS_PER_PAGE = 20;

/** A page of SharedBrowser's, with the browser it belongs to and how many prints it made. */
interface PrintingPage {
  browser: Browser;
  page: Page;
  prints: number;
}

/**
 * One Chromium for a whole run, shared by every edition and language. Launched at the first
 * get() or ahead of need with start() (while the HTML is being made); a browser that died is
 * replaced at the next get(), a launch that failed is not tried again. close() at the end.
 * print() keeps its pages open for the next print: a new tab costs Chromium a new renderer,
 * about as much CPU as the print itself (README, "Speed"). A page is closed after
 * PRINTS_PER_PAGE prints all the same: a renderer that has laid out many pages holds more memory.
 */
export class SharedBrowser {
  private launching: Promise<Browser> | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  /** Pages free for the next print, with the browser they belong to and how many they printed. */
  private idle: PrintingPage[] = [];
  /** Pages start() is opening: a print takes one of these before it opens a page of its own. */
  private opening: Promise<PrintingPage>[] = [];

  constructor(private readonly executablePath?: string) {}

  /**
   * Starts the launch now, without waiting for it (its failure is reported by get()). The call
   * that launches also opens `pages` pages for the prints to come: a new tab is a new renderer,
   * which then starts while the HTML is made instead of after it.
   */
  start(pages = 0): void {
    const launches = this.launching == null;
    const launched = this.get();
    launched.catch(() => undefined);
    if (!launches) return;
    for (let i = 0; i < pages; i++) {
      const opening = launched.then(async (browser) => ({ browser, page: await printingPage(browser), prints: 0 }));
      opening.catch(() => undefined);
      this.opening.push(opening);
    }
  }

  async get(): Promise<Browser> {
    if (this.closed) throw new Error('the shared browser was closed');
    if (this.launching) {
      const current = await this.launching.catch(() => null);
      if (!current || current.connected) return this.launching;
      this.launching = null;
    }
    this.launching = launchBrowser(this.executablePath);
    return this.launching;
  }

  /**
   * Prints html to pdfPath (atomically) on a free page of `browser` (what get() returned), and
   * returns the PDF's bytes. A page whose print failed is closed, not reused.
   */
  async print(browser: Browser, html: string, pdfPath: string, opts: PrintOptions): Promise<Uint8Array> {
    const usable = (p: PrintingPage | null): p is PrintingPage => p != null && p.browser === browser && browser.connected && !p.page.isClosed();
    this.idle = this.idle.filter((p) => p.browser.connected && !p.page.isClosed());
    const i = this.idle.findIndex(usable);
    let free = i >= 0 ? this.idle.splice(i, 1)[0]! : null;
    while (!free && this.opening.length) {
      const opened = await this.opening.shift()!.catch(() => null);
      if (usable(opened)) free = opened;
    }
    free ??= { browser, page: await printingPage(browser), prints: 0 };
    const { page } = free;
    let bytes: Uint8Array;
    try {
      bytes = await printOnPage(browser, page, html, pdfPath, opts);
    } catch (err) {
      await whileConnected(browser, page.close()).catch(() => undefined);
      throw err;
    }
    if (++free.prints < PRINTS_PER_PAGE) this.idle.push(free);
    else await whileConnected(browser, page.close()).catch(() => undefined);
    return bytes;
  }

  /** Closes the browser if it was launched; a second call waits for the first. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.idle = [];
      this.opening = [];
      const browser = await this.launching?.catch(() => null);
      await browser?.close().catch(() => undefined);
    })();
    return this.closing;
  }
}
