// @ts-check
// The bare reference for `bare_ratio`: FaceLandmarker with the extension's options (CPU delegate, VIDEO mode,
// one face, matrices and blendshapes), run on the demo call's own camera track at the same rate, with no glue
// at all: the page hands the track's frame stream to a worker, which converts each frame it keeps to RGBA in
// place (same process: nothing crosses a process boundary), calls detectForVideo and closes the frame. Its assets (the tasks-vision module, the wasm and the model from dist/) come
// from a loopback server of their own with CORS, so the call page stays exactly the demo page.
/* global window, Worker, Blob, URL, setTimeout */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { repoRoot } from '../../src/tools/media.mjs';
import { withTimeout } from './util.mjs';

const WORKER = `
import { FaceLandmarker, FilesetResolver } from './vision_bundle.mjs';
const base = new URL('.', import.meta.url).href;
let landmarker = null;
let image = null;
const detectMs = [];
let frames = 0;
let faces = 0;
let error = null;
self.onmessage = async ({ data }) => {
  if (data.type === 'stats') {
    const sorted = [...detectMs].sort((a, b) => a - b);
    const at = (p) => (sorted.length ? sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] : null);
    self.postMessage({ frames, faces, ready: !!landmarker, error, p50: at(50), p95: at(95) });
    return;
  }
  try {
    const fileset = await FilesetResolver.forVisionTasks(base + 'mediapipe', true);
    landmarker = await FaceLandmarker.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: base + 'model.task', delegate: 'CPU' },
      runningMode: 'VIDEO', numFaces: 1, outputFacialTransformationMatrixes: true, outputFaceBlendshapes: true,
    });
  } catch (e) { error = String(e); return; }
  const interval = 1000 / data.fps;
  let last = -Infinity;
  let lastTs = 0;
  const reader = data.readable.getReader();
  for (;;) {
    const { done, value: frame } = await reader.read();
    if (done) return;
    const now = performance.now();
    if (now - last >= interval * 0.9) {
      last = now;
      const ts = Math.max(now, lastTs + 1);
      lastTs = ts;
      try {
        // RGBA pixels in one reused ImageData: a VideoFrame given to detectForVideo as it is measured ~10x
        // slower here (MediaPipe draws it through WebGL, software-rendered without a GPU).
        if (!image || image.width !== frame.displayWidth || image.height !== frame.displayHeight)
          image = new ImageData(frame.displayWidth, frame.displayHeight);
        await frame.copyTo(image.data, { format: 'RGBA' });
        const started = performance.now();
        const result = landmarker.detectForVideo(image, ts);
        detectMs.push(performance.now() - started);
        if (detectMs.length > 100) detectMs.shift();
        frames++;
        if (result.faceLandmarks.length) faces++;
      } catch (e) { error = String(e); }
    }
    frame.close();
  }
};
`;

/**
 * Serves the bare worker and its assets from dist/ and node_modules, loopback only, CORS open.
 * @param {string} distDir
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startBareServer(distDir) {
  /** @type {Record<string, string>} */
  const files = {
    '/vision_bundle.mjs': path.join(repoRoot, 'node_modules', '@mediapipe', 'tasks-vision', 'vision_bundle.mjs'),
    '/model.task': path.join(distDir, 'models', 'face_landmarker.task'),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (url.pathname === '/bare-worker.mjs') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' });
      return res.end(WORKER);
    }
    let file = files[url.pathname];
    if (!file && /^\/mediapipe\/[\w.-]+$/.test(url.pathname)) file = path.join(distDir, url.pathname);
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, headers);
      return res.end();
    }
    const type = file.endsWith('.wasm') ? 'application/wasm' : /\.m?js$/.test(file) ? 'text/javascript' : 'application/octet-stream';
    res.writeHead(200, { ...headers, 'Content-Type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * Starts the bare FaceLandmarker on the call page's camera track; waits until its first detection.
 * @param {import('playwright-core').Page} page
 * @param {string} assetsUrl
 * @param {number} fps
 */
export async function startBare(page, assetsUrl, fps) {
  await page.evaluate(
    ({ assets, rate }) => {
      const demo = /** @type {{ __demo: { localStream: MediaStream } }} */ (/** @type {unknown} */ (window)).__demo;
      const track = demo.localStream.getVideoTracks()[0];
      if (!track) throw new Error('the demo call has no camera track');
      // @ts-expect-error MediaStreamTrackProcessor is Chrome-only and not in the DOM lib
      const readable = new MediaStreamTrackProcessor({ track, maxBufferSize: 1 }).readable;
      const source = `import ${JSON.stringify(assets + 'bare-worker.mjs')};`;
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
      worker.postMessage({ type: 'start', fps: rate, readable }, [readable]);
      Object.defineProperty(window, '__benchBare', { value: worker });
    },
    { assets: assetsUrl, rate: fps },
  );
  // A loaded machine (several builds beside us) can take minutes to compile the wasm and load the model.
  for (let i = 0; i < 720; i++) {
    const stats = await bareStats(page);
    if (stats.error) throw new Error(`the bare FaceLandmarker failed: ${stats.error}`);
    if (stats.frames > 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the bare FaceLandmarker analysed no frame within 180 s');
}

/**
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ frames: number, faces: number, ready: boolean, error: string | null, p50: number | null, p95: number | null }>}
 */
export function bareStats(page) {
  return withTimeout(
    page.evaluate(
      () =>
        new Promise((resolve) => {
          const worker = /** @type {{ __benchBare: Worker }} */ (/** @type {unknown} */ (window)).__benchBare;
          worker.addEventListener('message', (event) => resolve(event.data), { once: true });
          worker.postMessage({ type: 'stats' });
        }),
    ),
    60_000, // one detection blocks the worker; under load that is seconds
    'Reading the bare FaceLandmarker',
  );
}
