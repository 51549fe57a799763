// @ts-check
// `npm run bench`: what Webside costs on a call, measured in real Chromium against the same call without it.
//   --seconds N   measured window per run (default 60)
//   --fps 5,10    analysis rates to measure (default 5,10); the first of them, or 5, is the headline
//   --no-build    load dist/ as it is (otherwise `vite build` first)
// In one invocation, so that machine noise mostly cancels: a baseline run (the same call, no extension), one
// extension run per rate, and a second baseline run; deltas are against the baselines' mean. Each run is a
// fresh Chromium: call started, ~8 s warm-up, then CPU (utime+stime of the whole process tree from /proc)
// and PSS over the window; diagnostics are read after the window (their page costs CPU, so it stays shut).
// Progress goes to stderr; stdout gets a table and, last, one JSON line.
/* global process, console, setTimeout, clearTimeout, performance, PerformanceObserver, window, location, chrome */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromiumPath, launchChromium } from '../../src/tools/chromium.mjs';
import { deriveWav, deriveY4m, repoRoot, sharedDir } from '../../src/tools/media.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import { CpuWindow, findBrowserPid, processTree, readPssKb, readStat, slope } from './proc.mjs';

const WARMUP_MS = 8000;
const SAMPLE_EVERY_MS = 1000;
const PSS_EVERY_S = 5;
const HEADLINE_FPS = 5;
const distDir = path.join(repoRoot, 'dist');

/** A failure with a message meant for the user (no stack trace). */
class BenchError extends Error {}

// ------------------------------------------------------------------------------------------------ flags

