// The face worker: FaceLandmarker on the CPU delegate (SIMD wasm and model packaged in the extension,
// DESIGN.md), fed ImageBitmaps straight from the bridge's MessagePort so frames never touch the
// coach page's main thread. Every bitmap is closed; every frame is acknowledged so the bridge can
// send the next one.
import type { FaceLandmarker } from '@mediapipe/tasks-vision';
import * as v from 'valibot';
import { emptyObservation } from '../core/face-observation';
import { GazeCalibrationSchema } from '../core/gaze-calibration';
import { createFaceLandmarker, observe } from './face-analysis';
import { FrameAnalyser } from './frame-analyser';
import { LumaGrid } from './luma-grid';
import type { FaceResult, FromWorker, ToWorker } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

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
const observation = emptyObservation();
const analyser = new FrameAnalyser();
const luma = new LumaGrid();
// One result object reused for every frame (postMessage clones it).
const result: FaceResult = {
  type: 'result',
  faceFound: false,
  yaw: 0,
  pitch: 0,
  roll: 0,
  detectMs: 0,
  analyseMs: 0,
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
    post({ type: 'ready', loadMs: performance.now() - started });
  } catch (error) {
    post({ type: 'error', stage: 'load', message: `Face model failed to load: ${String(error)}` });
  }
}

function analyse(bitmap: ImageBitmap, capturedAt: number): void {
  if (!landmarker) return; // still loading: drop the frame
  // VIDEO mode needs strictly increasing timestamps (DESIGN.md).
  const timestamp = Math.max(performance.now(), lastTimestamp + 1);
  lastTimestamp = timestamp;
  const started = performance.now();
  const detection = landmarker.detectForVideo(bitmap, timestamp);
  const detected = performance.now();
  observe(detection, bitmap.width, bitmap.height, observation);
  const grid = analyser.wantsLuma(detected) ? luma.read(bitmap) : null;
  analyser.update(detected, observation, grid);
  result.detectMs = detected - started;
  result.analyseMs = performance.now() - detected;
  result.faceFound = observation.faceFound;
  result.yaw = observation.yaw;
  result.pitch = observation.pitch;
  result.roll = observation.roll;
  result.capturedAt = capturedAt;
  result.doneAt = performance.timeOrigin + performance.now();
  post(result);
}

function onFrame(this: MessagePort, event: MessageEvent<unknown>): void {
  const data = event.data as { type?: unknown; bitmap?: unknown; capturedAt?: unknown } | null;
  if (!data || data.type !== 'frame' || !(data.bitmap instanceof ImageBitmap)) return;
  const bitmap = data.bitmap;
  try {
    analyse(bitmap, typeof data.capturedAt === 'number' ? data.capturedAt : 0);
  } catch (error) {
    post({ type: 'error', stage: 'detect', message: `Face analysis failed: ${String(error)}` });
  } finally {
    bitmap.close();
    this.postMessage({ type: 'ack' });
  }
}

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'init') void load(message.base, message.modelPath);
  else if (message.type === 'port' && event.ports[0]) {
    const port = event.ports[0];
    port.onmessage = onFrame;
  } else if (message.type === 'calibration') {
    const parsed = v.safeParse(v.nullable(GazeCalibrationSchema), message.record);
    analyser.setCalibration(parsed.success ? parsed.output : null);
  }
});
