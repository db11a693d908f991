// A launch of Chromium that puppeteer left half-done can leave a handle open in Node's event loop
// (the pipe to a Chromium that is gone), and Node then never ends. Whoever gives up on such a launch
// says so here; the CLI ends its process itself once its command is done.
let stray = false;

/** Something was given up on that may keep Node's event loop alive. */
export function markStrayHandles(): void {
  stray = true;
}

export function hasStrayHandles(): boolean {
  return stray;
}