const USAGE = 'usage: node tests/bench/bench.mjs [--seconds N] [--fps 5,10] [--no-build]';
/** @type {{ seconds: number, rates: number[], build: boolean }} */
let options;
try {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      fps: { type: 'string', default: '5,10' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seconds = Number(values.seconds);
  if (!(seconds >= 5 && seconds <= 3600)) throw new BenchError(`--seconds wants a number from 5 to 3600, not "${values.seconds}".`);
  const rates = values.fps.split(',').map((s) => Number(s.trim()));
  if (rates.length === 0 || rates.some((r) => !Number.isInteger(r) || r < 1 || r > 15)) {
    throw new BenchError(`--fps wants a comma-separated list of whole rates from 1 to 15 (the settings' range), not "${values.fps}".`);
  }
  options = { seconds, rates: [...new Set(rates)], build: !values['no-build'] };
} catch (err) {
  console.error(`✗ ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------- helpers

/** @param {string} message */
const say = (message) => console.error(`• ${message}`);

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what  "… did not happen within N s"
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new BenchError(`${what} did not happen within ${(ms / 1000).toFixed(0)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** @param {number | null | undefined} x @param {number} [digits] */
const round = (x, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** Cleanups still owed (browser, profile, server), run on error, on Ctrl+C and at the end. */
/** @type {Set<() => Promise<void>>} */
const owed = new Set();
async function payAll() {
  for (const cleanup of [...owed].reverse()) {
    owed.delete(cleanup);
    await cleanup().catch((err) => console.error(`! cleanup: ${err instanceof Error ? err.message : String(err)}`));
  }
}
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.error(`\n✗ Interrupted (${signal}): cleaning up.`);
    void payAll().finally(() => process.exit(130));
  });
}

// -------------------------------------------------------------------------------------- in the browser

/** Counts the call page's long tasks (>50 ms by definition) from before its first script. Top frame only. */
function longTaskRecorder() {
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
async function longTasksBetween(page, from, to) {
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
const pageNow = (page) =>
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
async function readDiagnostics(context, extensionId, ready, timeoutMs) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/src/ui/diagnostics/diagnostics.html`, { timeout: 10_000 });
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
async function framesFromServiceWorker(context) {
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

// ----------------------------------------------------------------------------------------------- a run

/**
 * @typedef {object} RunResult
 * @property {number | null} analysisFps null for the baseline
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
 * One Chromium, one call: warm up, measure, read diagnostics, close.
 * @param {{ analysisFps: number | null, video: string, audio: string, url: string, seconds: number }} run
 * @returns {Promise<RunResult>}
 */
async function measure({ analysisFps, video, audio, url, seconds }) {
  const extension = analysisFps !== null;
  const label = extension ? `extension @ ${analysisFps} fps` : 'baseline (no extension)';
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
    await page.goto(`${url}?autostart=1`, { timeout: 15_000 });
    const callState = await page
      .waitForFunction(
        () => {
          const state = /** @type {{ __demo?: { state: string } }} */ (/** @type {unknown} */ (window)).__demo?.state;
          return state === 'in-call' || state === 'error' ? state : null;
        },
        undefined,
        { timeout: 20_000, polling: 200 },
      )
      .then((handle) => handle.jsonValue())
      .catch(() => 'timeout');
    if (callState !== 'in-call') throw new BenchError(`${label}: the demo call did not start (state: ${callState}).`);

    if (extension && extensionId) {
      const live = await readDiagnostics(
        context,
        extensionId,
        (s) => s.calls.some((c) => c.coach?.state === 'live' && c.coach.frames > 0),
        30_000,
      );
      if (!live.ready) {
        const coach = live.state?.calls[0]?.coach;
        throw new BenchError(
          `${label}: the coach never went live within 30 s (calls: ${live.state?.calls.length ?? 'no diagnostics'}, coach state: ${coach?.state ?? 'none'}, ` +
            `frames: ${coach?.frames ?? 0}, error: ${coach?.lastError ?? live.state?.lastError ?? 'none'}).`,
        );
      }
      await page.bringToFront();
    }
    say(`${label}: in call, warming up ${WARMUP_MS / 1000} s`);
    await sleep(WARMUP_MS);

    // ---- the window
    say(`${label}: measuring ${seconds} s`);
    const framesAtStart = extension ? await framesFromServiceWorker(context) : null;
    const pageFrom = await pageNow(page);
    const cpu = new CpuWindow(browserPid);
    cpu.start();
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
    const pageTo = await pageNow(page);
    const framesAtEnd = extension ? await framesFromServiceWorker(context) : null;
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
      const end = await readDiagnostics(context, extensionId, (s) => s.calls.some((c) => c.coach !== null), 10_000);
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
 * The mean of the baseline runs (one before and one after the extension runs, so drift cancels).
 * @param {RunResult[]} runs
 * @returns {RunResult}
 */
function meanBaseline(runs) {
  const mean = (/** @type {(r: RunResult) => number} */ f) => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
  const meanMap = (/** @type {(r: RunResult) => Record<string, number>} */ f) =>
    Object.fromEntries([...new Set(runs.flatMap((r) => Object.keys(f(r))))].map((k) => [k, mean((r) => f(r)[k] ?? 0)]));
  const first = /** @type {RunResult} */ (runs[0]);
  return {
    ...first,
    seconds: mean((r) => r.seconds),
    cpuPct: mean((r) => r.cpuPct),
    cpuByCategory: meanMap((r) => r.cpuByCategory),
    pssTotalMb: mean((r) => r.pssTotalMb),
    pssByCategoryMb: meanMap((r) => r.pssByCategoryMb),
    pssSamples: [],
    longTasks: {
      installed: runs.every((r) => r.longTasks.installed),
      count: mean((r) => r.longTasks.count),
      ms: mean((r) => r.longTasks.ms),
      max: Math.max(...runs.map((r) => r.longTasks.max)),
    },
  };
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

/**
 * Least-squares growth in MB/min of some categories' PSS over the second half of the window.
 * @param {RunResult} run
 * @param {(category: string) => boolean} which
 */
function pssSlope(run, which) {
  /** @type {Array<[number, number]>} */
  const points = run.pssSamples
    .filter(({ t }) => t >= run.seconds / 2 - 0.5)
    .map(({ t, mb }) => [t, Object.entries(mb).reduce((sum, [c, v]) => (which(c) ? sum + v : sum), 0)]);
  const perSecond = slope(points);
  return perSecond === null ? null : perSecond * 60;
}

/**
 * The samples of some categories' PSS, [s, MB].
 * @param {RunResult} run
 * @param {(category: string) => boolean} which
 */
const pssSeries = (run, which) =>
  run.pssSamples.map(({ t, mb }) => [
    round(t, 0),
    round(
      Object.entries(mb).reduce((sum, [c, v]) => (which(c) ? sum + v : sum), 0),
      0,
    ),
  ]);

const isExt = (/** @type {string} */ c) => c === 'extension';
const isPage = (/** @type {string} */ c) => c === 'renderer';
const isAny = () => true;

// ----------------------------------------------------------------------------------------------- report

/**
 * The reported fields of one extension run against the baseline.
 * @param {RunResult} run
 * @param {RunResult} base
 */
function summarize(run, base) {
  const coach = run.pipeline?.coach ?? null;
  return {
    analysisFps: run.analysisFps,
    fps: coach?.fps ?? null,
    window_fps: round(run.windowFps, 2),
    detect_ms_p50: coach?.detectMsP50 ?? null,
    detect_ms_p95: coach?.detectMsP95 ?? null,
    cpu_pct: round(run.cpuPct - base.cpuPct),
    ext_proc_cpu_pct: round(run.cpuByCategory.extension ?? 0),
    page_renderer_cpu_pct: round(run.cpuByCategory.renderer ?? 0),
    page_renderer_cpu_delta_pct: round((run.cpuByCategory.renderer ?? 0) - (base.cpuByCategory.renderer ?? 0)),
    pss_mb: round(run.pssByCategoryMb.extension ?? 0),
    pss_total_delta_mb: round(run.pssTotalMb - base.pssTotalMb),
    pss_slope_mb_per_min: round(pssSlope(run, isExt)),
    page_pss_mb: round(run.pssByCategoryMb.renderer ?? 0),
    page_pss_delta_mb: round((run.pssByCategoryMb.renderer ?? 0) - (base.pssByCategoryMb.renderer ?? 0)),
    page_pss_slope_mb_per_min: round(pssSlope(run, isPage)),
    pss_total_slope_mb_per_min: round(pssSlope(run, isAny)),
    cold_start_ms: run.pipeline?.coach?.coldStartMs ?? null,
    model_load_ms: coach?.modelLoadMs ?? null,
    open_to_first_face_ms: round(run.openToFirstFaceMs, 0),
    presence_at_end: coach?.presence ?? null,
    ext_processes: run.extProcessCount,
    page_renderers: run.rendererCount,
    page_long_tasks: run.longTasks.installed && base.longTasks.installed ? round(run.longTasks.count - base.longTasks.count) : null,
    page_long_tasks_ext: run.longTasks.count,
    page_long_tasks_base: base.longTasks.count,
    page_long_task_ms_ext: round(run.longTasks.ms, 0),
    page_long_task_max_ms_ext: round(run.longTasks.max, 0),
    frames: coach?.frames ?? null,
    seconds: round(run.seconds, 1),
    cpu_by_category_pct: Object.fromEntries(Object.entries(run.cpuByCategory).map(([k, v]) => [k, round(v)])),
    pss_by_category_mb: Object.fromEntries(Object.entries(run.pssByCategoryMb).map(([k, v]) => [k, round(v)])),
    ext_pss_samples_mb: pssSeries(run, isExt),
    page_pss_samples_mb: pssSeries(run, isPage),
  };
}

/**
 * @param {string[]} header
 * @param {Array<Array<string | number | null>>} rows
 */
function table(header, rows) {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? '–' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

function chromiumVersionFromBinary() {
  try {
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

// ------------------------------------------------------------------------------------------------- main

async function main() {
  if (process.platform !== 'linux') throw new BenchError('The benchmark reads /proc: it runs on Linux only.');
  const shared = sharedDir();
  if (!shared) {
    throw new BenchError(
      'The shared folder was not found (../shared beside the repo, or set WEBSIDE_SHARED): the benchmark needs its face video, speech and face model.',
    );
  }
  const videoSrc = path.join(shared, 'media', 'faces', 'WolfgangLanger_Pexels.mp4');
  const audioSrc = path.join(shared, 'media', 'audio', 'speech', 'silero_test.wav');
  for (const file of [videoSrc, audioSrc]) if (!fs.existsSync(file)) throw new BenchError(`Benchmark media is missing: ${file}`);

  if (options.build) {
    const model = process.env.WEBSIDE_FACE_MODEL || path.join(shared, 'models', 'face_landmarker.task');
    say(`Building the extension (vite build, WEBSIDE_FACE_MODEL=${model})…`);
    // vite's output goes to stderr: stdout is for the report.
    const build = spawnSync('npx', ['vite', 'build'], {
      cwd: repoRoot,
      env: { ...process.env, WEBSIDE_FACE_MODEL: model },
      stdio: ['ignore', 2, 2],
      timeout: 600_000,
    });
    if (build.status !== 0) throw new BenchError(`The build failed (exit ${build.status ?? build.signal ?? build.error?.message}).`);
  }
  if (!fs.existsSync(path.join(distDir, 'manifest.json')))
    throw new BenchError('dist/manifest.json is missing: run without --no-build to build the extension.');

  say('Preparing the fake camera (640x480, 30 fps y4m) and mic…');
  const [video, audio] = await Promise.all([
    deriveY4m(videoSrc, { width: 640, height: 480, fps: 30, name: 'therapist-face-640x480' }),
    deriveWav(audioSrc, { rate: 48000, name: 'therapist-voice-48k' }),
  ]);

  const server = await startDemoServer({ port: 0 });
  const closeServer = () => server.close();
  owed.add(closeServer);
  /** @type {RunResult[]} */
  const baseRuns = [];
  /** @type {RunResult[]} */
  const runs = [];
  try {
    const common = { video, audio, url: server.url, seconds: options.seconds };
    // Baseline before and after the extension runs: their mean cancels drift, their gap shows the noise.
    baseRuns.push(await measure({ ...common, analysisFps: null }));
    for (const analysisFps of options.rates) runs.push(await measure({ ...common, analysisFps }));
    baseRuns.push(await measure({ ...common, analysisFps: null }));
  } finally {
    owed.delete(closeServer);
    await closeServer();
  }
  const base = meanBaseline(baseRuns);
  const baseSlopes = baseRuns.map((r) => pssSlope(r, isPage)).filter((x) => x !== null);
  const basePageSlope = baseSlopes.length ? baseSlopes.reduce((a, b) => a + b, 0) / baseSlopes.length : null;

  const summaries = runs.map((run) => summarize(run, base));
  const cores = os.cpus().length;
  const chromium =
    runs[0]?.chromiumVersion ||
    base.chromiumVersion ||
    chromiumVersionFromBinary()
      .replace(/^Chromium\s+/, '')
      .split(' ')[0] ||
    'unknown';

  // ---- the readable report
  const out = [];
  out.push(
    `Webside benchmark: ${options.seconds} s windows, ${cores} cores, Chromium ${chromium}, camera 640x480@30 (WolfgangLanger_Pexels), mic silero_test`,
  );
  out.push('CPU, PSS Δ and long tasks: extension run minus the mean of the two baseline runs (before and after).');
  out.push("fps: coach's last 3 s at the end; win fps: frames analysed in the window / window; p50/p95: the last 100 frames at the end.");
  out.push('');
  out.push(
    table(
      [
        'run',
        'fps',
        'win fps',
        'p50 ms',
        'p95 ms',
        'CPU %',
        'ext %',
        'page Δ%',
        'ext PSS MB',
        'MB/min',
        'page PSS Δ',
        'MB/min',
        'PSS Δ MB',
        'cold ms',
        'model ms',
        'long tasks',
      ],
      [
        ...baseRuns.map((b, i) => [
          `baseline ${i === 0 ? 'before' : 'after'}`,
          null,
          null,
          null,
          null,
          round(b.cpuPct),
          null,
          round(b.cpuByCategory.renderer ?? 0),
          null,
          null,
          round(b.pssByCategoryMb.renderer ?? 0, 0),
          round(pssSlope(b, isPage)),
          round(b.pssTotalMb, 0),
          null,
          null,
          b.longTasks.count,
        ]),
        ...summaries.map((s) => [
          `ext @ ${s.analysisFps} fps`,
          s.fps,
          s.window_fps,
          s.detect_ms_p50,
          s.detect_ms_p95,
          s.cpu_pct,
          s.ext_proc_cpu_pct,
          s.page_renderer_cpu_delta_pct,
          s.pss_mb,
          s.pss_slope_mb_per_min,
          s.page_pss_delta_mb,
          s.page_pss_slope_mb_per_min,
          s.pss_total_delta_mb,
          s.cold_start_ms,
          s.model_load_ms,
          `${s.page_long_tasks} (${s.page_long_tasks_ext}-${s.page_long_tasks_base})`,
        ]),
      ],
    ),
  );
  out.push(
    '(baseline rows are absolute: CPU % = whole browser, page Δ% = its page renderer CPU, page PSS Δ = its page renderer PSS, PSS Δ = total PSS)',
  );
  out.push('');
  const categories = [...new Set([base, ...runs].flatMap((r) => Object.keys(r.cpuByCategory)))].sort();
  out.push('Where the CPU goes (% of one core over the window; baseline = mean (before/after); PSS MB at the end):');
  out.push(
    table(
      ['process', 'baseline', ...runs.map((r) => `@${r.analysisFps} fps`), 'PSS base', ...runs.map((r) => `PSS @${r.analysisFps}`)],
      categories.map((c) => [
        c,
        `${round(base.cpuByCategory[c] ?? 0)} (${baseRuns.map((b) => round(b.cpuByCategory[c] ?? 0)).join('/')})`,
        ...runs.map((r) => round(r.cpuByCategory[c] ?? 0)),
        round(base.pssByCategoryMb[c] ?? 0, 0),
        ...runs.map((r) => round(r.pssByCategoryMb[c] ?? 0, 0)),
      ]),
    ),
  );
  out.push('');
  const series = (/** @type {Array<Array<number | null>>} */ points) => points.map(([t, mb]) => `${t}s:${mb}`).join(' ');
  out.push('PSS over the window (MB; slopes are least squares over the second half):');
  for (const [i, b] of baseRuns.entries()) {
    out.push(
      `  baseline ${i === 0 ? 'before' : 'after '} page renderer: ${series(pssSeries(b, isPage))}  (${round(pssSlope(b, isPage))} MB/min)`,
    );
  }
  for (const s of summaries) {
    out.push(`  @${s.analysisFps} fps extension:              ${series(s.ext_pss_samples_mb)}  (${s.pss_slope_mb_per_min} MB/min)`);
    out.push(`  @${s.analysisFps} fps page renderer:          ${series(s.page_pss_samples_mb)}  (${s.page_pss_slope_mb_per_min} MB/min)`);
  }
  console.log(out.join('\n'));

  // ---- the machine-readable line, last on stdout
  const headline = summaries.find((s) => s.analysisFps === HEADLINE_FPS) ?? summaries[0];
  const pick = (/** @type {ReturnType<typeof summarize> | undefined} */ s) =>
    s && {
      fps: s.fps,
      detect_ms_p50: s.detect_ms_p50,
      detect_ms_p95: s.detect_ms_p95,
      cpu_pct: s.cpu_pct,
      ext_proc_cpu_pct: s.ext_proc_cpu_pct,
      pss_mb: s.pss_mb,
      pss_slope_mb_per_min: s.pss_slope_mb_per_min,
      cold_start_ms: s.cold_start_ms,
      model_load_ms: s.model_load_ms,
      page_long_tasks: s.page_long_tasks,
      seconds: s.seconds,
    };
  const json = {
    analysisFps: headline?.analysisFps ?? null,
    ...pick(headline),
    runs: summaries,
    baseline: {
      cpu_pct: round(base.cpuPct),
      cpu_pct_runs: baseRuns.map((b) => round(b.cpuPct)),
      cpu_by_category_pct: Object.fromEntries(Object.entries(base.cpuByCategory).map(([k, v]) => [k, round(v)])),
      pss_total_mb: round(base.pssTotalMb),
      page_pss_mb: round(base.pssByCategoryMb.renderer ?? 0),
      page_pss_slope_mb_per_min: round(basePageSlope),
      page_long_tasks_runs: baseRuns.map((b) => b.longTasks.count),
      seconds: round(base.seconds, 1),
    },
    detect_ms_source: 'diagnostics at the end of the window: the last 100 analysed frames',
    machine: { cores, cpu: os.cpus()[0]?.model ?? 'unknown', chromium },
  };
  console.log(JSON.stringify(json));
}

try {
  await main();
} catch (err) {
  await payAll();
  if (err instanceof BenchError) console.error(`✗ ${err.message}`);
  else console.error('✗ The benchmark failed:', err);
  process.exit(1);
}
await payAll();
