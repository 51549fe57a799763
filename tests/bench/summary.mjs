// @ts-check
// From runs to reported numbers: the baselines' mean, PSS slopes and series, and one extension run's summary.
import { slope } from './proc.mjs';
import { round } from './util.mjs';

/** @typedef {import('./runs.mjs').RunResult} RunResult */

/**
 * The mean of the baseline runs (one before and one after the extension runs, so drift cancels).
 * @param {RunResult[]} runs
 * @returns {RunResult}
 */
export function meanBaseline(runs) {
  const mean = (/** @type {(r: RunResult) => number} */ f) => runs.reduce((sum, r) => sum + f(r), 0) / runs.length;
  const meanMap = (/** @type {(r: RunResult) => Record<string, number>} */ f) =>
    Object.fromEntries([...new Set(runs.flatMap((r) => Object.keys(f(r))))].map((k) => [k, mean((r) => f(r)[k] ?? 0)]));
  const first = /** @type {RunResult} */ (runs[0]);
  return {
    ...first,
    seconds: mean((r) => r.seconds),
    cpuPct: mean((r) => r.cpuPct),
    pageMainMs: mean((r) => r.pageMainMs),
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
 * Least-squares growth in MB/min of some categories' PSS over the second half of the window.
 * @param {RunResult} run
 * @param {(category: string) => boolean} which
 */
export function pssSlope(run, which) {
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
export const pssSeries = (run, which) =>
  run.pssSamples.map(({ t, mb }) => [
    round(t, 0),
    round(
      Object.entries(mb).reduce((sum, [c, v]) => (which(c) ? sum + v : sum), 0),
      0,
    ),
  ]);

export const isExt = (/** @type {string} */ c) => c === 'extension';
export const isPage = (/** @type {string} */ c) => c === 'renderer';
export const isAny = () => true;

/**
 * The reported fields of one extension run against the baseline (and the bare run at its rate, if any).
 * @param {RunResult} run
 * @param {RunResult} base
 * @param {RunResult | null} [bareRun]
 */
export function summarize(run, base, bareRun = null) {
  const coach = run.pipeline?.coach ?? null;
  const framesInWindow = run.windowFps !== null ? run.windowFps * run.seconds : null;
  // the baseline scaled to this run's length (a soak may run its baselines shorter: --base-seconds)
  const scale = base.seconds > 0 ? run.seconds / base.seconds : 1;
  const baseMainMs = base.pageMainMs * scale;
  const cpuPct = run.cpuPct - base.cpuPct;
  const bareCpuPct = bareRun ? bareRun.cpuPct - base.cpuPct : null;
  // processMsPerS: audio-thread ms per second of audio, so /1000*100 = % of one core.
  const audioMsPerS = coach?.conversation?.processMsPerS ?? null;
  return {
    analysisFps: run.analysisFps,
    fps: coach?.fps ?? null,
    window_fps: round(run.windowFps, 2),
    detect_ms_p50: coach?.detectMsP50 ?? null,
    detect_ms_p95: coach?.detectMsP95 ?? null,
    cpu_pct: round(cpuPct),
    bare_ratio: bareCpuPct !== null && bareCpuPct > 0 ? round(cpuPct / bareCpuPct, 2) : null,
    bare_cpu_pct: round(bareCpuPct),
    bare_fps: round(bareRun?.bare?.fps, 2),
    bare_detect_ms_p50: round(bareRun?.bare?.p50),
    bare_detect_ms_p95: round(bareRun?.bare?.p95),
    bare_face_share: round(bareRun?.bare?.faceShare, 2),
    audio_cpu_pct: audioMsPerS === null ? null : round(audioMsPerS / 10, 2),
    page_main_ms_per_frame: framesInWindow ? round((run.pageMainMs - baseMainMs) / framesInWindow, 2) : null,
    page_main_cpu_pct: round((run.pageMainMs / 1000 / run.seconds) * 100),
    page_main_cpu_delta_pct: round(((run.pageMainMs - baseMainMs) / 1000 / run.seconds) * 100),
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
    cold_start_steps: coldStartSteps(run.pipeline),
    open_to_first_face_ms: round(run.openToFirstFaceMs, 0),
    presence_at_end: coach?.presence ?? null,
    ext_processes: run.extProcessCount,
    page_renderers: run.rendererCount,
    page_long_tasks: run.longTasks.installed && base.longTasks.installed ? round(run.longTasks.count - base.longTasks.count * scale) : null,
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
 * Where the cold start went: each step of the coach's start (CoachMetrics.startup) in ms after the
 * camera went live, e.g. { page: 310, hello: 420, ..., first_face: 6300 }.
 * @param {any} pipeline the diagnostics entry of the call
 */
export function coldStartSteps(pipeline) {
  const live = pipeline?.taps?.cameraLiveAt;
  const startup = pipeline?.coach?.startup;
  if (typeof live !== 'number' || !startup) return null;
  const at = (/** @type {unknown} */ t) => (typeof t === 'number' ? Math.round(t - live) : null);
  return {
    page: at(startup.pageAt),
    hello: at(startup.helloAt),
    verified: at(startup.verifiedAt),
    model_start: at(startup.modelStartAt),
    ready: at(startup.readyAt),
    first_frame: at(startup.firstFrameAt),
    first_result: at(startup.firstResultAt),
    first_face: at(pipeline.coach.firstFaceAt),
  };
}
