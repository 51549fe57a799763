import { describe, expect, it } from 'vitest';
import { VoiceActivity, type VoiceActivityOptions } from '../../../src/core/audio/voice-activity';

const options: VoiceActivityOptions = { positive: 9, negative: 6, minSpeechMs: 100, redemptionMs: 300, lookbackMs: 200 };
const LOUD = 20;
const HOLD = 7; // between the thresholds
const QUIET = 0;

/** Feeds one score per 10 ms frame; returns the events as [type, atMs, startMs?] and the settled times. */
function run(scores: number[], o = options) {
  const vad = new VoiceActivity(o, 10);
  const events: [string, number, number?][] = [];
  const settled: number[] = [];
  scores.forEach((s, i) => {
    const e = vad.update(s, i * 10);
    if (e?.type === 'speech-start') events.push([e.type, e.atMs]);
    if (e?.type === 'speech-end') events.push([e.type, e.atMs, e.startMs]);
    settled.push(vad.settledMs);
  });
  return { events, settled, vad };
}

const frames = (n: number, score: number) => Array<number>(n).fill(score);

describe('VoiceActivity', () => {
  it('starts after minSpeechMs of loud frames, dated at the first one', () => {
    const { events } = run([...frames(20, QUIET), ...frames(50, LOUD), ...frames(40, QUIET)]);
    expect(events).toEqual([
      ['speech-start', 200],
      ['speech-end', 700, 200],
    ]);
  });

  it.each([50, 90])('drops a burst of %i ms: shorter than minSpeechMs, no event', (ms) => {
    expect(run([...frames(20, QUIET), ...frames(ms / 10, LOUD), ...frames(60, QUIET)]).events).toEqual([]);
  });

  it.each([
    [100, 1],
    [290, 1],
    [300, 2],
    [600, 2],
  ])('a pause of %i ms with a 300 ms redemption gives %i segment(s)', (pause, segments) => {
    const { events } = run([...frames(30, LOUD), ...frames(pause / 10, QUIET), ...frames(30, LOUD), ...frames(60, QUIET)]);
    expect(events.filter((e) => e[0] === 'speech-end')).toHaveLength(segments);
  });

  it('keeps speech going on frames between the thresholds (hysteresis), but does not start on them', () => {
    expect(run([...frames(50, HOLD), ...frames(40, QUIET)]).events).toEqual([]);
    const { events } = run([...frames(20, LOUD), ...frames(100, HOLD), ...frames(40, QUIET)]);
    expect(events).toEqual([
      ['speech-start', 0],
      ['speech-end', 1200, 0],
    ]);
  });

  it.each([
    [0, 300],
    [100, 200],
    [200, 100],
    [400, 100],
  ])('with lookbackMs %i reaches back over a soft onset to %i ms', (lookbackMs, start) => {
    // quiet until 100 ms, soft (between thresholds) until 300 ms, then loud
    const { events } = run([...frames(10, QUIET), ...frames(20, HOLD), ...frames(30, LOUD), ...frames(40, QUIET)], {
      ...options,
      lookbackMs,
    });
    expect(events[0]).toEqual(['speech-start', start]);
  });

  it('never dates an event before a time it has declared settled', () => {
    const pattern = [
      ...frames(10, QUIET),
      ...frames(15, HOLD),
      ...frames(12, LOUD),
      ...frames(20, QUIET),
      ...frames(5, LOUD),
      ...frames(50, QUIET),
    ];
    const { events, settled } = run(pattern);
    for (let i = 1; i < settled.length; i++) expect(settled[i]).toBeGreaterThanOrEqual(settled[i - 1]!);
    // An event emitted at frame i carries times no earlier than settled[i - 1].
    const vad = new VoiceActivity(options, 10);
    pattern.forEach((s, i) => {
      const e = vad.update(s, i * 10);
      if (e && i > 0) expect(e.atMs).toBeGreaterThanOrEqual(settled[i - 1]!);
    });
    expect(events.length).toBeGreaterThan(0);
  });

  it('flush ends an open segment at its last speech frame', () => {
    const { vad } = run([...frames(30, LOUD), ...frames(5, QUIET)]);
    expect(vad.speaking).toBe(true);
    expect(vad.flush()).toMatchObject({ type: 'speech-end', atMs: 300, startMs: 0 });
    expect(vad.flush()).toBeNull();
  });

  it('rejects inconsistent options with the values in the message', () => {
    expect(() => new VoiceActivity({ ...options, negative: 12 }, 10)).toThrow(/negative threshold \(12\) must not exceed positive \(9\)/);
    expect(() => new VoiceActivity({ ...options, redemptionMs: 5 }, 10)).toThrow(/redemptionMs ≥ one frame \(10 ms\)/);
  });
});
