// @ts-check
// `npm run bench`: what Webside costs on a call, measured in real Chromium against the same call without it.
//   --seconds N   measured window per run (default 60)
//   --base-seconds N  the baselines' window (default: --seconds); the soak: --seconds 1800 --base-seconds 60
//   --fps 5,10    analysis rates to measure (default 5,10); the first of them, or 5, is the headline
//   --no-build    load dist/ as it is (otherwise `vite build` first)
//   --no-bare     skip the bare FaceLandmarker runs (bare_ratio is then null)
// In one invocation, so that machine noise mostly cancels: a baseline run (the same call, no extension), one
// extension run per rate, one bare FaceLandmarker run per rate (the same call, no extension, FaceLandmarker fed
// the call's camera at that rate with no glue: bare.mjs), and a second baseline run; deltas are against the
// baselines' mean, and bare_ratio = the extension's CPU delta / the bare run's CPU delta. Each run is a
// fresh Chromium: call started, ~8 s warm-up, then CPU (utime+stime of the whole process tree from /proc)
// and PSS over the window; diagnostics are read after the window (their page costs CPU, so it stays shut).
// Progress goes to stderr; stdout gets a table and, last, one JSON line.
// Modules: cli.mjs (flags), runs.mjs (one run), browser.mjs (what runs in the browser), proc.mjs (/proc),
// summary.mjs (means, slopes, summaries), report.mjs (tables and JSON), util.mjs (errors, timeouts, cleanups).
/* global process, console */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { deriveWav, deriveY4m, repoRoot, sharedDir } from '../../src/tools/media.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import { startBareServer } from './bare.mjs';
import { parseOptions } from './cli.mjs';
import { report } from './report.mjs';
import { distDir, measure } from './runs.mjs';
import { BenchError, owed, payAll, payAllOnSignals, say } from './util.mjs';

/** @typedef {import('./runs.mjs').RunResult} RunResult */

const options = parseOptions();
payAllOnSignals();

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
  const bareServer = await startBareServer(distDir);
  const closeServer = async () => {
    await server.close();
    await bareServer.close();
  };
  owed.add(closeServer);
  /** @type {RunResult[]} */
  const baseRuns = [];
  /** @type {RunResult[]} */
  const runs = [];
  /** @type {RunResult[]} */
  const bareRuns = [];
  try {
    const common = { video, audio, url: server.url, seconds: options.seconds };
    // Baseline before and after the other runs: their mean cancels drift, their gap shows the noise.
    const baseline = { ...common, seconds: options.baseSeconds, analysisFps: null };
    baseRuns.push(await measure(baseline));
    for (const analysisFps of options.rates) runs.push(await measure({ ...common, analysisFps }));
    if (options.bare) {
      for (const bareFps of options.rates) bareRuns.push(await measure({ ...common, analysisFps: null, bareFps, bareUrl: bareServer.url }));
    }
    baseRuns.push(await measure(baseline));
  } finally {
    owed.delete(closeServer);
    await closeServer();
  }
  report(options, baseRuns, runs, bareRuns);
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
