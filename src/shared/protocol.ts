// One protocol map for every runtime message between extension contexts (STYLE.md principle 7).
// Receivers validate with these schemas; senders get the types from the same place.
import * as v from 'valibot';
import { NUDGE_KINDS } from '../core/nudge/messages';
import type { SessionRecord } from '../core/session/record';
import { FRAME_SOURCES } from './frame-message';

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
  /** camera tracks that replaced an earlier one in this call (a device switch, or the page re-opening its camera) */
  cameraSwitches: count,
  /** the page's mic is live but disabled (track.enabled = false, as call sites mute) */
  micMuted: v.boolean(),
  /** how camera frames are read while the camera is tapped (Firefox: the video element) */
  frameSource: v.optional(v.picklist(FRAME_SOURCES)),
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
  /** camera height from head pitch: the lens below / level with / above the eyes */
  cameraHeight: v.optional(v.picklist(['low', 'level', 'high', 'unknown'])),
  cameraPitchDeg: v.optional(nullableFinite),
  /** expressiveness (reported, not nudged by default) */
  smiling: v.optional(v.boolean()),
  smileShare: v.optional(nullableFinite),
  smiles: v.optional(count),
  nods: v.optional(count),
});
export type Vision = v.InferOutput<typeof VisionSchema>;

const talkOverCounts = v.object({ interruption: count, interjection: count, backchannel: count });
const perSide = <T extends v.GenericSchema>(schema: T) => v.object({ therapist: schema, client: schema });

/** The conversation signals (issue 4): therapist = the page's local mic, client = the remote audio. */
export const ConversationSchema = v.object({
  /** null when that side's audio is not tapped */
  therapistSpeaking: v.nullable(v.boolean()),
  clientSpeaking: v.nullable(v.boolean()),
  /** how long the client has been holding the floor right now, ms (0 when not) */
  clientTurnMs: finite,
  talkMs: perSide(finite),
  longestMs: perSide(finite),
  /** talk-overs started by each side (therapist view), backchannels counted apart and never flagged */
  talkOvers: perSide(talkOverCounts),
  /** therapist overlaps as the client hears them (streams shifted by the one-way delay) */
  perceivedOverlaps: count,
  responses: count,
  /** the last few response latencies: raw (as heard here) and network-corrected (as the client hears) */
  recentResponses: v.pipe(v.array(v.object({ rawMs: finite, correctedMs: nullableFinite })), v.maxLength(20)),
  voice: v.object({
    /** syllable nuclei per second over the therapist's recent speech */
    rateSps: nullableFinite,
    /** pitch variation, semitones (std) over recent voiced speech: low = monotone */
    pitchVarSt: nullableFinite,
    level: v.picklist(['ok', 'too-quiet', 'clipping', 'unknown']),
  }),
  connection: v.nullable(v.object({ rttMs: nullableFinite, jitterMs: nullableFinite, lossPct: nullableFinite, degraded: v.boolean() })),
  /** audio-thread processing cost, ms per second of audio */
  processMsPerS: nullableFinite,
});
export type Conversation = v.InferOutput<typeof ConversationSchema>;

/** Nudge types (issue 5, extended by issue 9); each can be switched off in the options page. */
// One list, kept in the pure nudge core (core cannot import shared; shared may import core).
export const NUDGE_TYPES = NUDGE_KINDS;
export type NudgeType = (typeof NUDGE_TYPES)[number];

export const NudgeSchema = v.object({
  type: v.picklist(NUDGE_TYPES),
  /** one or two words */
  text: v.pipe(v.string(), v.maxLength(24)),
  icon: v.pipe(v.string(), v.maxLength(8)),
  severity: v.picklist(['info', 'warn']),
  /** one line for the popup */
  why: v.pipe(v.string(), v.maxLength(200)),
  at: finite,
});
export type Nudge = v.InferOutput<typeof NudgeSchema>;

