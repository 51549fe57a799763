// Messages between the coach page and its face worker, and from the bridge's frame port.
import type { GazeCalibration } from '../core/gaze-calibration';
import type { VisionSummary } from './frame-analyser';

export interface FrameMessage {
  type: 'frame';
  bitmap: ImageBitmap;
  /** epoch ms the frame was admitted by the bridge */
  capturedAt: number;
}

export type ToWorker =
  | { type: 'init'; base: string; modelPath: string }
  | { type: 'port' }
  /** this camera's gaze calibration (validated by the worker), null for the defaults */
  | { type: 'calibration'; record: GazeCalibration | null };

export interface FaceResult {
  type: 'result';
  faceFound: boolean;
  yaw: number;
  pitch: number;
  roll: number;
  /** ms spent in detectForVideo */
  detectMs: number;
  /** ms spent on everything else for this frame (estimators, luma grid) */
  analyseMs: number;
  capturedAt: number;
  /** epoch ms the result was ready */
  doneAt: number;
  vision: VisionSummary;
}

export type FromWorker = { type: 'ready'; loadMs: number } | FaceResult | { type: 'error'; stage: 'load' | 'detect'; message: string };
