// One protocol map for every runtime message between extension contexts (STYLE.md principle 7).
// Receivers validate with these schemas; senders get the types from the same place.
import * as v from 'valibot';

const finite = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000));
const nullableFinite = v.nullable(finite);
const shortText = v.pipe(v.string(), v.maxLength(500));

export const TapsSchema = v.object({
  localVideo: v.boolean(),
  localAudio: v.boolean(),
  remoteAudio: count,
  remoteVideo: count,
  sharing: v.boolean(),
  /** epoch ms when the page's camera went live, null when no camera */
  cameraLiveAt: nullableFinite,
});
export type Taps = v.InferOutput<typeof TapsSchema>;

/** The vision verdicts (issue: gaze, lighting, framing), each "unknown" when it cannot tell. */
export const VisionSchema = v.object({
  gaze: v.picklist(['at-camera', 'at-screen', 'away', 'eyes-closed', 'unknown']),
  gazeOffDeg: nullableFinite,
  gazeCalibrated: v.boolean(),
  lighting: v.picklist(['good', 'too-dark', 'overexposed', 'backlit', 'side-lit', 'low-contrast', 'unknown']),
  lightFrom: v.nullable(v.picklist(['your-left', 'your-right'])),
  faceLuma: nullableFinite,
  framing: v.picklist(['good', 'cut-off', 'too-close', 'too-far', 'off-centre', 'no-headroom', 'too-much-headroom', 'tilted', 'unknown']),
  framingDetail: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  faceWidth: nullableFinite,
});
export type Vision = v.InferOutput<typeof VisionSchema>;

export const CoachMetricsSchema = v.object({
  state: v.picklist(['loading', 'live', 'error']),
  /** analysed frames per second over the last few seconds */
  fps: finite,
  detectMsP50: nullableFinite,
  detectMsP95: nullableFinite,
  frames: v.pipe(v.number(), v.integer(), v.minValue(0)),
  presence: v.picklist(['unknown', 'face', 'no-face']),
  yaw: nullableFinite,
  pitch: nullableFinite,
  roll: nullableFinite,
  /** epoch ms of the first frame with a face, null until then */
  firstFaceAt: nullableFinite,
  /** ms from worker start to model ready */
  modelLoadMs: nullableFinite,
  lastError: v.nullable(shortText),
  vision: v.nullable(VisionSchema),
});
export type CoachMetrics = v.InferOutput<typeof CoachMetricsSchema>;

/** Requests sent with runtime.sendMessage, each with the type of its answer. */
export const RequestSchema = v.variant('type', [
  v.object({ type: v.literal('coach/open') }),
  v.object({ type: v.literal('coach/verify'), secret: v.pipe(v.string(), v.length(36)) }),
  v.object({ type: v.literal('taps'), taps: TapsSchema }),
  v.object({ type: v.literal('diagnostics/get') }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;

export interface ResponseMap {
  'coach/open': { secret: string };
  'coach/verify': { ok: boolean };
  taps: { ok: true };
  'diagnostics/get': DiagnosticsState;
}

/** Messages on the long-lived 'coach' runtime Port (coach iframe -> service worker). */
export const COACH_PORT = 'coach';
export const CoachPortMessageSchema = v.variant('type', [v.object({ type: v.literal('metrics'), metrics: CoachMetricsSchema })]);
export type CoachPortMessage = v.InferOutput<typeof CoachPortMessageSchema>;

export interface TabPipeline {
  tabId: number;
  frameId: number;
  /** hostname only: never the full URL */
  site: string;
  since: number;
  taps: Taps;
  coach: (CoachMetrics & { updatedAt: number; coldStartMs: number | null }) | null;
}

export interface DiagnosticsState {
  extensionVersion: string;
  generatedAt: number;
  calls: TabPipeline[];
  lastError: string | null;
}
