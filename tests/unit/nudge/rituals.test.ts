// The session rituals (issue 9) through the real nudge policy: the same rate limits, calm start,
// never-mid-story hold, per-type switches and snooze as every other nudge.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { quietConversation, replay as replayIssue5, type Sample } from './replay';

/** Replays with every nudge type on (the harness switches the rituals off for the issue-5 tests). */
const replay = (seconds: number, script: (t: number) => Sample) =>
  replayIssue5(seconds, (t) => {
    const sample = script(t);
    return { ...sample, settings: { nudges: DEFAULT_SETTINGS.nudges, ...sample.settings } };
  });

const client = (speaking: boolean, turnMs: number) => ({ ...quietConversation(), clientSpeaking: speaking, clientTurnMs: turnMs });
const typesAt = (fired: { t: number; type: string }[]) => fired.map((f) => [f.t, f.type]);

describe('session rituals as nudges', () => {
  it('gives the warm start once, early, inside the calm start', () => {
    expect(typesAt(replay(600, () => ({})))).toEqual([[5, 'warm-start']]);
  });

  it('holds the warm start while the client tells their story, and shows it at the pause', () => {
    const fired = replay(120, (t): Sample => ({ conversation: t < 40 ? client(true, (t + 10) * 1000) : client(false, 0) }));
    expect(typesAt(fired)).toEqual([[40, 'warm-start']]);
  });

  it('asks the alliance check-in at 80 % of the usual session length', () => {
    const fired = replay(45 * 60, (): Sample => ({ settings: { sessionMinutes: 50 } }));
    expect(typesAt(fired)).toEqual([
      [5, 'warm-start'],
      [40 * 60, 'check-in'],
    ]);
  });

  it('cues "narrate" after 15 s of typing through a pause in the client’s story, not while the therapist talks', () => {
    // t 70-110: the client speaks in short turns (the policy's hold never engages) while the therapist types
    const typing = (t: number): Sample => ({
      activity: { keys: t >= 70 && t < 110 ? 3 : 0, remoteFrozenMs: null },
      conversation: client(t >= 70 && t < 110 && t % 6 !== 0, (t % 6) * 1000),
    });
    const fired = replay(200, typing);
    expect(typesAt(fired)).toEqual([
      [5, 'warm-start'],
      [85, 'narrate'], // typing from t=71 (4 presses within 3 s): 15 s of it by t=85
    ]);
    const talking = replay(200, (t) => ({ ...typing(t), conversation: { ...quietConversation(), therapistSpeaking: true } }));
    expect(typesAt(talking)).toEqual([[5, 'warm-start']]);
  });

  it('holds "narrate" through a long story told over the typing, and gives it at the pause', () => {
    // the client speaks without a pause from t=60 to t=160 while the therapist types from t=70 to t=170
    const story = (t: number): Sample => ({
      activity: { keys: t >= 70 && t < 170 ? 3 : 0, remoteFrozenMs: null },
      conversation: t >= 60 && t < 160 ? client(true, (t - 60) * 1000) : client(false, 0),
    });
    expect(typesAt(replay(240, story))).toEqual([
      [5, 'warm-start'],
      [160, 'narrate'],
    ]);
    // typing stopped at t=100, long before the pause: the cue no longer fits and is dropped
    const stopped = (t: number): Sample => ({ ...story(t), activity: { keys: t >= 70 && t < 100 ? 3 : 0, remoteFrozenMs: null } });
    expect(typesAt(replay(240, stopped))).toEqual([[5, 'warm-start']]);
  });

  it('names a dropped connection even in the first minute, and respects the per-type switch and the snooze', () => {
    const frozen = (t: number): Sample => ({ activity: { keys: 0, remoteFrozenMs: t >= 30 && t < 50 ? (t - 30) * 1000 : 0 } });
    expect(typesAt(replay(120, frozen))).toEqual([
      [5, 'warm-start'],
      [34, 'connection-drop'],
    ]);
    const off = { nudges: { ...DEFAULT_SETTINGS.nudges, 'connection-drop': false } };
    expect(typesAt(replay(120, (t) => ({ ...frozen(t), settings: off })))).toEqual([[5, 'warm-start']]);
    expect(typesAt(replay(120, (t) => ({ ...frozen(t), mute: { snoozed: true } })))).toEqual([]);
  });

  it('drops a due ritual that never found its moment instead of showing it late', () => {
    // snoozed for the first 3 minutes: the warm start (due at 5 s, kept 90 s) is gone by then
    expect(typesAt(replay(400, (t) => ({ mute: { snoozed: t < 180 } })))).toEqual([]);
  });
});
