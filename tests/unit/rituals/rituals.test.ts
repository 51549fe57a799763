import { describe, expect, it } from 'vitest';
import {
  backToBackMs,
  checkInAt,
  DEFAULT_RITUALS,
  Rituals,
  suggestBreak,
  videoTime,
  type RitualInput,
} from '../../../src/core/rituals/rituals';

const quiet: Omit<RitualInput, 'elapsedMs'> = {
  keys: 0,
  therapistSpeaking: false,
  clientSpeaking: false,
  gaze: 'at-screen',
  rttMs: 80,
  lossPct: 0,
  remoteFrozenMs: 0,
};

/** Replays a timeline second by second (the default warm start is switched off to keep the lists short); `at(s)` gives the input at second s. Returns the cues with their second. */
function replay(seconds: number, at: (s: number) => Partial<RitualInput>, options = DEFAULT_RITUALS): [number, string][] {
  const rituals = new Rituals({ ...options, ...optionsOverride(options) });
  const out: [number, string][] = [];
  for (let s = 0; s <= seconds; s++) for (const cue of rituals.update({ ...quiet, elapsedMs: s * 1000, ...at(s) })) out.push([s, cue.type]);
  return out;
}
const optionsOverride = (o: typeof DEFAULT_RITUALS) => ({
  warmStartAtMs: o.warmStartAtMs === DEFAULT_RITUALS.warmStartAtMs ? Infinity : o.warmStartAtMs,
});

describe('narrate when typing', () => {
  it('cues once after 15 s of typing through the client speaking', () => {
    const cues = replay(60, (s) => (s >= 10 && s < 40 ? { keys: 3, clientSpeaking: true } : {}));
    expect(cues).toEqual([[25, 'narrate']]); // typing is on from s=11 (4 keys within 3 s): 15 s of it by s=25
  });

  it('never cues typing while the therapist is speaking', () => {
    expect(replay(60, (s) => (s >= 10 && s < 50 ? { keys: 3, therapistSpeaking: true } : {}))).toEqual([]);
  });

  it('does not cue short bursts separated by long pauses', () => {
    // 10 s of typing, 6 s pause, 10 s typing: each stretch resets
    expect(replay(60, (s) => ((s >= 5 && s < 15) || (s >= 21 && s < 31) ? { keys: 3, clientSpeaking: true } : {}))).toEqual([]);
  });

  it('cues again after a new stretch, and counts looking down at the keyboard between key bursts', () => {
    const cues = replay(120, (s) => {
      if (s >= 0 && s < 20) return { keys: 2, clientSpeaking: true };
      if (s >= 60 && s < 90) return { keys: s % 8 === 4 ? 5 : 0, gaze: 'away', clientSpeaking: true };
      return {};
    });
    expect(cues).toEqual([
      [15, 'narrate'],
      [76, 'narrate'], // 7 s from each 5-key burst (3 s of keys, then looking down), bursts 8 s apart
    ]);
    // the same sparse key bursts while looking at the screen are not a stretch
    const sparse = replay(120, (s) => (s >= 60 && s < 90 ? { keys: s % 8 === 4 ? 5 : 0, clientSpeaking: true } : {}));
    expect(sparse).toEqual([]);
  });

  it('does not treat looking away without typing as typing', () => {
    expect(replay(60, () => ({ gaze: 'away', clientSpeaking: true }))).toEqual([]);
  });
});

describe('warm start and alliance check-in', () => {
  it('reminds once at the start and once near the usual end', () => {
    const rituals = new Rituals({ ...DEFAULT_RITUALS, checkInAtMs: checkInAt(50) });
    const cues: [number, string][] = [];
    for (let s = 0; s <= 50 * 60; s += 1) for (const c of rituals.update({ ...quiet, elapsedMs: s * 1000 })) cues.push([s, c.type]);
    expect(cues).toEqual([
      [5, 'warm-start'],
      [40 * 60, 'check-in'],
    ]);
  });
  it('marks the warm start as allowed during the calm start, the check-in not', () => {
    const rituals = new Rituals({ ...DEFAULT_RITUALS, checkInAtMs: 6000 });
    const cues = [...rituals.update({ ...quiet, elapsedMs: 5000 }), ...rituals.update({ ...quiet, elapsedMs: 6000 })];
    expect(cues.map((c) => [c.type, c.early])).toEqual([
      ['warm-start', true],
      ['check-in', false],
    ]);
    expect(cues.every((c) => c.text.split(' ').length <= 3 && c.why.length > 20)).toBe(true);
  });
});

describe('connection drops', () => {
  it('cues when the remote video has been frozen for 4 s, once per episode', () => {
    const cues = replay(120, (s) =>
      s >= 10 && s < 30 ? { remoteFrozenMs: (s - 10) * 1000 } : s >= 80 && s < 90 ? { remoteFrozenMs: (s - 80) * 1000 } : {},
    );
    expect(cues).toEqual([
      [14, 'connection-drop'],
      [84, 'connection-drop'],
    ]);
  });
  it('does not re-cue a flapping connection before it has been good for 30 s', () => {
    const cues = replay(100, (s) => ((s >= 10 && s < 20) || (s >= 30 && s < 40) ? { rttMs: 1200 } : {}));
    expect(cues).toEqual([[14, 'connection-drop']]);
  });
  it('ignores a merely slow connection', () => {
    expect(replay(100, () => ({ rttMs: 400, lossPct: 2 }))).toEqual([]);
  });
});

describe('video fatigue', () => {
  const h = 3_600_000;
  const m = 60_000;
  // 2026-12-02 is a Wednesday; UTC times, offset 0
  const wed9 = Date.UTC(2026, 11, 2, 9);
  const spans = [
    { startMs: Date.UTC(2026, 10, 30, 10), endMs: Date.UTC(2026, 10, 30, 11) }, // Monday: this week
    { startMs: Date.UTC(2026, 10, 29, 10), endMs: Date.UTC(2026, 10, 29, 12) }, // Sunday: last week
    { startMs: wed9, endMs: wed9 + 50 * m },
    { startMs: wed9 + h, endMs: wed9 + h + 50 * m },
  ];
  it('sums video time today and this week in local time', () => {
    expect(videoTime(spans, wed9 + 2 * h, 0)).toEqual({ todayMs: 100 * m, weekMs: 160 * m });
    // at UTC-10 the 09:00 UTC session is still Tuesday night: only the second one is today
    expect(videoTime(spans, wed9 + 2 * h, 600).todayMs).toBe(50 * m);
    expect(videoTime(spans, wed9 + 30 * m, 0)).toEqual({ todayMs: 30 * m, weekMs: 90 * m });
  });
  it('suggests a break only after a long back-to-back stretch', () => {
    expect(backToBackMs(spans, wed9 + h + 50 * m)).toBe(100 * m);
    expect(suggestBreak(spans, wed9 + h + 50 * m)).toBe(false);
    const long = [
      ...spans,
      { startMs: wed9 + 2 * h, endMs: wed9 + 2 * h + 50 * m },
      { startMs: wed9 + 3 * h, endMs: wed9 + 3 * h + 50 * m },
    ];
    expect(suggestBreak(long, wed9 + 3 * h + 50 * m)).toBe(true);
    expect(suggestBreak(long, wed9 + 5 * h)).toBe(false); // an hour off: the stretch is over
  });
});
