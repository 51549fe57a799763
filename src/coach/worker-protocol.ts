// Messages between the coach page and its face worker. The bridge's frames port (which the worker
// reads directly) has its own protocol: shared/frame-message.ts.
import type { GazeCalibration } from '../core/gaze-calibration';
import type { VisionSummary } from './frame-analyser';

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
  /** ms spent on everything else for this frame (pixels to RGBA, estimators, luma grid) */
  analyseMs: number;
  /** the analysis rate the worker asks the bridge for now, frames/s (core/rate-governor.ts) */
  askedFps: number;
  capturedAt: number;
  /** epoch ms the result was ready */
  doneAt: number;
  vision: VisionSummary;
}

export type FromWorker =
  | { type: 'ready'; loadMs: number; /** epoch ms */ startedAt: number }
  | FaceResult
  | { type: 'error'; stage: 'load' | 'detect'; message: string };
