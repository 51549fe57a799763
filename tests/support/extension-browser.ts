// A Chromium with the built extension and fake media, the demo call page, and helpers to read the
// extension's own pages. Shared by the browser tests and the benchmark.
import type { BrowserContext, ConsoleMessage, Frame, Page, Worker } from 'playwright-core';
import { launchChromium } from '../../src/tools/chromium.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import type { DiagnosticsState, TabPipeline } from '../../src/shared/protocol';
import { distDir } from './paths';

export interface Harness {
  context: BrowserContext;
  demoUrl: string;
  extensionId: string | null;
  /** console errors whose source is one of the extension's own contexts */
  extensionErrors: string[];
  close(): Promise<void>;
}

export async function startHarness(options: {
  video?: string;
  audio?: string;
  extension?: boolean;
  denyMedia?: boolean;
}): Promise<Harness> {
  const server = await startDemoServer({ port: 0 });
  const { context, close } = await launchChromium({
    extensionDir: options.extension === false ? undefined : distDir,
    video: options.video,
    audio: options.audio,
    denyMedia: options.denyMedia ?? false,
  });
  let extensionId: string | null = null;
  if (options.extension !== false) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    extensionId = new URL(worker.url()).host;
  }
  const extensionErrors: string[] = [];
  const watch = (message: ConsoleMessage) => {
    const where = message.location().url ?? '';
    if (message.type() === 'error' && (where.startsWith('chrome-extension:') || /webside/i.test(message.text())))
      extensionErrors.push(`${where}: ${message.text()}`);
  };
  context.on('console', watch);
  context.on('weberror', (error) => {
    if (/webside|chrome-extension/i.test(String(error.error().stack))) extensionErrors.push(String(error.error()));
  });
  return {
    context,
    demoUrl: server.url,
    extensionId,
    extensionErrors,
    async close() {
      await close();
      await server.close();
    },
  };
}

export async function openCall(harness: Harness, query = 'autostart=1'): Promise<Page> {
  const page = await harness.context.newPage();
  await page.goto(`${harness.demoUrl}?${query}`);
  return page;
}

export async function waitForDemoState(page: Page, states: string[], timeoutMs = 20_000): Promise<string> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const state = (window as unknown as { __demo?: { state: string } }).__demo?.state;
      return state && wanted.includes(state) ? state : null;
    },
    states,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as string;
}

export async function coachFrame(page: Page, timeoutMs = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().endsWith('/src/coach/coach.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('The coach iframe never appeared on the call page.');
    await page.waitForTimeout(100);
  }
}

export function extensionPage(harness: Harness, path: string): string {
  if (!harness.extensionId) throw new Error('This harness has no extension.');
  return `chrome-extension://${harness.extensionId}/${path}`;
}

/** Opens the diagnostics page and returns a reader of its <pre id="state"> JSON. */
export async function openDiagnostics(harness: Harness): Promise<{ page: Page; read(): Promise<DiagnosticsState> }> {
  const page = await harness.context.newPage();
  await page.goto(extensionPage(harness, 'src/ui/diagnostics/diagnostics.html'));
  return {
    page,
    async read() {
      const text = await page.locator('#state').textContent();
      return JSON.parse(text ?? 'null') as DiagnosticsState;
    },
  };
}

/**
 * The calls as the service worker mirrors them in storage.session (taps and the coach's last report),
 * read without opening a page (a new tab in front would hide the call and pause its pump).
 */
export async function mirroredCalls(harness: Harness): Promise<TabPipeline[]> {
  const worker = harness.context.serviceWorkers()[0];
  if (!worker) return [];
  return worker.evaluate(async () => {
    const all = await chrome.storage.session.get(null);
    return Object.values(all)
      .filter(Array.isArray)
      .flat()
      .filter((entry) => !!entry && typeof entry === 'object' && 'taps' in entry) as TabPipeline[];
  });
}

/** The extension's running service worker (throws when none runs). */
export function extensionWorker(harness: Harness): Worker {
  const found = harness.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${harness.extensionId}/`));
  if (!found) throw new Error('No extension service worker is running.');
  return found;
}
