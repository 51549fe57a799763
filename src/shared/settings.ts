// User settings: versioned, derived from the defaults, each field validated on read and falling back
// to its default alone when it is bad (STYLE.md: stored data is untrusted; darkreader's validation).
// One contract for every reader: the bridge (analysis rate), the coach (nudges), the popup and options.
import * as v from 'valibot';
import { NUDGE_TYPES, type NudgeType } from './protocol';

export const SETTINGS_KEY = 'settings';
export const SETTINGS_VERSION = 2;

export const SENSITIVITIES = ['gentle', 'standard', 'detailed'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** Talk-ratio bands (therapist share of talk, %) by modality; "custom" uses the stored min/max. */
export const TALK_RATIO_PRESETS = {
  'client-centred': { min: 20, max: 40 },
  balanced: { min: 30, max: 50 },
  directive: { min: 40, max: 60 },
} as const;
export type TalkRatioPreset = keyof typeof TALK_RATIO_PRESETS | 'custom';

const allOn = Object.fromEntries(NUDGE_TYPES.map((t) => [t, true])) as Record<NudgeType, boolean>;

export const DEFAULT_SETTINGS = {
  version: SETTINGS_VERSION as typeof SETTINGS_VERSION,
  /** camera frames analysed per second (gaze needs >= 5; see the performance issue) */
  analysisFps: 5,
  /** per-type nudges on/off */
  nudges: allOn,
  sensitivity: 'standard' as Sensitivity,
  /** the therapist's own eye-contact target, % of time looking at the camera */
  eyeContactTargetPct: 40,
  talkRatioPreset: 'balanced' as TalkRatioPreset,
  talkRatioMinPct: 30,
  talkRatioMaxPct: 50,
  /** stored sessions older than this are deleted */
  retentionDays: 90,
  /** the therapist's usual session length (for end-of-session cues) */
  sessionMinutes: 50,
  /** suggest a break after long back-to-back stretches of sessions (video fatigue); off by default */
  breakReminders: false,
};
export type Settings = typeof DEFAULT_SETTINGS;

const pct = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));

const fieldSchemas: { [K in keyof Settings]: v.GenericSchema<unknown, Settings[K]> } = {
  version: v.literal(SETTINGS_VERSION),
  analysisFps: v.pipe(v.number(), v.minValue(1), v.maxValue(15)),
  nudges: v.pipe(
    v.record(v.string(), v.boolean()),
    v.transform((stored) => ({ ...allOn, ...Object.fromEntries(NUDGE_TYPES.filter((t) => t in stored).map((t) => [t, stored[t]])) })),
  ) as v.GenericSchema<unknown, Record<NudgeType, boolean>>,
  sensitivity: v.picklist(SENSITIVITIES),
  eyeContactTargetPct: pct,
  talkRatioPreset: v.picklist([...(Object.keys(TALK_RATIO_PRESETS) as (keyof typeof TALK_RATIO_PRESETS)[]), 'custom']),
  talkRatioMinPct: pct,
  talkRatioMaxPct: pct,
  retentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
  sessionMinutes: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(240)),
  breakReminders: v.boolean(),
};

/** Ordered migrations: index i upgrades version i+1 to i+2. */
const MIGRATIONS: ((old: Record<string, unknown>) => Record<string, unknown>)[] = [
  // v1 -> v2: only analysisFps existed; everything else takes its default
  (old) => ({ ...old, version: 2 }),
];

/** Settings from an untrusted stored value; unknown keys are dropped, bad fields reset. */
export function readSettings(stored: unknown): Settings {
  let source = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const from = typeof source.version === 'number' && Number.isInteger(source.version) ? source.version : SETTINGS_VERSION;
  for (let version = from; version >= 1 && version < SETTINGS_VERSION; version++) source = MIGRATIONS[version - 1]!(source);
  const out = { ...DEFAULT_SETTINGS, nudges: { ...allOn } };
  for (const key of Object.keys(fieldSchemas) as (keyof Settings)[]) {
    const parsed = v.safeParse(fieldSchemas[key], source[key]);
    if (parsed.success) (out as Record<string, unknown>)[key] = parsed.output;
  }
  if (out.talkRatioMinPct > out.talkRatioMaxPct) {
    out.talkRatioMinPct = DEFAULT_SETTINGS.talkRatioMinPct;
    out.talkRatioMaxPct = DEFAULT_SETTINGS.talkRatioMaxPct;
  }
  return out;
}

/** The talk-ratio band in force (preset or custom). */
export function talkRatioBand(settings: Settings): { min: number; max: number } {
  if (settings.talkRatioPreset === 'custom') return { min: settings.talkRatioMinPct, max: settings.talkRatioMaxPct };
  return TALK_RATIO_PRESETS[settings.talkRatioPreset];
}
