// The evaluation's face worker: the extension's own code path (createFaceLandmarker in VIDEO mode on
// the CPU delegate, observe, LumaGrid, the src/core estimators with their defaults), fed still
// images as a few consecutive video frames. A dedicated module worker, as in the extension.
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import { createFaceLandmarker, observe } from '../../../../src/coach/face-analysis';
import { LumaGrid } from '../../../../src/coach/luma-grid';
import { emptyObservation, type FaceObservation } from '../../../../src/core/face-observation';
import { classifyFraming, framingStats } from '../../../../src/core/framing';
import { classifyGaze, DEFAULT_GAZE_MODEL, gazeAngle, gazeFeatures, type GazeAngle, type GazeFeatures } from '../../../../src/core/gaze';
import { classifyLighting, lightingStats } from '../../../../src/core/lighting';
import { decodePgm } from './pgm';
import { CANVAS, type AnalyseRequest, type AnalyseResult, type FromWorker, type RenderRequest, type ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const FRAME_MS = 33; // VIDEO mode needs strictly increasing timestamps (DESIGN.md); ~30 fps
const MAX_RESET_FRAMES = 6;

let landmarker: FaceLandmarker | null = null;
let timestamp = 0;
let queue: Promise<void> = Promise.resolve();
const observation = emptyObservation();
const luma = new LumaGrid();

const post = (message: FromWorker) => scope.postMessage(message);

async function loadImage(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (/\.pgm$/i.test(url)) return createImageBitmap(decodePgm(bytes));
  return createImageBitmap(new Blob([bytes]));
}

/** The image as the detector's frame: a tight crop is centred on a mid-grey canvas; anything else is the frame. */
function frameOf(image: ImageBitmap, mirror: boolean, grey: number = CANVAS.grey): { canvas: OffscreenCanvas; padded: boolean } {
  const padded = image.width < CANVAS.width && image.height < CANVAS.height;
  const w = padded ? CANVAS.width : image.width;
  const h = padded ? CANVAS.height : image.height;
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
  ctx.fillRect(0, 0, w, h);
  if (mirror) ctx.setTransform(-1, 0, 0, 1, w, 0);
  ctx.drawImage(image, Math.round((w - image.width) / 2), Math.round((h - image.height) / 2));
  return { canvas, padded };
}

function detect(frame: ImageBitmap, out: FaceObservation): ReturnType<FaceLandmarker['detectForVideo']> {
  timestamp += FRAME_MS;
  const result = landmarker!.detectForVideo(frame, timestamp);
  observe(result, frame.width, frame.height, out);
  return result;
}

/** Grey frames until the tracker lets go, so each image is analysed afresh, whatever came before. */
async function resetTracking(width: number, height: number): Promise<void> {
  const blank = new OffscreenCanvas(width, height);
  const ctx = blank.getContext('2d')!;
  ctx.fillStyle = `rgb(${CANVAS.grey}, ${CANVAS.grey}, ${CANVAS.grey})`;
  ctx.fillRect(0, 0, width, height);
  const bitmap = await createImageBitmap(blank);
  try {
    for (let i = 0; i < MAX_RESET_FRAMES; i++) {
      detect(bitmap, observation);
      if (!observation.faceFound) break;
    }
  } finally {
    bitmap.close();
  }
}

async function frameBitmap(url: string, mirror: boolean, grey?: number): Promise<{ frame: ImageBitmap; padded: boolean }> {
  const image = await loadImage(url);
  const { canvas, padded } = frameOf(image, mirror, grey);
  image.close();
  return { frame: await createImageBitmap(canvas), padded };
}

async function analyse(request: AnalyseRequest): Promise<AnalyseResult> {
  const mirror = request.mirror ?? false;
  const { frame, padded } = await frameBitmap(request.url, mirror, request.padGrey);
  try {
    await resetTracking(frame.width, frame.height);
    if (request.after) {
      const before = await frameBitmap(request.after.url, mirror, request.padGrey);
      for (let i = 0; i < request.after.frames; i++) detect(before.frame, observation);
      before.frame.close();
    }
    let framesWithFace = 0;
    let settlePx = Number.NaN;
    let previous: Float32Array | null = null;
    let result: ReturnType<FaceLandmarker['detectForVideo']> | null = null;
    for (let i = 0; i < Math.max(1, request.frames); i++) {
      result = detect(frame, observation);
      if (observation.faceFound) framesWithFace++;
      if (previous && observation.faceFound) {
        let sum = 0;
        for (let k = 0; k < previous.length; k += 2) {
          sum += Math.hypot(
            (observation.points[k]! - previous[k]!) * frame.width,
            (observation.points[k + 1]! - previous[k + 1]!) * frame.height,
          );
        }
        settlePx = sum / (previous.length / 2);
      }
      previous = observation.faceFound ? observation.points.slice() : null;
    }
    const grid = luma.read(frame);
    const lstats = grid ? lightingStats(grid, observation) : null;
    const fstats = framingStats(observation);
    const features = {} as GazeFeatures;
    const hasGaze = gazeFeatures(observation, features);
    const angle: GazeAngle | null = hasGaze ? gazeAngle(features, DEFAULT_GAZE_MODEL, { x: 0, y: 0, off: 0 }) : null;
    const all = request.allLandmarks && observation.faceFound ? result?.faceLandmarks[0] : undefined;
    return {
      url: request.url,
      frameWidth: frame.width,
      frameHeight: frame.height,
      padded,
      framesWithFace,
      settlePx,
      observation: { ...observation, points: Array.from(observation.points), blendshapes: Array.from(observation.blendshapes) },
      landmarks: all ? all.flatMap((p) => [p.x, p.y]) : null,
      luma: grid ? { width: grid.width, height: grid.height, data: Array.from(grid.data) } : null,
      lighting: { stats: lstats, verdict: classifyLighting(lstats) },
      framing: { stats: fstats, verdict: classifyFraming(fstats) },
      gaze: { features: hasGaze ? features : null, angle, state: classifyGaze(hasGaze ? features : null, angle) },
    };
  } finally {
    frame.close();
  }
}

/** Draws an image under an exact affine transform onto a mid-grey frame; returns the PNG, base64. */
async function render(request: RenderRequest): Promise<string> {
  const image = await loadImage(request.url);
  const canvas = new OffscreenCanvas(request.width, request.height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = `rgb(${CANVAS.grey}, ${CANVAS.grey}, ${CANVAS.grey})`;
  ctx.fillRect(0, 0, request.width, request.height);
  ctx.imageSmoothingQuality = 'high';
  ctx.setTransform(...request.matrix);
  ctx.drawImage(image, 0, 0);
  image.close();
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') {
    const started = performance.now();
    createFaceLandmarker(message.wasmBase, message.modelPath).then(
      (created) => {
        landmarker = created;
        post({ type: 'ready', loadMs: performance.now() - started });
      },
      (error: unknown) => post({ type: 'error', id: null, message: `face model failed to load: ${String(error)}` }),
    );
    return;
  }
  // One job at a time: the tracker's state and timestamps belong to one image's frames.
  const id = message.id;
  queue = queue
    .then((): Promise<AnalyseResult | string> => (message.type === 'analyse' ? analyse(message.request) : render(message.request)))
    .then(
      (value) => post(typeof value === 'string' ? { type: 'rendered', id, png: value } : { type: 'result', id, result: value }),
      (error: unknown) => post({ type: 'error', id, message: String(error) }),
    );
});
