// After the extension is updated or reloaded, the content scripts and extension frames it left in open
// pages are orphaned: they keep running, but every extension API is gone (`chrome.runtime` undefined,
// or calls throwing "Extension context invalidated"). Nothing they do then may throw into the page.

/** True while this script's extension is still loaded. */
export function extensionAlive(): boolean {
  try {
    const runtime = (globalThis as { chrome?: { runtime?: { id?: unknown } } }).chrome?.runtime;
    return typeof runtime?.id === 'string' && runtime.id !== '';
  } catch {
    return false;
  }
}

/** Runs an extension-API call (e.g. a clean-up on abort) that must not throw once the extension is gone. */
export function quietly(call: () => unknown): void {
  try {
    call();
  } catch {
    // the extension was reloaded or updated under us: there is nothing left to clean up
  }
}
