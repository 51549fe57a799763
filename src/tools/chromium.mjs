// @ts-check
// Launches Chromium (not branded Chrome) with the unpacked extension and fake or real media devices.
/* global process */ // Node globals: the lint config declares none for .mjs files
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** The Chromium binary: CHROMIUM_PATH, else the Debian/Ubuntu locations. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (found) return found;
  throw new Error(
    'Chromium was not found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROMIUM_PATH ' +
      'to a Chromium binary. Branded Google Chrome 137+ ignores --load-extension, so it cannot load Webside unpacked.',
  );
}

/**
 * @typedef {object} ChromiumOptions
 * @property {string} [extensionDir] unpacked extension to load (e.g. dist/)
 * @property {string} [video] y4m/mjpeg file for the fake camera
 * @property {string} [audio] wav file for the fake microphone
 * @property {boolean} [headless]
 * @property {boolean} [fakeMedia] use Chromium's fake camera/mic instead of real devices
 * @property {boolean} [denyMedia] refuse camera/mic permission (getUserMedia rejects with NotAllowedError)
 */

/**
 * Command-line switches for a quiet, reproducible Chromium.
 * @param {ChromiumOptions} [options]
 * @returns {string[]}
 */
export function chromiumArgs({ extensionDir, video, audio, headless = true, fakeMedia = true, denyMedia = false } = {}) {
  const args = [
    '--no-sandbox', // containers and CI often lack user namespaces
    '--disable-gpu',
    '--enable-unsafe-swiftshader', // software WebGL for the face model without a GPU
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required', // remote audio/video play without a click
  ];
  if (headless) args.push('--headless=new');
  if (extensionDir) {
    const dir = path.resolve(extensionDir);
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
  }
  if (fakeMedia) args.push('--use-fake-device-for-media-stream');
  // Auto-accept the camera/mic prompt, or (denyMedia) auto-refuse every permission prompt.
  args.push(denyMedia ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream');
  if (video) args.push(`--use-file-for-fake-video-capture=${path.resolve(video)}`);
  if (audio) args.push(`--use-file-for-fake-audio-capture=${path.resolve(audio)}`);
  return args;
}

/**
 * Starts Chromium through playwright-core with a persistent profile (extensions need one).
 * @param {Omit<ChromiumOptions, 'fakeMedia'> & { fakeMedia?: boolean, userDataDir?: string }} [options]
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, close(): Promise<void> }>}
 */
export async function launchChromium({
  extensionDir,
  video,
  audio,
  headless = true,
  fakeMedia = true,
  denyMedia = false,
  userDataDir,
} = {}) {
  const profile = userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'webside-chromium-'));
  const removeProfile = () => {
    if (userDataDir) return;
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort: a temp dir left behind is harmless
    }
  };
  // If the process exits without close() (an uncaught error), still drop the temp profile.
  process.once('exit', removeProfile);
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      // Playwright's headless:true adds --headless plus --mute-audio and touch-like pointer settings;
      // we pass --headless=new ourselves (in chromiumArgs) so headless and headed differ only in that switch.
      headless: false,
      ignoreDefaultArgs: ['--disable-extensions'],
      args: chromiumArgs({ extensionDir, video, audio, headless, fakeMedia, denyMedia }),
      viewport: { width: 1280, height: 800 },
      // Callers own the signals (demo.mjs shuts down cleanly on Ctrl+C); Playwright's own handlers
      // would kill Chromium and exit(130) before close() could delete the temp profile.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    removeProfile();
    process.off('exit', removeProfile);
    throw err;
  }
  const ctx = context;
  let closed = false;
  return {
    context: ctx,
    async close() {
      if (closed) return;
      closed = true;
      await ctx.close().catch(() => {});
      removeProfile();
      process.off('exit', removeProfile);
    },
  };
}
