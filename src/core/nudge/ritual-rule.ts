// The session rituals (core/rituals) as one nudge rule: a ritual that falls due waits in a short
// queue until the policy finds a moment for it (rate limits, never mid-story, snooze/quiet), and is
// dropped if that moment does not come while it still makes sense.
import { checkInAt, DEFAULT_RITUALS, Rituals, type RitualCue, type RitualOptions, type RitualType } from '../rituals/rituals';
import type { NudgeMessage } from './messages';
import type { Rule, RuleInput } from './rules';

/** How long a due ritual may wait for its moment, ms (on the real clock, also in the e2e test build). */
const KEEP_MS: Record<RitualType, number> = {
  narrate: 30_000,
  'warm-start': 90_000,
  'check-in': 5 * 60_000,
  'connection-drop': 20_000,
};

const scaled = (o: RitualOptions, speedup: number): RitualOptions => ({
  ...o,
  typingCueMs: o.typingCueMs / speedup,
  warmStartAtMs: o.warmStartAtMs / speedup,
  dropMs: o.dropMs / speedup,
  dropRearmMs: o.dropRearmMs / speedup,
});

export class RitualRule implements Rule {
  private readonly rituals: Rituals;
  private readonly pending: { cue: RitualCue; at: number }[] = [];

  constructor(private readonly speedup = 1) {
    this.rituals = new Rituals(scaled(DEFAULT_RITUALS, speedup));
  }

  update(input: RuleInput): NudgeMessage | null {
    const { elapsedMs, vision, conversation, activity } = input;
    if (input.sessionMinutes !== undefined) this.rituals.setCheckInAt(checkInAt(input.sessionMinutes) / this.speedup);
    const due = this.rituals.update({
      elapsedMs,
      keys: activity?.keys ?? 0,
      therapistSpeaking: conversation?.therapistSpeaking ?? null,
      clientSpeaking: conversation?.clientSpeaking ?? null,
      gaze: (vision?.gaze as never) ?? 'unknown',
      rttMs: conversation?.connection?.rttMs ?? null,
      lossPct: conversation?.connection?.lossPct ?? null,
      remoteFrozenMs: activity?.remoteFrozenMs ?? null,
    });
    for (const cue of due) this.pending.push({ cue, at: elapsedMs });
    // "narrate" keeps while the typing goes on (a client's long story holds every nudge; the cue
    // is still true at the pause if the therapist is still typing), and expires once it stops.
    if (this.rituals.typingNow()) for (const p of this.pending) if (p.cue.type === 'narrate') p.at = elapsedMs;
    while (this.pending.length > 0 && elapsedMs - this.pending[0]!.at > KEEP_MS[this.pending[0]!.cue.type]) this.pending.shift();
    const next = this.pending[0];
    if (!next) return null;
    const { type, text, icon, why } = next.cue;
    return { type, text, icon, why, severity: 'info' };
  }

  shown(): void {
    this.pending.shift();
  }
}
