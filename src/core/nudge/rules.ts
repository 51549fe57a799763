// The conditions behind each nudge, as small state machines fed once a second. Each rule answers
// "is there something to say right now?" and knows nothing about rate limits, mute or calm start
// (policy.ts applies those). "unknown" is never bad: it resets a persistence clock, never starts one.
import {
  connectionMessage,
  eyeContactMessage,
  framingMessage,
  lightingMessage,
  lookAwayMessage,
  pauseBeatMessage,
  talkOverMessage,
  voiceLevelMessage,
  type NudgeMessage,
} from './messages';
import type { NudgeTiming } from './timing';

/** The vision verdicts this policy reads (a structural subset of shared/protocol's Vision). */
export interface VisionInput {
  gaze: string;
  gazeCalibrated: boolean;
  lighting: string;
  lightFrom: string | null;
  framing: string;
}

interface TalkOverCounts {
  interruption: number;
  interjection: number;
  backchannel: number;
}

/** The conversation summary this policy reads (a structural subset of shared/protocol's Conversation). */
export interface ConversationInput {
  clientSpeaking: boolean | null;
  clientTurnMs: number;
  talkOvers: { therapist: TalkOverCounts; client: TalkOverCounts };
  voice: { level: string };
  connection: { rttMs: number | null; degraded: boolean; lossPct?: number | null } | null;
  therapistSpeaking?: boolean | null;
}

/** What the bridge sees of the call tab besides media (issue 9): counts only. */
export interface ActivityInput {
  /** key presses in the call tab over the last second (never which keys) */
  keys: number;
  /** how long the client's video has been stalled, ms; null without remote video */
  remoteFrozenMs: number | null;
}

export interface RuleInput {
  /** ms since the session started (monotonic) */
  elapsedMs: number;
  vision: VisionInput | null;
  conversation: ConversationInput | null;
  /** the therapist's eye-contact target, % of time at the camera */
  eyeContactTargetPct: number;
  activity?: ActivityInput | null;
  /** the therapist's usual session length, minutes (for the end-of-session check-in) */
  sessionMinutes?: number;
}

export interface Rule {
  /** Folds one sample; returns the message to show if the condition holds now, else null. */
  update(input: RuleInput, timing: NudgeTiming): NudgeMessage | null;
  /** Called after this rule's nudge was shown (events are consumed; persistent conditions keep their clock). */
  shown(): void;
}

/** A condition that must hold without a break for `persistMs` before it counts. */
class Persistence {
  private since: number | null = null;
  private kind: string | null = null;
  /** Returns how long `kind` has held (ms), or null when the condition is not present. */
  update(elapsedMs: number, kind: string | null): number | null {
    if (kind === null) {
      this.since = null;
      this.kind = null;
      return null;
    }
    if (this.since === null) this.since = elapsedMs;
    this.kind = kind;
    return elapsedMs - this.since;
  }
  get current(): string | null {
    return this.kind;
  }
}

export class LookAwayRule implements Rule {
  private readonly held = new Persistence();
  update({ elapsedMs, vision }: RuleInput, t: NudgeTiming): NudgeMessage | null {
    const forMs = this.held.update(elapsedMs, vision?.gaze === 'away' ? 'away' : null);
    return forMs !== null && forMs >= t.awayMs ? lookAwayMessage(forMs) : null;
  }
  shown(): void {}
}

/** Generic "this verdict field is bad for long enough" rule (lighting, framing, voice level). */
class BadVerdictRule implements Rule {
  private readonly held = new Persistence();
  constructor(
    private readonly read: (input: RuleInput) => string | null,
    private readonly message: (kind: string, forMs: number, input: RuleInput) => NudgeMessage,
  ) {}
  update(input: RuleInput, t: NudgeTiming): NudgeMessage | null {
    const forMs = this.held.update(input.elapsedMs, this.read(input));
    return forMs !== null && forMs >= t.setupBadMs ? this.message(this.held.current!, forMs, input) : null;
  }
  shown(): void {}
}

const badOf = (value: string | undefined, good: readonly string[]) => (value === undefined || good.includes(value) ? null : value);

export const lightingRule = () =>
  new BadVerdictRule(
    ({ vision }) => badOf(vision?.lighting, ['good', 'unknown']),
    (kind, forMs, { vision }) => lightingMessage(kind, forMs, vision?.lightFrom ?? null),
  );
