// @ts-check
// What the benchmark runs or reads in the browser: the call page's long tasks, its clock, the diagnostics
// page and the service worker's frame counter.
/* global performance, PerformanceObserver, window, location, chrome */
import { sleep, withTimeout } from './util.mjs';

/** Counts the call page's long tasks (>50 ms by definition) from before its first script. Top frame only. */
export function longTaskRecorder() {
  if (!/^https?:$/.test(location.protocol) || window.top !== window) return;
  /** @type {Array<[number, number]>} */
  const tasks = [];
  Object.defineProperty(window, '__benchLongTasks', { value: tasks, enumerable: false });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: the count stays 0
  }
}

/**
 * Long tasks that started in [from, to) of the page's clock.
 * @param {import('playwright-core').Page} page
 * @param {number} from
 * @param {number} to
 */
export async function longTasksBetween(page, from, to) {
  return withTimeout(
    page.evaluate(
      ({ a, b }) => {
        const tasks = /** @type {{ __benchLongTasks?: Array<[number, number]> }} */ (/** @type {unknown} */ (window)).__benchLongTasks;
        const inside = (tasks ?? []).filter(([start]) => start >= a && start < b);
        return {
          installed: tasks !== undefined,
          count: inside.length,
          ms: inside.reduce((sum, [, duration]) => sum + duration, 0),
          max: Math.max(0, ...inside.map(([, d]) => d)),
        };
      },
      { a: from, b: to },
    ),
    10_000,
    'Reading the long tasks',
  );
}

/** @param {import('playwright-core').Page} page */
export const pageNow = (page) =>
  withTimeout(
    page.evaluate(() => performance.now()),
    10_000,
    'Reading the page clock',
  );

/**
 * Opens the diagnostics page, waits until `ready(state)` holds, closes it and returns that state.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @param {(state: import('../../src/shared/protocol').DiagnosticsState) => boolean} ready
 * @param {number} timeoutMs
 * @returns {Promise<{ state: import('../../src/shared/protocol').DiagnosticsState | null, ready: boolean }>}
 */
export async function readDiagnostics(context, extensionId, ready, timeoutMs) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/src/ui/diagnostics/diagnostics.html`, { timeout: 60_000 });
    const deadline = Date.now() + timeoutMs;
    /** @type {import('../../src/shared/protocol').DiagnosticsState | null} */
    let state = null;
    for (;;) {
      const text = await page
        .locator('#state')
        .textContent({ timeout: 5000 })
        .catch(() => null);
      try {
        state = JSON.parse(text ?? 'null');
      } catch {
        state = null;
      }
      if (state && ready(state)) return { state, ready: true };
      if (Date.now() > deadline) return { state, ready: false };
      await sleep(250);
    }
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * The coach's frame counter from the service worker's session mirror (cheap: no page opened), or null.
 * @param {import('playwright-core').BrowserContext} context
 * @returns {Promise<number | null>}
 */
export async function framesFromServiceWorker(context) {
  const worker = context.serviceWorkers()[0];
  if (!worker) return null;
  const read = worker.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    let frames = null;
    for (const value of Object.values(all)) {
      if (!Array.isArray(value)) continue;
      for (const entry of value) if (typeof entry?.coach?.frames === 'number') frames = (frames ?? 0) + entry.coach.frames;
    }
    return frames;
  });
  return withTimeout(read, 5000, 'Reading the service worker').catch(() => null);
}
