// @ts-check
// One benchmark run: a fresh Chromium on the demo call, with or without the extension; warm-up, then CPU and
// PSS over the window, long tasks, and the diagnostics after it.
/* global process, console, performance, window, chrome */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../src/tools/chromium.mjs';
import { repoRoot } from '../../src/tools/media.mjs';
import { bareStats, startBare } from './bare.mjs';
import { framesFromServiceWorker, longTaskRecorder, longTasksBetween, pageNow, readDiagnostics } from './browser.mjs';
import { CpuWindow, findBrowserPid, mainThreadTicks, processTree, readPssKb, readStat } from './proc.mjs';
import { BenchError, owed, say, sleep, withTimeout } from './util.mjs';

const WARMUP_MS = 8000;
const SAMPLE_EVERY_MS = 1000;
const PSS_EVERY_S = 5;
export const distDir = path.join(repoRoot, 'dist');

/**
 * @typedef {object} RunResult
 * @property {number | null} analysisFps null for the baseline and the bare runs
 * @property {number | null} bareFps the bare FaceLandmarker's rate, null unless a bare run
 * @property {{ fps: number, p50: number | null, p95: number | null, faceShare: number } | null} bare the bare run's detector
 * @property {number} pageMainMs CPU ms of the page renderers' main threads over the window
 * @property {number} seconds measured window, s
 * @property {number} cpuPct whole browser, % of one core
 * @property {Record<string, number>} cpuByCategory % of one core
 * @property {number} rendererCount non-extension renderers alive at the end
 * @property {number} pssTotalMb all processes at the end
 * @property {Record<string, number>} pssByCategoryMb
 * @property {Array<{ t: number, mb: Record<string, number> }>} pssSamples PSS by category every 5 s (s into the window)
 * @property {number} extProcessCount extension processes alive at the end
 * @property {{ installed: boolean, count: number, ms: number, max: number }} longTasks
 * @property {number | null} windowFps frames analysed in the window / window
 * @property {import('../../src/shared/protocol').TabPipeline | null} pipeline diagnostics at the end
 * @property {number | null} openToFirstFaceMs
 * @property {string} chromiumVersion
 */

/**
 * One Chromium, one call: warm up, measure, read diagnostics, close. With `bareFps` (and no extension) the call
 * page also runs the bare FaceLandmarker (bare.mjs) from `bareUrl`.
 * @param {{ analysisFps: number | null, bareFps?: number | null, bareUrl?: string | null, video: string, audio: string, url: string, seconds: number }} run
 * @returns {Promise<RunResult>}
 */