export const NudgeReportSchema = v.object({
  shown: count,
  byType: v.record(v.picklist(NUDGE_TYPES), count),
  last: v.nullable(NudgeSchema),
});
export type NudgeReport = v.InferOutput<typeof NudgeReportSchema>;

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
  /** where a cold start's time goes: epoch ms of each step in the coach (support, the benchmark) */
  startup: v.optional(
    v.object({
      /** the coach page began loading (its time origin) */
      pageAt: nullableFinite,
      /** the bridge's hello arrived / the service worker confirmed it */
      helloAt: nullableFinite,
      verifiedAt: nullableFinite,
      /** the face worker began loading wasm + model / was ready */
      modelStartAt: nullableFinite,
      readyAt: nullableFinite,
      /** the first frame the worker analysed: when the bridge captured it, and when its result came back */
      firstFrameAt: v.optional(nullableFinite),
      firstResultAt: nullableFinite,
    }),
  ),
  lastError: v.nullable(shortText),
  vision: v.nullable(VisionSchema),
  conversation: v.optional(v.nullable(ConversationSchema)),
  nudges: v.optional(v.nullable(NudgeReportSchema)),
});
export type CoachMetrics = v.InferOutput<typeof CoachMetricsSchema>;

/** Requests sent with runtime.sendMessage, each with the type of its answer. */
export const RequestSchema = v.variant('type', [
  v.object({ type: v.literal('coach/open') }),
  v.object({ type: v.literal('coach/verify'), secret: v.pipe(v.string(), v.length(36)) }),
  v.object({ type: v.literal('taps'), taps: TapsSchema }),
  v.object({ type: v.literal('diagnostics/get') }),
  v.object({ type: v.literal('sessions/list') }),
  v.object({
    type: v.literal('sessions/delete'),
    ids: v.union([v.literal('all'), v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(1000))]),
  }),
  v.object({
    type: v.literal('sessions/rate'),
    id: v.pipe(v.string(), v.maxLength(64)),
    rating: v.nullable(v.picklist([1, 2, 3, 4, 5])),
  }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;

export interface ResponseMap {
  'coach/open': { secret: string };
  'coach/verify': { ok: boolean };
  taps: { ok: true };
  'diagnostics/get': DiagnosticsState;
  'sessions/list': SessionsList;
  'sessions/delete': { deleted: number };
  /** ok: false when the session is unknown or still open (rate it once it has closed) */
  'sessions/rate': { ok: boolean };
}

/** Stored sessions (validated; open ones as of this second), oldest first. */
export interface SessionsList {
  records: SessionRecord[];
  /** ids of the sessions whose tracks are live now */
  liveIds: string[];
}

/** Messages on the long-lived 'coach' runtime Port (coach iframe -> service worker). */
export const COACH_PORT = 'coach';
export const CoachPortMessageSchema = v.variant('type', [v.object({ type: v.literal('metrics'), metrics: CoachMetricsSchema })]);
export type CoachPortMessage = v.InferOutput<typeof CoachPortMessageSchema>;
/** Messages down the same Port (service worker -> coach): the therapist's snooze / quiet state. */
export const CoachPortDownSchema = v.variant('type', [
  v.object({ type: v.literal('mute'), snoozeUntil: nullableFinite, quiet: v.boolean() }),
]);
export type CoachPortDown = v.InferOutput<typeof CoachPortDownSchema>;

export interface TabPipeline {
  tabId: number;
  frameId: number;
  /** hostname only: never the full URL */
  site: string;
  since: number;
  taps: Taps;
  coach: (CoachMetrics & { updatedAt: number; coldStartMs: number | null }) | null;
}

/** One line of what happened to the calls (background/pipeline-events.ts). */
export interface PipelineEvent {
  at: number;
  /** the call tab it happened in; null for the extension as a whole */
  tabId: number | null;
  what: string;
}

export interface DiagnosticsState {
  extensionVersion: string;
  generatedAt: number;
  calls: TabPipeline[];
  lastError: string | null;
  /** recent lifecycle events, oldest first (kept across service worker restarts, not across updates) */
  events?: PipelineEvent[];
  /** the session store's health (issue 6): corrupt records set aside, storage errors */
  sessions?: {
    stored: number;
    open: number;
    setAside: { key: string; reason: string }[];
    droppedForQuota: number;
    lastError: string | null;
  };
}
