// Firefox smoke run (not part of `npm test`): headless Firefox with dist-firefox/ installed as a
// temporary add-on, the demo call page with Firefox's fake camera and mic, then the extension's own
// diagnostics read back. Drives Firefox over WebDriver BiDi (built into Firefox; no geckodriver, no
// extra package): Node's WebSocket (global from Node 22, `--experimental-websocket` on Node 20).
// Firefox's fake camera is a colour test pattern, not a face: the check is that the whole pipeline
// runs (camera tapped, which frame source, coach live, frames analysed, "no-face"), not the verdicts.
// The audio check needs a sound server: with no output device Firefox never starts an AudioContext
// (not even the page's own); e.g. `pulseaudio --start -n --load=module-null-sink --load=module-native-protocol-unix`.
//   npm run build:firefox && xvfb-run -a npm run smoke:firefox      (FIREFOX_PATH picks the binary)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../../src/tools/serve.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const distDir = path.join(root, 'dist-firefox');
const firefox = process.env.FIREFOX_PATH ?? 'firefox-esr';
const UUID = '6f0c2b1e-8d2a-4c55-9a3e-5ebe51de0001'; // fixed, so the test knows the extension's pages
const ADDON_ID = 'webside@webside.app';
const SECONDS = Number(process.env.SMOKE_SECONDS ?? 25);

const profile = mkdtempSync(path.join(tmpdir(), 'webside-firefox-'));
const prefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // As Chromium's --autoplay-policy=no-user-gesture-required in the browser tests: the bridge's
  // AudioContext starts without a click (with a real user it starts on the first click or key).
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'browser.startup.homepage_override.mstone': 'ignore',
  'extensions.autoDisableScopes': 0,
};
writeFileSync(
  path.join(profile, 'user.js'),
  Object.entries(prefs)
    .map(([k, v]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(v)});`)
    .join('\n'),
);

const server = await startDemoServer({ port: 0 });
const port = 9300 + Math.floor(Math.random() * 500);
// Headless Firefox has no WebGL on a machine without a GPU (measured: Debian 12, Firefox ESR 153), and
// MediaPipe (even on its CPU delegate) needs a WebGL context for its input image: with a display
// (e.g. `xvfb-run -a`) Firefox runs headed and gets Mesa's software GL.
const headless = !process.env.DISPLAY;
const browser = spawn(
  firefox,
  [...(headless ? ['--headless'] : []), '--no-remote', '--profile', profile, `--remote-debugging-port=${port}`, 'about:blank'],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let stderr = '';
browser.stderr.on('data', (d) => (stderr += d));

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let ws;
for (let i = 0; i < 120 && !ws; i++) {
  await sleep(500);
  ws = await new Promise((resolve) => {
    const s = new WebSocket(`ws://127.0.0.1:${port}/session`);
    s.onopen = () => resolve(s);
    s.onerror = () => resolve(null);
  });
}
if (!ws) throw new Error(`Firefox's WebDriver BiDi never answered on ${port}\n${stderr.slice(-2000)}`);

let nextId = 1;
const pending = new Map();
/** @type {{ level: string; text: string; realm?: string; context?: string }[]} */
const logs = [];
ws.onmessage = (/** @type {MessageEvent} */ event) => {
  const message = JSON.parse(String(event.data));
  if (message.id && pending.has(message.id)) {
    const { resolve, reject } = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'error') reject(new Error(`${message.error}: ${message.message}`));
    else resolve(message.result);
  } else if (message.method === 'log.entryAdded') {
    const { level, text, source } = message.params;
    logs.push({ level, text, realm: source?.realm, context: source?.context });
  }
};
/** @type {(method: string, params?: object) => Promise<any>} */
const send = (method, params = {}) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ws.send(JSON.stringify({ id, method, params }));
  });
/** @type {(context: string, expression: string) => Promise<any>} */
const evaluate = async (context, expression) => {
  const result = await send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  if (result.type === 'exception') throw new Error(`evaluate threw: ${JSON.stringify(result.exceptionDetails).slice(0, 500)}`);
  return result.result.value;
};

