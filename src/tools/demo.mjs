// @ts-check
// `npm run demo`: builds the extension, serves the demo call page and opens it in Chromium with Webside.
//   --fake        use a recorded face and voice instead of your webcam and mic
//   --headless    no window (a screenshot goes to .cache/demo.png)
//   --port N      demo server port (default 5317; 0 = any free port)
//   --no-build    skip `vite build` and load dist/ as it is
//   --seconds N   quit after N seconds (default: run until Ctrl+C or the window is closed)
/* global process, console, setTimeout */ // Node globals: the lint config declares none for .mjs files
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { deriveWav, deriveY4m, repoRoot, sharedDir } from './media.mjs';
import { startDemoServer } from './serve.mjs';

const { values: flags } = parseArgs({
  options: {
    fake: { type: 'boolean', default: false },
    headless: { type: 'boolean', default: false },
    port: { type: 'string', default: '5317' },
    'no-build': { type: 'boolean', default: false },
    seconds: { type: 'string' },
  },
});
const port = Number(flags.port);
const seconds = flags.seconds === undefined ? undefined : Number(flags.seconds);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port wants a port number, not "${flags.port}".`);
if (seconds !== undefined && !(seconds > 0)) fail(`--seconds wants a positive number, not "${flags.seconds}".`);

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`✗ ${message}`);
  process.exit(1);
}

/** @typedef {{ state: string, clientVoice: string | null, error: { name: string, message: string } | null }} DemoView */

/** @param {string} message */
const say = (message) => console.log(`• ${message}`);

// 1. The extension.
const distDir = path.join(repoRoot, 'dist');
if (!flags['no-build']) {
  say('Building the extension (vite build)…');
  const build = spawnSync('npx', ['vite', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) {
    console.error(`✗ The build failed (exit code ${build.status ?? build.signal}).`);
    process.exit(build.status || 1);
  }
}
let extensionDir = /** @type {string | undefined} */ (distDir);
if (!fs.existsSync(path.join(distDir, 'manifest.json'))) {
  console.warn('! dist/manifest.json is missing: opening the demo call without the extension (drop --no-build to build it).');
  extensionDir = undefined;
}

// 2. Camera and microphone.
const hasCamera = process.platform !== 'linux' || fs.readdirSync('/dev').some((name) => name.startsWith('video'));
const fake = flags.fake || !hasCamera;
/** @type {{ video?: string, audio?: string }} */
const media = {};
if (!fake) say('Using your real webcam and microphone.');
else {
  if (!flags.fake) say('No camera found (no /dev/video*): using a recorded stand-in.');
  const shared = sharedDir();
  if (shared) {
    say('Preparing the recorded therapist (face video + speech) for the fake camera and mic…');
    media.video = await deriveY4m(path.join(shared, 'media', 'faces', 'WolfgangLanger_Pexels.mp4'), {
      width: 640,
      height: 480,
      fps: 30,
      name: 'therapist-face-640x480',
    });
    media.audio = await deriveWav(path.join(shared, 'media', 'audio', 'speech', 'silero_test.wav'), {
      rate: 48000,
      name: 'therapist-voice-48k',
    });
  } else {
    say("No shared media folder (set WEBSIDE_SHARED): using Chromium's built-in test pattern and beep.");
  }
}

// 3. Window or not.
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = flags.headless || !hasDisplay;
if (!flags.headless && !hasDisplay) say('No display found: running headless and saving a screenshot instead.');

// 4. Serve the call page and open it.
const server = await startDemoServer({ port }).catch((err) => fail(err.message));
const url = `${server.url}?autostart=1`;
say(`Demo call page: ${url}`);
say(`Starting Chromium${extensionDir ? ' with Webside' : ''}${headless ? ' (headless)' : ''}…`);
const browser = await launchChromium({ extensionDir, headless, fakeMedia: fake, ...media }).catch(async (err) => {
  await server.close();
  return fail(`Chromium did not start: ${err.message}`);
});

let stopping = false;
/** @param {string} [why] */
async function shutdown(why) {
  if (stopping) return;
  stopping = true;
  if (why) say(why);
  await browser.close();
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('Stopping…'));
process.on('SIGTERM', () => void shutdown('Stopping…'));
browser.context.on('close', () => void shutdown('The browser was closed.'));
if (seconds !== undefined) setTimeout(() => void shutdown(`Done after ${seconds} s.`), seconds * 1000);

const page = browser.context.pages()[0] ?? (await browser.context.newPage());
page.on('pageerror', (err) => console.warn(`! Page error: ${err.message}`));
await page.goto(url);

// Report once the call is up (or failed), so a silent window is never a mystery.
page
  .waitForFunction(
    () => {
      const demo = /** @type {{ __demo?: DemoView }} */ (/** @type {unknown} */ (globalThis)).__demo;
      if (!demo || demo.state === 'idle' || demo.state === 'starting') return null;
      return { state: demo.state, clientVoice: demo.clientVoice, error: demo.error };
    },
    null,
    { timeout: 30_000 },
  )
  .then((handle) => handle.jsonValue())
  .then((demo) => {
    if (!demo) return;
    if (demo.state === 'in-call')
      say(`In call. The client's voice is ${demo.clientVoice === 'recording' ? 'a real recording' : 'synthetic (no shared media)'}.`);
    else console.warn(`! The call did not start: ${demo.error ? `${demo.error.name}: ${demo.error.message}` : demo.state}`);
  })
  .catch(() => {});

if (headless) {
  // ~6 s: long enough for the call to connect and the first frames to arrive.
  const waitMs = Math.min(6, Math.max(1, (seconds ?? 7) - 1)) * 1000;
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  if (!stopping) {
    const shot = path.join(repoRoot, '.cache', 'demo.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    say(`Screenshot: ${path.relative(process.cwd(), shot) || shot}`);
  }
}
if (seconds === undefined)
  say(headless ? 'Running headless; press Ctrl+C to stop.' : 'Have a look; press Ctrl+C here (or close the window) to stop.');
