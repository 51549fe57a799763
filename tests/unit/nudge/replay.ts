// Replay harness: a scripted timeline of verdicts, one sample a second, through the real policy.
import type { ActivityInput } from '../../../src/core/nudge/rules';
import { NudgePolicy, type Nudge, type NudgeMute, type NudgeSettings } from '../../../src/core/nudge/policy';
import type { ConversationInput, VisionInput } from '../../../src/core/nudge/rules';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';

export const GOOD_VISION: VisionInput = { gaze: 'at-screen', gazeCalibrated: false, lighting: 'good', lightFrom: null, framing: 'good' };

const counts = () => ({ interruption: 0, interjection: 0, backchannel: 0 });
export function quietConversation(): ConversationInput {
  return {
    clientSpeaking: false,
    clientTurnMs: 0,
    talkOvers: { therapist: counts(), client: counts() },
    voice: { level: 'ok' },
    connection: { rttMs: 80, degraded: false },
  };
}

export interface Sample {
  vision?: Partial<VisionInput> | null;
  conversation?: ConversationInput | null;
  mute?: Partial<NudgeMute>;
  settings?: Partial<NudgeSettings>;
  activity?: ActivityInput | null;
}

export interface Fired extends Nudge {
  /** second of the session it fired at */
  t: number;
}

const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/** The issue-5 rules alone: the session rituals (issue 9, tests/unit/nudge/rituals.test.ts) switched off. */
export const RITUALS_OFF = { narrate: false, 'warm-start': false, 'check-in': false, 'connection-drop': false } as const;
export const ISSUE5_NUDGES = { ...DEFAULT_SETTINGS.nudges, ...RITUALS_OFF };

/** Runs `seconds` samples (t = 0, 1, ... seconds - 1) and returns every nudge with its second. */
export function replay(seconds: number, script: (t: number) => Sample, speedup = 1): Fired[] {
  const policy = new NudgePolicy(speedup);
  const fired: Fired[] = [];
  for (let t = 0; t < seconds; t++) {
    const sample = script(t);
    const settings: NudgeSettings = { ...DEFAULT_SETTINGS, nudges: ISSUE5_NUDGES, ...sample.settings };
    const vision = sample.vision === null ? null : { ...GOOD_VISION, ...sample.vision };
    const nudge = policy.step({
      now: T0 + t * 1000,
      elapsedMs: t * 1000,
      vision,
      conversation: sample.conversation === undefined ? quietConversation() : sample.conversation,
      activity: sample.activity ?? null,
      settings,
      mute: { snoozed: false, quiet: false, ...sample.mute },
    });
    if (nudge) fired.push({ ...nudge, t });
  }
  return fired;
}

/** A conversation whose counters are the running totals of events scripted per second. */
export function conversationWith(
  t: number,
  events: Record<number, Partial<Record<'tI' | 'tJ' | 'tB' | 'cI' | 'cJ' | 'cB', number>>>,
  extra: Partial<ConversationInput> = {},
): ConversationInput {
  const c = quietConversation();
  for (const [at, e] of Object.entries(events)) {
    if (Number(at) > t) continue;
    c.talkOvers.therapist.interruption += e.tI ?? 0;
    c.talkOvers.therapist.interjection += e.tJ ?? 0;
    c.talkOvers.therapist.backchannel += e.tB ?? 0;
    c.talkOvers.client.interruption += e.cI ?? 0;
    c.talkOvers.client.interjection += e.cJ ?? 0;
    c.talkOvers.client.backchannel += e.cB ?? 0;
  }
  return { ...c, ...extra };
}