let failed = false;
/** @type {(ok: boolean, what: string) => void} */
const check = (ok, what) => {
  console.info(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed = true;
};

try {
  await send('session.new', { capabilities: {} });
  await send('session.subscribe', { events: ['log.entryAdded'] });
  const installed = await send('webExtension.install', { extensionData: { type: 'path', path: distDir } });
  check(installed.extension === ADDON_ID, `installed ${installed.extension} from dist-firefox/`);

  // The install opens the welcome tab (setup page); let it open first, then put the call in front.
  await sleep(2000);
  const { context: call } = await send('browsingContext.create', { type: 'tab' });
  await send('browsingContext.navigate', { context: call, url: `${server.url}?autostart=1`, wait: 'complete' });
  let demo = '';
  for (let i = 0; i < 40 && demo !== 'in-call'; i++) {
    await sleep(500);
    demo = await evaluate(call, 'window.__demo?.state ?? ""');
  }
  check(demo === 'in-call', `demo call page state: ${demo}`);
  await send('browsingContext.activate', { context: call });
  const visibility = await evaluate(call, 'document.visibilityState');
  check(visibility === 'visible', `call tab is in front: ${visibility}`);
  const coachElement = await evaluate(call, 'document.querySelectorAll("webside-coach").length');
  check(coachElement === 1, `coach element on the call page: ${coachElement}`);

  // BiDi may not navigate a tab to a moz-extension: page, but the coach is one, framed in the call:
  // the diagnostics page's own request is sent from there.
  /** @type {{ context: string; url: string } | undefined} */
  let coachFrame;
  for (let i = 0; i < 20 && !coachFrame; i++) {
    const { contexts } = await send('browsingContext.getTree', { root: call });
    coachFrame = contexts[0]?.children?.find((/** @type {{ url: string }} */ c) =>
      c.url.startsWith(`moz-extension://${UUID}/src/coach/coach.html`),
    );
    if (!coachFrame) await sleep(500);
  }
  if (!coachFrame) throw new Error('The coach frame never appeared in the call page.');
  const coach = coachFrame;
  check(true, `coach frame: ${coach.url}`);
  const diagnostics = async () =>
    JSON.parse(await evaluate(coach.context, 'browser.runtime.sendMessage({ type: "diagnostics/get" }).then(JSON.stringify)'));

  console.info(`letting the call run ${SECONDS} s ...`);
  for (let t = 0; t < SECONDS; t += 5) {
    await sleep(5000);
    const c = (await diagnostics())?.calls?.[0];
    const page = await evaluate(call, 'document.visibilityState + " " + window.__demo?.state');
    console.info(
      `  ${t + 5} s: frames ${c?.coach?.frames} fps ${c?.coach?.fps} presence ${c?.coach?.presence} conversation ${c?.coach?.conversation ? 'yes' : 'no'} | page ${page}`,
    );
  }
  const pill = await evaluate(
    coach.context,
    'JSON.stringify({ state: document.querySelector(".pill")?.dataset.state, presence: document.querySelector(".pill")?.dataset.presence })',
  );
  console.info('overlay:', pill);
  const state = await diagnostics();
  const pipeline = state?.calls?.find((/** @type {any} */ c) => c.taps?.localVideo) ?? state?.calls?.[0];
  console.info(
    'diagnostics:',
    JSON.stringify({ taps: pipeline?.taps, coach: pipeline?.coach && { ...pipeline.coach, vision: undefined } }),
  );
  check(state?.calls?.length === 1, `one call in diagnostics (${state?.calls?.length})`);
  check(pipeline?.taps?.localVideo === true && pipeline?.taps?.localAudio === true, 'camera and mic tapped');
  check(!!pipeline?.taps?.frameSource, `frame source: ${pipeline?.taps?.frameSource}`);
  check(pipeline?.coach?.state === 'live', `coach state: ${pipeline?.coach?.state} (error: ${pipeline?.coach?.lastError})`);
  check((pipeline?.coach?.frames ?? 0) > 10, `frames analysed: ${pipeline?.coach?.frames} at ${pipeline?.coach?.fps} fps`);
  check(pipeline?.coach?.presence === 'no-face', `presence on the fake test pattern: ${pipeline?.coach?.presence}`);
  const conversation = pipeline?.coach?.conversation;
  check(
    !!conversation,
    conversation
      ? `conversation summaries from the audio worklet: ${JSON.stringify(conversation).slice(0, 200)}...`
      : 'conversation summaries from the audio worklet: none (no sound server? see the top of this file)',
  );

  // The setup check: the welcome tab the install opened, its "Check my setup" button (the page opens
  // the camera itself and runs the same pump and face worker, in an extension page).
  const { contexts: tabs } = await send('browsingContext.getTree', {});
  const welcome = tabs.find((/** @type {{ url: string }} */ c) => c.url === `moz-extension://${UUID}/src/ui/setup/setup.html#welcome`);
  check(!!welcome, `welcome tab opened on install: ${welcome?.url ?? 'missing'}`);
  if (welcome) {
    await send('browsingContext.activate', { context: welcome.context });
    await evaluate(welcome.context, 'document.querySelector("#start-check").click()');
    let badge = { frames: 0, text: '' };
    for (let i = 0; i < 30 && badge.frames < 10; i++) {
      await sleep(1000);
      badge = JSON.parse(
        await evaluate(
          welcome.context,
          'JSON.stringify({ frames: Number(document.querySelector("#face-badge")?.dataset.frames ?? 0), text: document.querySelector("#face-badge")?.textContent ?? "" })',
        ),
      );
    }
    check(badge.frames >= 10, `setup check analysed ${badge.frames} frames, badge "${badge.text}"`);
    const lighting = await evaluate(welcome.context, 'document.querySelector("[data-check=lighting]")?.dataset.status ?? "missing"');
    console.info(`setup check lighting: ${lighting}`);
  }

  const errors = logs.filter((l) => l.level === 'error');
  for (const e of errors) console.info(`console error: ${e.text.slice(0, 300)}`);
  check(errors.length === 0, `console errors: ${errors.length}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  try {
    await send('session.end');
  } catch {
    // Firefox may already be gone
  }
  ws.close();
  browser.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
