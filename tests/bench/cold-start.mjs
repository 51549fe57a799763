// @ts-check
// Cold start, step by step (issue 7: camera live → first face ≤ 1500 ms): a fresh Chromium with the
// built extension per try, the demo call started, and the coach's own marks read from diagnostics —
// when its page began loading, got the bridge's hello, had it confirmed, began and finished loading the
// model, and analysed its first frame and first face — in ms after the camera went live.
//   node tests/bench/cold-start.mjs [--tries 3]   (uses dist/ as built: `npm run build` first)
/* global console, process */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { launchChromium } from '../../src/tools/chromium.mjs';
import { deriveY4m, sharedDir } from '../../src/tools/media.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import { readDiagnostics } from './browser.mjs';
import { distDir } from './runs.mjs';
import { coldStartSteps } from './summary.mjs';
import { say, sleep } from './util.mjs';

const { values } = parseArgs({ options: { tries: { type: 'string', default: '3' } } });
const tries = Number(values.tries);
const shared = sharedDir();
if (!shared) {
  console.error('✗ The shared folder was not found (../shared or WEBSIDE_SHARED): the cold start needs its face video.');
  process.exit(1);
}
const video = await deriveY4m(path.join(shared, 'media', 'faces', 'single_face.mp4'), { name: 'selfie' });
const server = await startDemoServer({ port: 0 });
/** @type {Array<Record<string, number | null>>} */
const rows = [];
try {
  for (let i = 0; i < tries; i++) {
    const { context, close } = await launchChromium({ extensionDir: distDir, video });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const extensionId = new URL(worker.url()).host;
      await sleep(1000); // the service worker settles, as on a machine where the browser has been open a while
      const page = await context.newPage();
      await page.goto(`${server.url}?autostart=1`);
      const { state } = await readDiagnostics(context, extensionId, (s) => s.calls.some((c) => c.coach?.firstFaceAt), 60_000);
      const call = state?.calls.find((c) => c.coach) ?? null;
      const steps = coldStartSteps(call);
      say(`try ${i + 1}: ${JSON.stringify(steps)}`);
      if (steps) rows.push(steps);
    } finally {
      await close();
    }
  }
} finally {
  await server.close();
}
const median = (/** @type {number[]} */ xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const keys = rows[0] ? Object.keys(rows[0]) : [];
console.log(`Cold start, ms after the camera went live (median of ${rows.length}):`);
for (const k of keys) {
  const xs = rows.map((r) => r[k]).filter((x) => typeof x === 'number');
  console.log(`  ${k.padEnd(13)} ${String(median(/** @type {number[]} */ (xs))).padStart(6)}   (${xs.join(', ')})`);
}
console.log(
  JSON.stringify({
    cold_start_steps_median: Object.fromEntries(
      keys.map((k) => [k, median(/** @type {number[]} */ (rows.map((r) => r[k]).filter((x) => typeof x === 'number')))]),
    ),
  }),
);
