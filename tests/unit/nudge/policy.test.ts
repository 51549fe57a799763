// Replay tests for the nudge policy: scripted verdict timelines with known truth -> the nudges expected
// at the expected seconds, and none where the rules forbid.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NUDGE_KINDS } from '../../../src/core/nudge/messages';
import { NudgePolicy } from '../../../src/core/nudge/policy';
import { TIMING_PRESETS, timingFor } from '../../../src/core/nudge/timing';
import { NUDGE_TYPES, NudgeSchema } from '../../../src/shared/protocol';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { conversationWith, ISSUE5_NUDGES, quietConversation, replay } from './replay';

const SESSION = 600; // s
const between = (from: number, to: number) => (t: number) => t >= from && t < to;
const types = (fired: { type: string }[]) => fired.map((n) => n.type);

describe('nudge policy replay', () => {
  it('a good session gives zero nudges', () => {
    expect(replay(SESSION, () => ({}))).toEqual([]);
  });

  it('"unknown" verdicts and missing inputs never nudge', () => {
    const unknown = replay(SESSION, () => ({
      vision: { gaze: 'unknown', gazeCalibrated: true, lighting: 'unknown', framing: 'unknown' },
      conversation: { ...quietConversation(), voice: { level: 'unknown' }, connection: null, clientSpeaking: null },
    }));
    expect(unknown).toEqual([]);
    expect(replay(SESSION, () => ({ vision: null, conversation: null }))).toEqual([]);
  });

  it('looking away for >= 8 s after the calm start nudges within the persistence window + 2 s', () => {
    const away = between(90, 120);
    const fired = replay(SESSION, (t) => ({ vision: { gaze: away(t) ? 'away' : 'at-screen' } }));
    expect(types(fired)).toEqual(['look-away']);
    expect(fired[0]!.t).toBeGreaterThanOrEqual(98);
    expect(fired[0]!.t).toBeLessThanOrEqual(100);
  });

  it('looking away for 7 s, again and again, never nudges (the clock restarts)', () => {
    expect(replay(SESSION, (t) => ({ vision: { gaze: t % 10 < 7 ? 'away' : 'at-screen' } }))).toEqual([]);
    // a blip of unknown resets it too: unknown is never "bad"
    expect(replay(SESSION, (t) => ({ vision: { gaze: t % 6 === 5 ? 'unknown' : 'away' } }))).toEqual([]);
  });

  it.each([
    ['lighting', { lighting: 'too-dark' }, 'More light'],
    ['lighting', { lighting: 'backlit' }, 'Backlit'],
    ['framing', { framing: 'too-close' }, 'Sit back'],
    ['framing', { framing: 'off-centre' }, 'Re-centre'],
  ] as const)('%s bad (%o) from the start is nudged within 10 s + 2 s, even in the calm start', (type, bad, text) => {
    const fired = replay(50, (t) => ({ vision: t >= 3 ? bad : {} }));
    expect(fired.map((n) => [n.type, n.text])).toEqual([[type, text]]);
    expect(fired[0]!.t).toBeGreaterThanOrEqual(13);
    expect(fired[0]!.t).toBeLessThanOrEqual(15);
  });

  it('calm start: no look-away or talk-over in the first minute', () => {
    const fired = replay(70, (t) => ({
      vision: { gaze: t >= 5 && t < 40 ? 'away' : 'at-screen' },
      conversation: conversationWith(t, { 20: { tI: 1 }, 45: { tI: 1 } }),
    }));
    expect(fired).toEqual([]);
  });

  it('a storm of bad conditions keeps one nudge per 20 s and each type once per 2 min', () => {
    const fired = replay(SESSION, (t) => ({
      vision: { gaze: 'away', lighting: 'too-dark', framing: 'too-far' },
      conversation: conversationWith(t, Object.fromEntries(Array.from({ length: SESSION / 7 }, (_, i) => [i * 7, { tI: 1 }])), {
        voice: { level: 'too-quiet' },
      }),
    }));
    expect(fired.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < fired.length; i++) expect(fired[i]!.t - fired[i - 1]!.t).toBeGreaterThanOrEqual(20);
    for (const type of new Set(types(fired))) {
      const at = fired.filter((n) => n.type === type).map((n) => n.t);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(120);
    }
    // every kind of trouble got its turn
    expect(new Set(types(fired))).toEqual(new Set(['look-away', 'lighting', 'framing', 'talk-over', 'voice-level']));
    // nothing but setup problems in the first minute
    expect(fired.filter((n) => n.t < 60).every((n) => n.type === 'lighting' || n.type === 'framing')).toBe(true);
  });

  it('no nudge while the client has been speaking > 5 s; it waits for the pause', () => {
    const clientTalks = between(92, 140);
    const fired = replay(200, (t) => ({
      vision: { gaze: t >= 90 ? 'away' : 'at-screen' },
      conversation: { ...quietConversation(), clientSpeaking: clientTalks(t), clientTurnMs: clientTalks(t) ? (t - 92) * 1000 : 0 },
    }));
    expect(types(fired)[0]).toBe('look-away');
    // bad from 90, due at 98; the client spoke > 5 s from 98 to 139: first moment is the pause at 140
    expect(fired[0]!.t).toBe(140);
  });

  it('a short client turn (< 5 s) does not hold a nudge back', () => {
    const fired = replay(120, (t) => ({
      vision: { gaze: t >= 90 ? 'away' : 'at-screen' },
      conversation: { ...quietConversation(), clientSpeaking: t >= 97, clientTurnMs: t >= 97 ? Math.min(4000, (t - 97) * 1000) : 0 },
    }));
    expect(fired[0]).toMatchObject({ type: 'look-away', t: 98 });
  });

  it('talk-over: only a therapist interruption, never a backchannel or an interjection', () => {
    const only = (events: Parameters<typeof conversationWith>[1]) => replay(200, (t) => ({ conversation: conversationWith(t, events) }));
    expect(only({ 100: { tB: 3 }, 150: { cB: 2 } })).toEqual([]);
    expect(only({ 100: { tJ: 1 } })).toEqual([]);
    expect(only({ 100: { cI: 1 } })).toEqual([]);
    const fired = only({ 100: { tI: 1 } });
    expect(fired.map((n) => [n.type, n.t])).toEqual([['talk-over', 100]]);
    expect(fired[0]!.text).toBe('Listen first');
  });

  it('an interruption waits for the 20 s gap only up to its 10 s lifetime', () => {
    // look-away fires at 98; interruptions at 105 (expires at 115 before the gap ends at 118) and 125
    const fired = replay(200, (t) => ({
      vision: { gaze: t >= 90 && t < 100 ? 'away' : 'at-screen' },
      conversation: conversationWith(t, { 105: { tI: 1 }, 125: { tI: 1 } }),
    }));
    expect(fired.map((n) => [n.type, n.t])).toEqual([
      ['look-away', 98],
      ['talk-over', 125],
    ]);
  });

  it('slow connection + talk-overs (either side) -> "pause a beat", not "talk-over"', () => {
    const degraded = { connection: { rttMs: 650, degraded: true } };
    const fired = replay(200, (t) => ({
      conversation: conversationWith(t, { 100: { cI: 1 }, 150: { tI: 1 } }, degraded),
      settings: { nudges: { ...ISSUE5_NUDGES, connection: false } },
    }));
    expect(fired.map((n) => [n.type, n.t])).toEqual([['pause-beat', 100]]);
    expect(fired[0]!.why).toContain('650 ms');
  });

  it('a degraded connection alone is mentioned once it lasted 20 s, then not again for 2 min', () => {
    const fired = replay(300, (t) => ({ conversation: { ...quietConversation(), connection: { rttMs: 500, degraded: t >= 70 } } }));
    expect(fired.map((n) => [n.type, n.t])).toEqual([
      ['connection', 90],
      ['connection', 210],
    ]);
  });

  it('snooze and quiet are honoured; the persistence clock keeps running under them', () => {
    const away = (t: number) => ({ gaze: t >= 90 ? 'away' : 'at-screen' });
    const snoozed = replay(300, (t) => ({ vision: away(t), mute: { snoozed: t < 200 } }));
    expect(snoozed.map((n) => [n.type, n.t])).toEqual([['look-away', 200]]);
    expect(replay(300, (t) => ({ vision: away(t), mute: { quiet: true } }))).toEqual([]);
  });

  it('a type switched off is never nudged, others still are', () => {
    const off = { nudges: { ...ISSUE5_NUDGES, lighting: false } };
    const fired = replay(100, () => ({ vision: { lighting: 'too-dark', framing: 'too-close' }, settings: off }));
    expect(types(fired)).toEqual(['framing']);
  });

  it('eye contact under the target over the last minute, with calibrated gaze only', () => {
    // 1 s in 5 at the camera = 20 %, under the default 40 % target
    const script =
      (calibrated: boolean, everyN: number, target = 40) =>
      (t: number) => ({
        vision: { gaze: t % everyN === 0 ? 'at-camera' : 'at-screen', gazeCalibrated: calibrated },
        settings: { eyeContactTargetPct: target },
      });
    const fired = replay(150, script(true, 5));
    expect(fired.map((n) => [n.type, n.t])).toEqual([['eye-contact', 60]]);
    expect(fired[0]!.why).toMatch(/camera 20 % of the last 60 s; your target is 40 %/);
    expect(replay(300, script(false, 5))).toEqual([]); // uncalibrated: unknown
    expect(replay(300, script(true, 2))).toEqual([]); // 50 % >= 40 %
    expect(replay(300, script(true, 2, 60)).map((n) => n.t)).toEqual([60, 180]); // 50 % < 60 %, once per 2 min
  });

  it.each([
    ['gentle', 12],
    ['standard', 8],
    ['detailed', 6],
  ] as const)('sensitivity %s: look-away after %i s', (sensitivity, persist) => {
    const fired = replay(200, (t) => ({ vision: { gaze: t >= 100 ? 'away' : 'at-screen' }, settings: { sensitivity } }));
    expect(fired[0]).toMatchObject({ type: 'look-away', t: 100 + persist });
  });

  it('the e2e speedup divides every duration, and rejects nonsense', () => {
    const fast = replay(30, (t) => ({ vision: { lighting: t >= 2 ? 'too-dark' : 'good' } }), 10);
    expect(fast.map((n) => [n.type, n.t])).toEqual([
      ['lighting', 3],
      ['lighting', 15],
      ['lighting', 27],
    ]);
    expect(timingFor('standard', 4).minGapMs).toBe(5000);
    expect(() => timingFor('standard', 0.5)).toThrow(/speedup/);
    expect(() => timingFor('loud' as 'gentle')).toThrow(/sensitivity/);
    const policy = new NudgePolicy();
    const input = { now: 0, vision: null, conversation: null, settings: DEFAULT_SETTINGS, mute: { snoozed: false, quiet: false } };
    policy.step({ ...input, elapsedMs: 5000 });
    expect(() => policy.step({ ...input, elapsedMs: 4000 })).toThrow(/never go back/);
    expect(() => policy.step({ ...input, elapsedMs: Number.NaN })).toThrow(/finite/);
  });

  it('no preset allows more than one nudge per 20 s or the same type more than once per 2 min', () => {
    for (const preset of Object.values(TIMING_PRESETS)) {
      expect(preset.minGapMs).toBeGreaterThanOrEqual(20_000);
      expect(preset.sameTypeMs).toBeGreaterThanOrEqual(120_000);
    }
  });
});

