// Nudge timing by sensitivity preset, in ms. The standard preset is the rule set, taken from
// the live-feedback research it cites: sparse cues, at most about one per 20 s (Rhema, IUI 2015).
// Gentle waits longer and nudges less often; detailed reacts a little sooner but never more often
// than one nudge per 20 s.

export type NudgeSensitivity = 'gentle' | 'standard' | 'detailed';

export interface NudgeTiming {
  /** looking away this long before "Look back" */
  awayMs: number;
  /** lighting / framing / voice level bad this long before it is nudged */
  setupBadMs: number;
  /** eye contact is judged over this trailing window */
  eyeContactWindowMs: number;
  /** the connection degraded this long before "Slow link" */
  connectionMs: number;
  /** a talk-over event waits at most this long for a moment when a nudge may show */
  eventTtlMs: number;
  /** at most one nudge per this gap, any type */
  minGapMs: number;
  /** the same type at most once per this cooldown */
  sameTypeMs: number;
  /** no nudge while the client has held the floor longer than this: wait for a pause */
  clientSpeakingMaxMs: number;
  /** calm start: only setup problems (lighting, framing) in the first part of a session */
  calmStartMs: number;
}

export const TIMING_PRESETS: Record<NudgeSensitivity, NudgeTiming> = {
  gentle: {
    awayMs: 12_000,
    setupBadMs: 15_000,
    eyeContactWindowMs: 90_000,
    connectionMs: 30_000,
    eventTtlMs: 10_000,
    minGapMs: 40_000,
    sameTypeMs: 240_000,
    clientSpeakingMaxMs: 5_000,
    calmStartMs: 90_000,
  },
  standard: {
    awayMs: 8_000,
    setupBadMs: 10_000,
    eyeContactWindowMs: 60_000,
    connectionMs: 20_000,
    eventTtlMs: 10_000,
    minGapMs: 20_000,
    sameTypeMs: 120_000,
    clientSpeakingMaxMs: 5_000,
    calmStartMs: 60_000,
  },
  detailed: {
    awayMs: 6_000,
    setupBadMs: 8_000,
    eyeContactWindowMs: 60_000,
    connectionMs: 15_000,
    eventTtlMs: 10_000,
    minGapMs: 20_000,
    sameTypeMs: 120_000,
    clientSpeakingMaxMs: 5_000,
    calmStartMs: 60_000,
  },
};

/** The preset's timing, every duration divided by `speedup` (>= 1; only the e2e test build uses > 1). */
export function timingFor(sensitivity: NudgeSensitivity, speedup = 1): NudgeTiming {
  if (!Number.isFinite(speedup) || speedup < 1) throw new RangeError(`speedup must be a finite number >= 1, got ${speedup}`);
  const preset = TIMING_PRESETS[sensitivity];
  if (!preset) throw new RangeError(`unknown sensitivity "${String(sensitivity)}"`);
  const out = { ...preset };
  for (const key of Object.keys(out) as (keyof NudgeTiming)[]) out[key] = Math.round(preset[key] / speedup);
  return out;
}
