// The nudge policy: verdicts in once a second, at most one nudge out. Rules (rules.ts) say what could
// be said; this file decides whether now is a moment to say it. In order: the type must be switched
// on; nothing while snoozed or quiet; nothing while the client has held the floor > 5 s (wait for a
// pause); a calm start (only setup problems in the first minute); at most one nudge per 20 s; the
// same type at most once per 2 min. Timing scales with the sensitivity preset (timing.ts).
import { NUDGE_KINDS, type NudgeKind, type NudgeMessage } from './messages';
import {
  ConnectionRule,
  EyeContactRule,
  framingRule,
  lightingRule,
  LookAwayRule,
  TalkOverRule,
  voiceLevelRule,
  type ActivityInput,
  type ConversationInput,
  type Rule,
  type RuleInput,
  type VisionInput,
} from './rules';
import { RitualRule } from './ritual-rule';
import { timingFor, type NudgeSensitivity, type NudgeTiming } from './timing';

/** The settings the policy reads (a structural subset of shared/settings' Settings). */
export interface NudgeSettings {
  nudges: Record<NudgeKind, boolean>;
  sensitivity: NudgeSensitivity;
  eyeContactTargetPct: number;
  /** the therapist's usual session length, minutes (end-of-session check-in) */
  sessionMinutes?: number;
}

export interface NudgeMute {
  /** snoozed (e.g. 15 min from the popup or the keyboard shortcut) */
  snoozed: boolean;
  /** "quiet for this session" */
  quiet: boolean;
}

export interface NudgeStepInput {
  /** wall clock, epoch ms: stamped on the nudge */
  now: number;
  /** ms since the session started, monotonic: every rule and limit runs on this clock */
  elapsedMs: number;
  vision: VisionInput | null;
  conversation: ConversationInput | null;
  /** typing and remote-video stalls seen by the bridge (issue 9); null when unknown */
  activity?: ActivityInput | null;
  settings: NudgeSettings;
  mute: NudgeMute;
}

export interface Nudge extends NudgeMessage {
  at: number;
}

/** Setup problems may be nudged during the calm start; so may the warm start and a dropped connection. */
export const SETUP_KINDS: readonly NudgeKind[] = ['lighting', 'framing', 'warm-start', 'connection-drop'];

export class NudgePolicy {
  // Priority order: events first (they expire), then the longest-standing kinds of trouble.
  private readonly rules: Rule[];
  private lastShownAt = -Infinity;
  private readonly lastByType = new Map<NudgeKind, number>();
  private lastElapsed = -Infinity;

  /** @param speedup divides every duration (>= 1); only the e2e test build passes more than 1 */
  constructor(private readonly speedup = 1) {
    this.rules = [
      new TalkOverRule(),
      new RitualRule(speedup),
      new LookAwayRule(),
      lightingRule(),
      framingRule(),
      voiceLevelRule(),
      new EyeContactRule(),
      new ConnectionRule(),
    ];
  }

  step(input: NudgeStepInput): Nudge | null {
    const { elapsedMs, settings } = input;
    if (!Number.isFinite(elapsedMs) || elapsedMs < this.lastElapsed)
      throw new RangeError(`elapsedMs must be finite and never go back (got ${elapsedMs} after ${this.lastElapsed})`);
    this.lastElapsed = elapsedMs;
    const timing = timingFor(settings.sensitivity, this.speedup);
    const ruleInput: RuleInput = {
      elapsedMs,
      vision: input.vision,
      conversation: input.conversation,
      eyeContactTargetPct: settings.eyeContactTargetPct,
      activity: input.activity ?? null,
      ...(settings.sessionMinutes !== undefined && { sessionMinutes: settings.sessionMinutes }),
    };
    // Every rule sees every sample, muted or not, so persistence clocks stay true.
    const candidates: { rule: Rule; message: NudgeMessage }[] = [];
    for (const rule of this.rules) {
      const message = rule.update(ruleInput, timing);
      if (message && settings.nudges[message.type]) candidates.push({ rule, message });
    }
    if (candidates.length === 0 || !this.mayShow(input, timing)) return null;
    const calm = elapsedMs < timing.calmStartMs;
    const pick = candidates.find(
      ({ message }) =>
        (!calm || SETUP_KINDS.includes(message.type)) && elapsedMs - (this.lastByType.get(message.type) ?? -Infinity) >= timing.sameTypeMs,
    );
    if (!pick) return null;
    pick.rule.shown();
    this.lastShownAt = elapsedMs;
    this.lastByType.set(pick.message.type, elapsedMs);
    return { ...pick.message, at: input.now };
  }

  private mayShow({ mute, conversation, elapsedMs }: NudgeStepInput, timing: NudgeTiming): boolean {
    if (mute.snoozed || mute.quiet) return false;
    if (conversation?.clientSpeaking && conversation.clientTurnMs > timing.clientSpeakingMaxMs) return false;
    return elapsedMs - this.lastShownAt >= timing.minGapMs;
  }
}

export { NUDGE_KINDS };

/** The rules in words for the options page (same timing as the policy). */
export { describeRules } from './describe';