describe('nudge messages', () => {
  it('the core kinds are exactly the protocol types', () => {
    expect([...NUDGE_KINDS]).toEqual([...NUDGE_TYPES]);
  });

  it('every nudge the storm produces is valid on the wire and short', () => {
    const fired = replay(SESSION, (t) => ({
      vision: {
        gaze: 'away',
        lighting: t < 300 ? 'side-lit' : 'overexposed',
        lightFrom: 'your-left',
        framing: t < 300 ? 'tilted' : 'cut-off',
      },
      conversation: conversationWith(
        t,
        { 200: { tI: 1 }, 400: { cI: 1 } },
        { voice: { level: 'clipping' }, connection: { rttMs: 700, degraded: t >= 380 } },
      ),
    }));
    expect(new Set(types(fired)).size).toBeGreaterThanOrEqual(6);
    for (const nudge of fired) {
      const { t: _t, ...wire } = nudge;
      expect(v.safeParse(NudgeSchema, wire).success).toBe(true);
      // one or two words; "Pause a beat" is the issue's own phrase
      if (nudge.type !== 'pause-beat') expect(nudge.text.split(/\s+/).length).toBeLessThanOrEqual(2);
      expect(nudge.why.length).toBeGreaterThan(10);
    }
    expect(fired.find((n) => n.type === 'lighting')!.why).toContain('light from your left');
  });
});