export async function measure({ analysisFps, bareFps = null, bareUrl = null, video, audio, url, seconds }) {
  const extension = analysisFps !== null;
  const bare = !extension && bareFps !== null && bareUrl !== null;
  const label = extension ? `extension @ ${analysisFps} fps` : bare ? `bare FaceLandmarker @ ${bareFps} fps` : 'baseline (no extension)';
  say(`${label}: starting Chromium`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'webside-bench-'));
  /** @type {number | null} */
  let browserPid = null;
  /** @type {{ context: import('playwright-core').BrowserContext, close(): Promise<void> } | null} */
  let browser = null;
  const cleanup = async () => {
    if (browser) {
      const processes = browserPid ? processTree(browserPid) : [];
      const closing = browser.close();
      const closed = await withTimeout(closing, 20_000, 'Chromium closing').then(
        () => true,
        () => false,
      );
      // Only if it hangs: end the browser process this run started (by its pid).
      if (!closed && browserPid) {
        try {
          process.kill(browserPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      // Let all its processes finish exiting (children outlive the browser briefly), so the next run
      // starts on a quiet machine.
      const lingering = () => processes.filter((p) => readStat(p.pid)?.start === p.start);
      for (let i = 0; i < 100 && lingering().length > 0; i++) await sleep(100);
    }
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  owed.add(cleanup);
  try {
    browser = await withTimeout(
      launchChromium({ extensionDir: extension ? distDir : undefined, video, audio, userDataDir }),
      60_000,
      'Chromium starting',
    );
    const { context } = browser;
    for (let i = 0; i < 50 && !browserPid; i++) {
      browserPid = findBrowserPid(userDataDir);
      if (!browserPid) await sleep(100);
    }
    if (!browserPid) throw new BenchError(`Could not find the Chromium process for profile ${userDataDir} in /proc.`);
    const chromiumVersion = context.browser()?.version() ?? '';

    /** @type {string | null} */
    let extensionId = null;
    if (extension) {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
      const stored = await withTimeout(
        worker.evaluate(async (fps) => {
          await chrome.storage.local.set({ settings: { version: 1, analysisFps: fps } });
          const read = /** @type {{ settings?: { analysisFps?: unknown } }} */ (await chrome.storage.local.get('settings'));
          return read.settings ?? null;
        }, analysisFps),
        10_000,
        'Writing the settings in the service worker',
      );
      if (stored?.analysisFps !== analysisFps) throw new BenchError(`The settings did not stick: read back ${JSON.stringify(stored)}.`);
    }

    await context.addInitScript(longTaskRecorder);
    const page = context.pages()[0] ?? (await context.newPage());
    const openedAt = Date.now();
    await page.goto(`${url}?autostart=1`, { timeout: 60_000 });
    const callState = await page
      .waitForFunction(
        () => {
          const state = /** @type {{ __demo?: { state: string } }} */ (/** @type {unknown} */ (window)).__demo?.state;
          return state === 'in-call' || state === 'error' ? state : null;
        },
        undefined,
        { timeout: 60_000, polling: 200 },
      )
      .then((handle) => handle.jsonValue())
      .catch(() => 'timeout');
    if (callState !== 'in-call') throw new BenchError(`${label}: the demo call did not start (state: ${callState}).`);

    if (extension && extensionId) {
      const live = await readDiagnostics(
        context,
        extensionId,
        (s) => s.calls.some((c) => c.coach?.state === 'live' && c.coach.frames > 0),
        120_000, // a loaded machine (several builds beside us) can take a minute to load the model
      );
      if (!live.ready) {
        const coach = live.state?.calls[0]?.coach;
        throw new BenchError(
          `${label}: the coach never went live within 120 s (calls: ${live.state?.calls.length ?? 'no diagnostics'}, coach state: ${coach?.state ?? 'none'}, ` +
            `frames: ${coach?.frames ?? 0}, error: ${coach?.lastError ?? live.state?.lastError ?? 'none'}).`,
        );
      }
      await page.bringToFront();
    }
    if (bare && bareUrl && bareFps) await startBare(page, bareUrl, bareFps);
    say(`${label}: in call, warming up ${WARMUP_MS / 1000} s`);
    await sleep(WARMUP_MS);

    // ---- the window
    say(`${label}: measuring ${seconds} s`);
    const framesAtStart = extension ? await framesFromServiceWorker(context) : bare ? (await bareStats(page)).frames : null;
    const pageFrom = await pageNow(page);
    const cpu = new CpuWindow(browserPid);
    cpu.start();
    const pageMainFrom = pageMainTicks(cpu);
    const windowStart = performance.now();
    // PSS by category at the start, every 5 s and at the end (the slope uses the second half).
    /** @type {Array<{ t: number, mb: Record<string, number> }>} */
    const pssSamples = [{ t: 0, mb: pssByCategory(cpu.alive()) }];
    let nextPssS = PSS_EVERY_S;
    for (let tick = 1; ; tick++) {
      const elapsedS = (performance.now() - windowStart) / 1000;
      if (elapsedS >= seconds) break;
      await sleep(Math.min(SAMPLE_EVERY_MS * tick - elapsedS * 1000, (seconds - elapsedS) * 1000));
      const nowS = (performance.now() - windowStart) / 1000;
      if (nowS < seconds - 0.05) cpu.sample();
      if (nowS >= nextPssS - 0.05 && nowS < seconds - 0.05) {
        nextPssS += PSS_EVERY_S;
        pssSamples.push({ t: nowS, mb: pssByCategory(cpu.alive()) });
      }
    }
    const usage = cpu.stop();
    const pageMainTo = pageMainTicks(cpu);
    const pageTo = await pageNow(page);
    const bareEnd = bare ? await bareStats(page) : null;
    const framesAtEnd = extension ? await framesFromServiceWorker(context) : bareEnd ? bareEnd.frames : null;
    // Main-thread CPU of the page renderers alive at both ends (the isolated-world bridge runs there).
    let pageMainTicksUsed = 0;
    for (const [key, ticks] of pageMainTo) {
      const from = pageMainFrom.get(key);
      if (from !== undefined) pageMainTicksUsed += ticks - from;
    }
    const alive = cpu.alive();
    const pssByCategoryMb = pssByCategory(alive);
    pssSamples.push({ t: usage.seconds, mb: pssByCategoryMb });
    const longTasks = await longTasksBetween(page, pageFrom, pageTo);
    if (!longTasks.installed) console.error(`! ${label}: the long-task observer was not installed on the call page; its count is unknown.`);
    /** @type {Record<string, number>} */
    const cpuByCategory = {};
    for (const p of usage.processes)
      cpuByCategory[p.category] = (cpuByCategory[p.category] ?? 0) + (p.ticks / usage.hz / usage.seconds) * 100;

    // ---- diagnostics, after the window
    /** @type {import('../../src/shared/protocol').TabPipeline | null} */
    let pipeline = null;
    if (extension && extensionId) {
      const end = await readDiagnostics(context, extensionId, (s) => s.calls.some((c) => c.coach !== null), 60_000);
      pipeline = end.state?.calls.find((c) => c.coach !== null) ?? null;
      const coach = pipeline?.coach;
      if (!coach || coach.state !== 'live' || coach.frames === 0) {
        throw new BenchError(
          `${label}: the coach is not live at the end of the window (state: ${coach?.state ?? 'none'}, frames: ${coach?.frames ?? 0}, ` +
            `error: ${coach?.lastError ?? end.state?.lastError ?? 'none'}).`,
        );
      }
    }
    const windowFps = framesAtStart !== null && framesAtEnd !== null ? (framesAtEnd - framesAtStart) / usage.seconds : null;
    const firstFaceAt = pipeline?.coach?.firstFaceAt ?? null;
    return {
      analysisFps,
      bareFps: bare ? bareFps : null,
      bare:
        bareEnd && windowFps !== null
          ? { fps: windowFps, p50: bareEnd.p50, p95: bareEnd.p95, faceShare: bareEnd.frames ? bareEnd.faces / bareEnd.frames : 0 }
          : null,
      pageMainMs: (pageMainTicksUsed / usage.hz) * 1000,
      seconds: usage.seconds,
      cpuPct: (usage.ticks / usage.hz / usage.seconds) * 100,
      cpuByCategory,
      rendererCount: alive.filter((p) => p.category === 'renderer').length,
      pssTotalMb: Object.values(pssByCategoryMb).reduce((a, b) => a + b, 0),
      pssByCategoryMb,
      pssSamples,
      extProcessCount: alive.filter((p) => p.category === 'extension').length,
      longTasks,
      windowFps,
      pipeline,
      openToFirstFaceMs: firstFaceAt === null ? null : firstFaceAt - openedAt,
      chromiumVersion,
    };
  } finally {
    owed.delete(cleanup);
    await cleanup();
  }
}

/**
 * Main-thread CPU ticks of every page renderer alive now, keyed by pid.
 * @param {CpuWindow} cpu
 * @returns {Map<number, number>}
 */
function pageMainTicks(cpu) {
  /** @type {Map<number, number>} */
  const ticks = new Map();
  for (const { pid, category } of cpu.alive()) {
    if (category !== 'renderer') continue;
    const t = mainThreadTicks(pid);
    if (t !== null) ticks.set(pid, t);
  }
  return ticks;
}

/**
 * PSS in MB summed per process category.
 * @param {Array<{ pid: number, category: string }>} procs
 * @returns {Record<string, number>}
 */
function pssByCategory(procs) {
  /** @type {Record<string, number>} */
  const mb = {};
  for (const { pid, category } of procs) mb[category] = (mb[category] ?? 0) + (readPssKb(pid) ?? 0) / 1024;
  return mb;
}
