// What the node side of the vision evaluation asks the page for, and what comes back. Plain data
// only: it crosses page.evaluate (JSON plus NaN) and a worker's postMessage.
import type { FramingStats, FramingVerdict } from '../../../../src/core/framing';
import type { GazeAngle, GazeFeatures, GazeState } from '../../../../src/core/gaze';
import type { LightingStats, LightingVerdict } from '../../../../src/core/lighting';

/** The frame the detector sees, defaults of the evaluation (issue 3: pad tight crops). */
export const CANVAS = { width: 640, height: 480, grey: 128 } as const;

export interface AnalyseRequest {
  /** image URL on the harness's server (png, jpg or binary pgm) */
  url: string;
  /** draw the frame mirrored left-right (the head-pose flip test) */
  mirror?: boolean;
  /** consecutive VIDEO-mode frames of the same image; the last one's observation is used */
  frames: number;
  /** also return all 478 landmarks (the framing generator measures faces with them) */
  allLandmarks?: boolean;
  /** luma of the padding around a tight crop (default CANVAS.grey) */
  padGrey?: number;
  /**
   * frames of another image to track first, with no reset in between (the face was found under one
   * light and the light then changed, as in a call); default: start from a reset tracker
   */
  after?: { url: string; frames: number };
}

export interface ObservationData {
  faceFound: boolean;
  width: number;
  height: number;
  yaw: number;
  pitch: number;
  roll: number;
  boxLeft: number;
  boxTop: number;
  boxRight: number;
  boxBottom: number;
  points: number[];
  blendshapes: number[];
}

export interface AnalyseResult {
  url: string;
  /** the analysed frame: the image, or the canvas it was centred on */
  frameWidth: number;
  frameHeight: number;
  padded: boolean;
  /** how many of the `frames` detections found a face */
  framesWithFace: number;
  /** mean movement of the kept landmarks between the last two frames, px (tracking has settled when ~0) */
  settlePx: number;
  observation: ObservationData;
  /** x,y of all 478 landmarks, normalised, when asked for */
  landmarks: number[] | null;
  luma: { width: number; height: number; data: number[] } | null;
  lighting: { stats: LightingStats | null; verdict: LightingVerdict };
  framing: { stats: FramingStats | null; verdict: FramingVerdict };
  gaze: { features: GazeFeatures | null; angle: GazeAngle | null; state: GazeState };
}

export interface RenderRequest {
  url: string;
  width: number;
  height: number;
  /** canvas transform a, b, c, d, e, f (setTransform): output = M * source pixel */
  matrix: [number, number, number, number, number, number];
}

export type ToWorker =
  | { type: 'init'; wasmBase: string; modelPath: string }
  | { type: 'analyse'; id: number; request: AnalyseRequest }
  | { type: 'render'; id: number; request: RenderRequest };

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'result'; id: number; result: AnalyseResult }
  | { type: 'rendered'; id: number; png: string }
  | { type: 'error'; id: number | null; message: string };

/** What the page exposes to playwright as `window.visionEval`. */
export interface VisionEvalApi {
  ready: Promise<number>;
  analyse(requests: AnalyseRequest[]): Promise<AnalyseResult[]>;
  render(request: RenderRequest): Promise<string>;
}

declare global {
  interface Window {
    visionEval?: VisionEvalApi;
  }
}
