import { describe, expect, it } from 'vitest';
import { histogramMedian, stateShare, summarize } from '../../../src/core/session/summary';
import { makeRecord } from './records';

const targets = { eyeContactTargetPct: 60, talkBand: { min: 30, max: 50 } };
const summaryOf = (r: ReturnType<typeof makeRecord>) => summarize(r.aggregates, r.endedAt! - r.startedAt, targets);

describe('session summary', () => {
  it('reports the known truth of a synthetic session', () => {
    const s = summaryOf(makeRecord('a', { atCameraS: 240, backlitS: 300, therapistTalkS: 300, clientTalkS: 100, interruptions: 6 }));
    expect(s.eyeContactPct).toBe(40);
    expect(s.lighting).toEqual({ goodPct: 50, mainIssue: { state: 'backlit', pct: 50 } });
    expect(s.framing.goodPct).toBe(100);
    expect(s.talkRatioPct).toBe(75);
    expect(s.talkOvers).toEqual({ therapist: { interruptions: 6, backchannels: 5 }, client: { interruptions: 1, backchannels: 0 } });
    expect(s.latency).toMatchObject({ rawMs: 800, correctedMs: 600, responses: 2 });
    expect(s.longestMonologueMs).toBe(45_000);
    expect(s.connection).toEqual({ rttMs: 120, jitterMs: 8, lossPct: 0.5, degradedPct: 0 });
  });

  it('makes at most two suggestions, the largest misses first, naming the issue', () => {
    // eye contact 10% vs 60%, lighting good 33% (backlit), talk ratio 75% vs 30-50%
    const s = summaryOf(makeRecord('a', { atCameraS: 60, backlitS: 400, therapistTalkS: 300, clientTalkS: 100 }));
    expect(s.suggestions).toHaveLength(2);
    // talk ratio 25 points over its band (score 1.0) outranks eye contact 50 of 60 points short (0.83)
    expect(s.suggestions[0]).toMatch(/You talked 75% of the time \(your band is 30–50%\)/);
    expect(s.suggestions[1]).toMatch(/Eye contact was 10% against your 60% target/);
    // frequent interruptions (6 in 10 min) outrank everything else
    const t = summaryOf(makeRecord('a', { atCameraS: 60, backlitS: 400, interruptions: 6 }));
    expect(t.suggestions[0]).toMatch(/talking over the client 6 times in 10 min/);
    expect(t.suggestions[1]).toMatch(/Eye contact/);
    // lighting alone: the main issue is named with its fix
    const u = summaryOf(makeRecord('a', { atCameraS: 500, backlitS: 400 }));
    expect(u.suggestions).toEqual([expect.stringMatching(/good 33% of the time; mostly backlit.*Face the window/)]);
  });

  it('suggests nothing when every target is met', () => {
    const s = summaryOf(makeRecord('a', { atCameraS: 500, therapistTalkS: 200, clientTalkS: 300 }));
    expect(s.eyeContactPct).toBe(83);
    expect(s.talkRatioPct).toBe(40);
    expect(s.suggestions).toEqual([]);
  });

  it('says unknown (null), not zero, when the conversation was never measured', () => {
    const r = makeRecord('a');
    r.aggregates.conversation = null;
    const s = summaryOf(r);
    expect(s.talkRatioPct).toBeNull();
    expect(s.latency).toBeNull();
    expect(s.talkOvers).toBeNull();
    expect(s.connection).toBeNull();
  });

  it('ignores unknown time in shares and medians a histogram', () => {
    expect(stateShare({ good: 100, unknown: 900, 'too-dark': 300 })).toEqual({ goodPct: 25, mainIssue: { state: 'too-dark', pct: 75 } });
    expect(stateShare({ unknown: 5 })).toEqual({ goodPct: null, mainIssue: null });
    // 10 responses all within 500-1000 ms: the median is interpolated to the bin's middle
    expect(histogramMedian({ hist: [0, 0, 10, 0, 0, 0], sum: 7500, count: 10 })).toBe(750);
    expect(histogramMedian({ hist: [0, 0, 0, 0, 0, 0], sum: 0, count: 0 })).toBeNull();
  });
});
