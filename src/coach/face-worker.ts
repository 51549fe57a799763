// The face worker: FaceLandmarker on the CPU delegate (SIMD wasm and model packaged in the extension,
// DESIGN.md), fed straight from the bridge's frames port so frames never touch the coach page's main
// thread. A frame arrives as raw camera pixels in a transferred ArrayBuffer (shared/frame-message.ts);
// it becomes RGBA in one reused ImageData (the browser's converter, else core/pixels.ts), and the
// buffer goes back to the bridge with the acknowledgement, for a later frame. Every frame is acknowledged, malformed ones too,
// so the bridge never stalls; the rate governor tells the bridge how fast to send.
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import * as v from 'valibot';
import { emptyObservation } from '../core/face-observation';
import type { LumaImage } from '../core/lighting';
import { rgbaToLumaGrid, toRgba } from '../core/pixels';
import { RateGovernor } from '../core/rate-governor';
import { parseFrameMessage, type FrameMessage, type FrameReply } from '../shared/frame-message';
import { GazeCalibrationSchema } from '../core/gaze-calibration';
import { createFaceLandmarker, observe } from './face-analysis';
import { FrameAnalyser } from './frame-analyser';
import type { FaceResult, FromWorker, ToWorker } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const LUMA_GRID_WIDTH = 64; // px: the lighting estimator's input (core/lighting.ts)
const MIN_GOVERNED_FPS = 2;

// MediaPipe's wasm prints its glog lines (e.g. "INFO: Created TensorFlow Lite XNNPACK delegate for
// CPU.") through console.error; route informational ones to console.info so a support log shows
// only real errors.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const first = args[0];
  if (typeof first === 'string' && /^(INFO:|I\d{4} )/.test(first)) console.info(...args);
  else consoleError(...args);
};

let landmarker: FaceLandmarker | null = null;
let lastTimestamp = 0;
let busy = false;
let nativeToRgba = typeof VideoFrame === 'function';
let reportedMalformed = false;
let image: ImageData | null = null;
let luma: LumaImage = { width: 0, height: 0, data: new Uint8Array(0) };
let governor: RateGovernor | null = null;
const observation = emptyObservation();
const analyser = new FrameAnalyser();
// One result object reused for every frame (postMessage clones it).
const result: FaceResult = {
  type: 'result',
  faceFound: false,
  yaw: 0,
  pitch: 0,
  roll: 0,
  detectMs: 0,
  analyseMs: 0,
  askedFps: 0,
  capturedAt: 0,
  doneAt: 0,
  vision: analyser.summary,
};

function post(message: FromWorker): void {
  scope.postMessage(message);
}

async function load(base: string, modelPath: string): Promise<void> {
  const started = performance.now();
  try {
    landmarker = await createFaceLandmarker(base, modelPath);
    post({ type: 'ready', loadMs: performance.now() - started, startedAt: performance.timeOrigin + started });
  } catch (error) {
    post({ type: 'error', stage: 'load', message: `Face model failed to load: ${String(error)}` });
  }
}

function reply(port: MessagePort, message: FrameReply): void {
  if (message.type === 'ack' && message.buffer) port.postMessage(message, [message.buffer]);
  else port.postMessage(message);
}

/** The frame as RGBA in the reused ImageData (the buffer stays ours until the acknowledgement). */
async function toImage(frame: FrameMessage): Promise<ImageData> {
  const { width, height, format } = frame;
  if (!image || image.width !== width || image.height !== height) {
    image = new ImageData(width, height);
    luma = { width: LUMA_GRID_WIDTH, height: Math.max(1, Math.round((height * LUMA_GRID_WIDTH) / width)), data: new Uint8Array(0) };
    luma.data = new Uint8Array(luma.width * luma.height);
  }
  const target = image;
  // RGB frames (the <video> fallback source, bridge/frame-source.ts) need only a copy: no colour
  // conversion, so not through a VideoFrame that might apply one.
  if (nativeToRgba && (format === 'I420' || format === 'NV12')) {
    let video: VideoFrame | null = null;
    try {
      // BT.601 limited range, as the JS fallback reads it (webcams' usual colour space).
      video = new VideoFrame(frame.buffer, {
        format,
        codedWidth: width,
        codedHeight: height,
        timestamp: frame.timestamp,
        colorSpace: { matrix: 'smpte170m', primaries: 'smpte170m', transfer: 'smpte170m', fullRange: false },
      });
      await video.copyTo(target.data, { format: 'RGBA' });
      return target;
    } catch {
      nativeToRgba = false; // this browser cannot convert: the JS path from now on
    } finally {
      video?.close();
    }
  }
  toRgba(format, width, height, new Uint8Array(frame.buffer), target.data);
  return target;
}

function analyse(frame: FrameMessage, rgba: ImageData, port: MessagePort, convertMs: number): void {
  if (!landmarker) return; // still loading: drop the frame
  // VIDEO mode needs strictly increasing timestamps (DESIGN.md).
  const timestamp = Math.max(performance.now(), lastTimestamp + 1);
  lastTimestamp = timestamp;
  const started = performance.now();
  const detection = landmarker.detectForVideo(rgba, timestamp);
  const detected = performance.now();
  observe(detection, rgba.width, rgba.height, observation);
  const grid = analyser.wantsLuma(detected) ? rgbaToLumaGrid(rgba.data, rgba.width, rgba.height, luma) : null;
  analyser.update(detected, observation, grid);

  if (!governor || governor.maxFps !== frame.maxFps) {
    governor = new RateGovernor({ maxFps: frame.maxFps, minFps: Math.min(MIN_GOVERNED_FPS, frame.maxFps) });
  }
  const before = governor.fps;
  const fps = governor.update(detected, detected - started);
  if (fps !== before) reply(port, { type: 'rate', fps });

  result.detectMs = detected - started;
  result.askedFps = fps;
  result.faceFound = observation.faceFound;
  result.yaw = observation.yaw;
  result.pitch = observation.pitch;
  result.roll = observation.roll;
  result.capturedAt = frame.capturedAt;
  result.doneAt = performance.timeOrigin + performance.now();
  result.analyseMs = performance.now() - detected + convertMs;
  post(result);
}

async function onFrame(port: MessagePort, data: unknown): Promise<void> {
  const frame = parseFrameMessage(data);
  if (!frame || busy) {
    // Malformed (or a second frame while one is in hand): refuse it, hand back what can be reused.
    const buffer = (data as { buffer?: unknown } | null)?.buffer;
    reply(port, { type: 'ack', buffer: frame && buffer instanceof ArrayBuffer ? buffer : null });
    if (!frame && !reportedMalformed) {
      reportedMalformed = true;
      post({ type: 'error', stage: 'detect', message: 'A malformed frame message was refused.' });
    }
    return;
  }
  busy = true;
  const received = performance.now();
  try {
    const rgba = await toImage(frame);
    analyse(frame, rgba, port, performance.now() - received);
  } catch (error) {
    post({ type: 'error', stage: 'detect', message: `Face analysis failed: ${String(error)}` });
  } finally {
    busy = false;
    reply(port, { type: 'ack', buffer: frame.buffer });
  }
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') void load(message.base, message.modelPath);
  else if (message.type === 'port' && event.ports[0]) {
    const port = event.ports[0];
    port.onmessage = (frameEvent: MessageEvent<unknown>) => void onFrame(port, frameEvent.data);
  } else if (message.type === 'calibration') {
    const parsed = v.safeParse(v.nullable(GazeCalibrationSchema), message.record);
    analyser.setCalibration(parsed.success ? parsed.output : null);
  }
});
