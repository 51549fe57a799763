import { describe, expect, it } from 'vitest';
import { addSample, emptyAggregates, emptyCursor, increase, latencyBin, MAX_STEP_MS } from '../../../src/core/session/aggregates';
import { conversation, sample } from './fixtures';

const T0 = 1_700_000_000_000;

describe('session aggregates', () => {
  it('counts time in each state from 1 Hz samples, and a per-minute timeline', () => {
    const agg = emptyAggregates();
    const cursor = emptyCursor(T0);
    // 90 s: the first 60 at the camera 3 s in 4, then 30 s looking away in bad light.
    for (let s = 1; s <= 90; s++) {
      const gaze = s <= 60 ? (s % 4 === 0 ? 'at-screen' : 'at-camera') : 'away';
      addSample(agg, cursor, sample(gaze, s <= 60 ? 'good' : 'backlit'), T0 + s * 1000, T0);
    }
    expect(agg.sampledMs).toBe(90_000);
    expect(agg.gaze['at-camera']).toBe(45_000);
    expect(agg.gaze['at-screen']).toBe(15_000);
    expect(agg.gaze.away).toBe(30_000);
    expect(agg.lighting.backlit).toBe(30_000);
    expect(agg.timeline).toHaveLength(2);
    // sample at s=60 belongs to minute 1 (60 s after the start)
    expect(agg.timeline[0]!.ms).toBe(59_000);
    expect(agg.timeline[0]!.atCameraMs).toBe(45_000);
    expect(agg.timeline[1]!.goodLightMs).toBe(1000);
    expect(agg.conversation).toBeNull();
    expect(agg.timeline[0]!.therapistTalkMs).toBeNull();
  });

  it('does not count a gap longer than a step (worker asleep) as time', () => {
    const agg = emptyAggregates();
    const cursor = emptyCursor(T0);
    addSample(agg, cursor, sample('at-camera'), T0 + 1000, T0);
    addSample(agg, cursor, sample('at-camera'), T0 + 31_000, T0);
    expect(agg.sampledMs).toBe(1000 + MAX_STEP_MS);
  });

  it('adds only increases of cumulative conversation counters, across a coach restart', () => {
    const agg = emptyAggregates();
    const cursor = emptyCursor(T0);
    const at = (s: number) => T0 + s * 1000;
    addSample(agg, cursor, sample('at-camera', 'good', 'good', conversation({ talkMs: { therapist: 1000, client: 0 } })), at(1), T0);
    const overs = {
      therapist: { interruption: 2, interjection: 1, backchannel: 4 },
      client: { interruption: 1, interjection: 0, backchannel: 0 },
    };
    addSample(
      agg,
      cursor,
      sample('at-camera', 'good', 'good', conversation({ talkMs: { therapist: 1500, client: 500 }, talkOvers: overs })),
      at(2),
      T0,
    );
    // the coach reopened: its counters restart from zero
    addSample(agg, cursor, sample('at-camera', 'good', 'good', conversation({ talkMs: { therapist: 200, client: 800 } })), at(3), T0);
    const c = agg.conversation!;
    expect(c.talkMs).toEqual({ therapist: 1700, client: 1300 });
    expect(c.talkOvers.therapist).toEqual({ interruption: 2, interjection: 1, backchannel: 4 });
    expect(c.talkOvers.client.interruption).toBe(1);
    expect(agg.timeline[0]!.talkOvers).toBe(4); // interruptions + interjections, never backchannels
  });

  it('puts each new response latency in the histogram once', () => {
    const agg = emptyAggregates();
    const cursor = emptyCursor(T0);
    const r1 = { rawMs: 300, correctedMs: 180 };
    const r2 = { rawMs: 1200, correctedMs: null };
    const r3 = { rawMs: 5000, correctedMs: 4800 };
    addSample(agg, cursor, sample('at-camera', 'good', 'good', conversation({ responses: 1, recentResponses: [r1] })), T0 + 1000, T0);
    addSample(agg, cursor, sample('at-camera', 'good', 'good', conversation({ responses: 1, recentResponses: [r1] })), T0 + 2000, T0);
    addSample(
      agg,
      cursor,
      sample('at-camera', 'good', 'good', conversation({ responses: 3, recentResponses: [r1, r2, r3] })),
      T0 + 3000,
      T0,
    );
    const c = agg.conversation!;
    expect(c.responses).toBe(3);
    expect(c.raw.count).toBe(3);
    expect(c.raw.sum).toBe(6500);
    expect(c.raw.hist).toEqual([0, 1, 0, 1, 0, 1]);
    expect(c.corrected.count).toBe(2);
    expect(c.corrected.hist[latencyBin(180)]).toBe(1);
  });

  it('averages the connection over the seconds it was measured', () => {
    const agg = emptyAggregates();
    const cursor = emptyCursor(T0);
    for (let s = 1; s <= 10; s++) {
      const connection = { rttMs: s <= 5 ? 100 : 300, jitterMs: 10, lossPct: s <= 5 ? 0 : 4, degraded: s > 5 };
      addSample(agg, cursor, sample('at-camera', 'good', 'good', conversation({ connection })), T0 + s * 1000, T0);
    }
    const link = agg.conversation!.connection;
    expect(link.rtt.sum / link.rtt.count).toBe(200);
    expect(link.degradedMs).toBe(5000);
    expect(link.loss.max).toBe(4);
  });

  it('increase(): a drop is a restart, garbage adds nothing', () => {
    expect(increase(10, 4)).toBe(6);
    expect(increase(3, 10)).toBe(3);
    expect(increase(5, null)).toBe(5);
    expect(increase(Number.NaN, 1)).toBe(0);
    expect(increase(-4, 1)).toBe(0);
  });
});
