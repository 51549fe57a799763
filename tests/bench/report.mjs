// @ts-check
// The benchmark's report on stdout: the readable tables, then, last, one JSON line.
/* global console */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { chromiumPath } from '../../src/tools/chromium.mjs';
import { isPage, meanBaseline, pssSeries, pssSlope, summarize } from './summary.mjs';
import { round } from './util.mjs';

/** @typedef {import('./runs.mjs').RunResult} RunResult */

const HEADLINE_FPS = 5;

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

/**
 * Prints the report of one invocation: tables, then the JSON line.
 * @param {{ seconds: number }} options
 * @param {RunResult[]} baseRuns the baseline runs, before and after
 * @param {RunResult[]} runs the extension runs, one per rate
 * @param {RunResult[]} [bareRuns] the bare FaceLandmarker runs, one per rate (none with --no-bare)
 */
export function report(options, baseRuns, runs, bareRuns = []) {
  const base = meanBaseline(baseRuns);
  const baseSlopes = baseRuns.map((r) => pssSlope(r, isPage)).filter((x) => x !== null);
  const basePageSlope = baseSlopes.length ? baseSlopes.reduce((a, b) => a + b, 0) / baseSlopes.length : null;

  const summaries = runs.map((run) =>
    summarize(
      run,
      base,
      bareRuns.find((b) => b.bareFps === run.analysisFps),
    ),
  );
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
        'main ms/f',
        'audio %',
        'bare ×',
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
          null,
          null,
          null,
        ]),
        ...bareRuns.map((b) => [
          `bare FL @ ${b.bareFps} fps`,
          null,
          round(b.bare?.fps, 2),
          round(b.bare?.p50),
          round(b.bare?.p95),
          round(b.cpuPct - base.cpuPct),
          null,
          round((b.cpuByCategory.renderer ?? 0) - (base.cpuByCategory.renderer ?? 0)),
          null,
          null,
          round((b.pssByCategoryMb.renderer ?? 0) - (base.pssByCategoryMb.renderer ?? 0), 0),
          round(pssSlope(b, isPage)),
          round(b.pssTotalMb - base.pssTotalMb, 0),
          null,
          null,
          b.longTasks.count,
          null,
          null,
          null,
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
          s.page_main_ms_per_frame,
          s.audio_cpu_pct,
          s.bare_ratio,
        ]),
      ],
    ),
  );
  out.push(
    '(baseline rows are absolute: CPU % = whole browser, page Δ% = its page renderer CPU, page PSS Δ = its page renderer PSS, PSS Δ = total PSS)',
  );
  out.push(
    '(bare FL rows: the same call with FaceLandmarker fed its camera at that rate and nothing else, minus the baselines; bare × = ext CPU % / bare CPU %)',
  );
  out.push(
    "(main ms/f: the page renderers' main-thread CPU minus the baselines', per analysed frame; audio %: the coach's processMsPerS / 10, – when not reported)",
  );
  for (const s of summaries)
    if (s.cold_start_steps)
      out.push(
        `Cold start @${s.analysisFps} fps, ms after the camera went live: ${Object.entries(s.cold_start_steps)
          .map(([k, v]) => `${k} ${v}`)
          .join(' · ')}`,
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
      page_long_tasks: s.page_long_tasks,
      page_main_ms_per_frame: s.page_main_ms_per_frame,
      pss_mb: s.pss_mb,
      pss_slope_mb_per_min: s.pss_slope_mb_per_min,
      cold_start_ms: s.cold_start_ms,
      model_load_ms: s.model_load_ms,
      cold_start_steps: s.cold_start_steps,
      audio_cpu_pct: s.audio_cpu_pct,
      bare_ratio: s.bare_ratio,
      bare_cpu_pct: s.bare_cpu_pct,
      seconds: s.seconds,
    };
  const json = {
    analysisFps: headline?.analysisFps ?? null,
    ...pick(headline),
    runs: summaries,
    baseline: {
      cpu_pct: round(base.cpuPct),
      cpu_pct_runs: baseRuns.map((b) => round(b.cpuPct)),
      page_main_cpu_pct: round((base.pageMainMs / 1000 / base.seconds) * 100),
      cpu_by_category_pct: Object.fromEntries(Object.entries(base.cpuByCategory).map(([k, v]) => [k, round(v)])),
      pss_total_mb: round(base.pssTotalMb),
      page_pss_mb: round(base.pssByCategoryMb.renderer ?? 0),
      page_pss_slope_mb_per_min: round(basePageSlope),
      page_long_tasks_runs: baseRuns.map((b) => b.longTasks.count),
      seconds: round(base.seconds, 1),
    },
    detect_ms_source: 'diagnostics at the end of the window: the last 100 analysed frames',
    load_avg: os.loadavg().map((x) => round(x, 2)),
    machine: { cores, cpu: os.cpus()[0]?.model ?? 'unknown', chromium },
  };
  console.log(JSON.stringify(json));
}
