// @ts-check
// Where the call page's main thread goes with Webside on it: a CPU profile (DevTools protocol) of the
// demo call's top frame for a while, self time summed per script and per function, ours (the
// extension's isolated-world scripts) apart from the page's own. A tool for issue 7's
// page_main_ms_per_frame: the bench says how much, this says where.
//   node tests/bench/profile-page.mjs [--seconds 20] [--fps 5]
import { parseArgs } from 'node:util';
import { launchChromium } from '../../src/tools/chromium.mjs';
import { deriveWav, deriveY4m } from '../../src/tools/media.mjs';
import { startDemoServer } from '../../src/tools/serve.mjs';
import { distDir } from './runs.mjs';
import { say, sleep } from './util.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '20' }, fps: { type: 'string', default: '5' } } });
const seconds = Number(values.seconds);
const fps = Number(values.fps);

const video = await deriveY4m(new URL('../../../shared/media/faces/single_face.mp4', import.meta.url).pathname, { name: 'selfie' });
const audio = await deriveWav(new URL('../../../shared/media/audio/speech/silero_test.wav', import.meta.url).pathname, {
  rate: 48000,
  name: 'therapist-voice-48k',
});
const server = await startDemoServer({ port: 0 });
const { context, close } = await launchChromium({ extensionDir: distDir, video, audio });
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate((analysisFps) => chrome.storage.local.set({ settings: { version: 1, analysisFps } }), fps);
  const page = await context.newPage();
  await page.goto(`${server.url}?autostart=1`);
  say('call started; letting the coach warm up for 10 s');
  await sleep(10_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  say(`profiling the call page's main thread for ${seconds} s`);
  await sleep(seconds * 1000);
  const { profile } = /** @type {{ profile: any }} */ (await cdp.send('Profiler.stop'));

  // self time per node from the samples
  /** @type {Map<number, number>} */
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++)
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (deltas[i + 1] ?? 0));
  /** @type {Map<string, number>} */
  const byScript = new Map();
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  /** @type {Map<number, any>} */
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { url, functionName, lineNumber } = node.callFrame;
    const script = url ? url.replace(/^chrome-extension:\/\/[a-z]+/, 'ext:').replace(server.url, 'page:') : `(${functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + us);
    // a native call is named with its JS caller (e.g. which postMessage)
    const caller = !url && parentOf.get(node.id)?.callFrame;
    const from = caller?.url
      ? ` ← ${caller.functionName || '(anonymous)'} ${caller.url.replace(/^chrome-extension:\/\/[a-z]+/, 'ext:').replace(server.url, 'page:')}:${caller.lineNumber + 1}:${caller.columnNumber + 1}`
      : '';
    const fn = `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}${from}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const perS = (/** @type {number} */ us) => (us / 1000 / seconds).toFixed(2);
  const top = (/** @type {Map<string, number>} */ m, /** @type {number} */ n) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${perS(us).padStart(8)} ms/s  ${k}`)
      .join('\n');
  console.log(`Call page main thread, self time (ms per second of call), ${seconds} s at ${fps} fps:\n`);
  const busy = [...byScript.entries()].filter(([k]) => k !== '((idle))').reduce((sum, [, us]) => sum + us, 0);
  const ours = [...byFunction.entries()].filter(([k]) => k.includes('ext:')).reduce((sum, [, us]) => sum + us, 0);
  console.log(`Busy: ${perS(busy)} ms/s in all; ${perS(ours)} ms/s in our scripts or natives they called\n`);
  console.log(`By script:\n${top(byScript, 15)}\n`);
  console.log(`By function:\n${top(byFunction, 30)}`);
} finally {
  await close();
  await server.close();
}
