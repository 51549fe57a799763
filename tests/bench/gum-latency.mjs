// @ts-check
// What the probe adds to getUserMedia, in one Chromium with Webside loaded: the same page served at
// http://localhost (a call-site pattern: the probe wraps getUserMedia) and at http://[::1] (a secure
// context no pattern matches: no probe), calls interleaved pair by pair so machine noise hits both.
//   node tests/bench/gum-latency.mjs [--calls N] [--no-build]      (default 100 calls per side)
// Prints the medians, the median of the paired differences, and one JSON line.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { launchChromium } from '../../src/tools/chromium.mjs';
import { repoRoot } from '../../src/tools/media.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';

const argv = process.argv.slice(2);
const callsAt = argv.indexOf('--calls');
const calls = callsAt >= 0 ? Number(argv[callsAt + 1]) : 100;
if (!Number.isInteger(calls) || calls < 5) throw new Error('--calls needs a whole number ≥ 5');
if (!argv.includes('--no-build')) {
  const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('vite build failed');
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
/** @param {number[]} xs @param {number} q */
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

const server = await startDemoServer({ port: 0, host: '::' });
const port = new URL(server.url).port;
const { context, close } = await launchChromium({ extensionDir: `${repoRoot}/dist` });
try {
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker', { timeout: 30_000 });
  /** @param {string} origin */
  const open = async (origin) => {
    const page = await context.newPage();
    await page.goto(`${origin}:${port}/?nocall=1`);
    const probed = await page.evaluate(() => Symbol.for('webside.probe') in window);
    return { page, probed };
  };
  const withProbe = await open('http://localhost');
  const without = await open('http://[::1]');
  if (!withProbe.probed || without.probed) throw new Error(`probe where expected? localhost ${withProbe.probed}, [::1] ${without.probed}`);
  /** @param {import('playwright-core').Page} page */
  const once = (page) =>
    page.evaluate(async () => {
      const t0 = performance.now();
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      const ms = performance.now() - t0;
      stream.getTracks().forEach((t) => t.stop());
      return ms;
    });
  // Warm-up: the first calls open the fake device.
  for (let i = 0; i < 3; i++) {
    await once(withProbe.page);
    await once(without.page);
  }
  /** @type {number[]} */ const a = [];
  /** @type {number[]} */ const b = [];
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      a.push(await once(withProbe.page));
      b.push(await once(without.page));
    } else {
      b.push(await once(without.page));
      a.push(await once(withProbe.page));
    }
  }
  const paired = a.map((x, i) => x - (b[i] ?? NaN));
  const result = {
    calls,
    withMedianMs: median(a),
    withoutMedianMs: median(b),
    addedMedianMs: median(a) - median(b),
    pairedMedianMs: median(paired),
    withP90Ms: quantile(a, 0.9),
    withoutP90Ms: quantile(b, 0.9),
  };
  console.info(
    `getUserMedia over ${calls} interleaved calls: median ${result.withoutMedianMs.toFixed(2)} ms without the probe, ` +
      `${result.withMedianMs.toFixed(2)} ms with it; added ${result.addedMedianMs.toFixed(2)} ms ` +
      `(median of paired differences ${result.pairedMedianMs.toFixed(2)} ms)`,
  );
  console.info(JSON.stringify(result));
} finally {
  await close();
  await server.close();
}