export const framingRule = () => new BadVerdictRule(({ vision }) => badOf(vision?.framing, ['good', 'unknown']), framingMessage);
export const voiceLevelRule = () =>
  new BadVerdictRule(({ conversation }) => badOf(conversation?.voice.level, ['ok', 'unknown']), voiceLevelMessage);

/**
 * Eye contact over the trailing window, against the therapist's own target. Only calibrated gaze
 * counts: uncalibrated "at camera" recall was 0.19-0.44 on our labelled frames (core/gaze.ts), so an
 * uncalibrated verdict would nag for nothing. Samples with unknown gaze or closed eyes are skipped;
 * the window must be at least half covered by known samples before it is judged.
 */
export class EyeContactRule implements Rule {
  // One slot per second of the longest preset window (gentle: 90 s), preallocated.
  private readonly at = new Int8Array(120);
  private readonly stamp = new Float64Array(120).fill(-Infinity);
  private next = 0;
  update({ elapsedMs, vision, eyeContactTargetPct: target }: RuleInput, t: NudgeTiming): NudgeMessage | null {
    const gaze = vision?.gazeCalibrated ? vision.gaze : 'unknown';
    if (gaze === 'at-camera' || gaze === 'at-screen' || gaze === 'away') {
      this.at[this.next] = gaze === 'at-camera' ? 1 : 0;
      this.stamp[this.next] = elapsedMs;
      this.next = (this.next + 1) % this.at.length;
    }
    if (elapsedMs < t.eyeContactWindowMs || target <= 0) return null;
    let known = 0;
    let atCamera = 0;
    for (let i = 0; i < this.at.length; i++) {
      if (elapsedMs - this.stamp[i]! >= t.eyeContactWindowMs) continue;
      known++;
      atCamera += this.at[i]!;
    }
    // Samples come once a second: half the window's seconds must be known.
    if (known < t.eyeContactWindowMs / 1000 / 2) return null;
    const pct = (100 * atCamera) / known;
    return pct < target ? eyeContactMessage(pct, target, t.eyeContactWindowMs) : null;
  }
  shown(): void {}
}

const sumTalkOvers = (c: TalkOverCounts) => c.interruption + c.interjection;

/**
 * Talk-over events from the conversation counters. A new therapist interruption is a "talk-over"
 * event; any new interruption or interjection (either side) while the connection is degraded is a
 * "pause a beat" event instead (the overlap is likely the lag's doing). Backchannels ("mm-hm") are
 * never counted. An event waits at most `eventTtlMs` for a moment when a nudge may show.
 */
export class TalkOverRule implements Rule {
  private last: { therapist: number; both: number } | null = null;
  private pendingAt: number | null = null;
  private pendingLag = false;
  private rtt: number | null = null;
  update({ elapsedMs, conversation }: RuleInput, t: NudgeTiming): NudgeMessage | null {
    if (conversation) {
      const counts = {
        therapist: conversation.talkOvers.therapist.interruption,
        both: sumTalkOvers(conversation.talkOvers.therapist) + sumTalkOvers(conversation.talkOvers.client),
      };
      const degraded = conversation.connection?.degraded === true;
      // Counters that went down mean a new conversation summary (e.g. the coach restarted): rebase.
      if (this.last && counts.therapist >= this.last.therapist && counts.both >= this.last.both) {
        if (degraded && counts.both > this.last.both) {
          this.pendingAt = elapsedMs;
          this.pendingLag = true;
          this.rtt = conversation.connection?.rttMs ?? null;
        } else if (counts.therapist > this.last.therapist) {
          this.pendingAt = elapsedMs;
          this.pendingLag = false;
        }
      }
      this.last = counts;
    }
    if (this.pendingAt !== null && elapsedMs - this.pendingAt > t.eventTtlMs) this.pendingAt = null;
    if (this.pendingAt === null) return null;
    return this.pendingLag ? pauseBeatMessage(this.rtt) : talkOverMessage();
  }
  shown(): void {
    this.pendingAt = null;
  }
}

export class ConnectionRule implements Rule {
  private readonly held = new Persistence();
  update({ elapsedMs, conversation }: RuleInput, t: NudgeTiming): NudgeMessage | null {
    const forMs = this.held.update(elapsedMs, conversation?.connection?.degraded ? 'degraded' : null);
    return forMs !== null && forMs >= t.connectionMs ? connectionMessage(forMs) : null;
  }
  shown(): void {}
}
