// Degraded-connection logic on sample timelines with known answers (one sample every 2 s, like the probe).
import { describe, expect, it } from 'vitest';
import { ConnectionBoard } from '../../../src/core/connection/connection-board';
import { type ConnectionSample, DEFAULT_DEGRADED, DegradedConnection } from '../../../src/core/connection/degraded-connection';
import { LossMeter } from '../../../src/core/connection/loss-meter';

const ok: ConnectionSample = { rttMs: 80, jitterMs: 5, lossPct: 0 };

/** Feeds samples 2 s apart; returns the first time (ms) degraded turned true and turned false again. */
function run(samples: ConnectionSample[]) {
  const monitor = new DegradedConnection();
  let on: number | null = null;
  let off: number | null = null;
  samples.forEach((s, i) => {
    const was = monitor.degraded;
    const now = monitor.update(s, i * 2000);
    if (now && !was && on === null) on = i * 2000;
    if (!now && was && off === null) off = i * 2000;
  });
  return { on, off };
}

const repeat = (s: ConnectionSample, n: number) => Array.from({ length: n }, () => s);

describe('DegradedConnection', () => {
  it.each([
    { name: 'RTT', bad: { ...ok, rttMs: 420 } },
    { name: 'jitter', bad: { ...ok, jitterMs: 55 } },
    { name: 'loss', bad: { ...ok, lossPct: 3 } },
  ])('flags $name over its limit once it lasts 6 s, and recovers 6 s after it clears', ({ bad }) => {
    const { on, off } = run([...repeat(ok, 3), ...repeat(bad, 6), ...repeat(ok, 6)]);
    expect(on).toBe(6000 + 6000); // bad from 6 s, sustained 6 s
    expect(off).toBe(18_000 + 6000); // good from 18 s, held 6 s
  });

  it('ignores spikes shorter than the sustain window', () => {
    const spike = { ...ok, rttMs: 900 };
    expect(run([ok, spike, spike, spike, ok, spike, spike, ok, ok]).on).toBeNull();
  });

  it('does not recover while the numbers hover just under the limit (hysteresis)', () => {
    const bad = { ...ok, rttMs: 350 };
    const hovering = { ...ok, rttMs: 280 }; // under 300, over 0.8 x 300
    const { on, off } = run([...repeat(bad, 5), ...repeat(hovering, 10)]);
    expect(on).toBe(6000);
    expect(off).toBeNull();
  });

  it('treats unknown numbers as not bad, and restarts after a gap in the samples', () => {
    expect(run(repeat({ rttMs: null, jitterMs: null, lossPct: null }, 10)).on).toBeNull();
    const monitor = new DegradedConnection();
    const bad = { ...ok, lossPct: 5 };
    monitor.update(bad, 0);
    monitor.update(bad, 2000);
    monitor.update(bad, 12_000); // a 10 s gap: the run starts again
    expect(monitor.update(bad, 14_000)).toBe(false);
    expect(monitor.update(bad, 18_000)).toBe(true);
  });

  it('rejects bad options and times with clear errors', () => {
    expect(() => new DegradedConnection({ ...DEFAULT_DEGRADED, rttMs: -1 })).toThrow(/rttMs/);
    expect(() => new DegradedConnection({ ...DEFAULT_DEGRADED, recoverRatio: 2 })).toThrow(/recoverRatio/);
    expect(() => new DegradedConnection().update(ok, Number.NaN)).toThrow(/finite/);
  });
});

describe('LossMeter', () => {
  it('gives the loss of each interval from cumulative counters', () => {
    const meter = new LossMeter();
    expect(meter.update(0, 100)).toBeNull(); // first call: no interval yet
    expect(meter.update(2, 198)).toBeCloseTo(2, 6); // 2 lost of 100 expected
    expect(meter.update(2, 298)).toBeCloseTo(0, 6);
    expect(meter.update(1, 398)).toBeCloseTo(0, 6); // late packets lower packetsLost: no negative loss
    expect(meter.update(0, 10)).toBeNull(); // the stream restarted
    expect(meter.update(Number.NaN, 10)).toBeNull();
  });
});

describe('ConnectionBoard', () => {
  it('reports the worst live pc and drops stale ones', () => {
    const board = new ConnectionBoard(6000);
    expect(board.summary(0)).toBeNull();
    board.update(0, { rttMs: 40, jitterMs: 12, lossPct: null }, 0);
    board.update(1, { rttMs: 310, jitterMs: 3, lossPct: 0.5 }, 0);
    expect(board.summary(1000)).toEqual({ rttMs: 310, jitterMs: 12, lossPct: 0.5, degraded: false });
    for (let t = 2000; t <= 8000; t += 2000) board.update(1, { rttMs: 400, jitterMs: 3, lossPct: 0 }, t);
    expect(board.summary(8000)).toEqual({ rttMs: 400, jitterMs: 3, lossPct: 0, degraded: true });
    for (let t = 10_000; t <= 20_000; t += 2000) board.update(0, { rttMs: 40, jitterMs: 12, lossPct: 0 }, t);
    expect(board.summary(20_000)).toEqual({ rttMs: 40, jitterMs: 12, lossPct: 0, degraded: false }); // pc 1 went quiet
  });
});
