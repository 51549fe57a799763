// The governor against synthetic detect-time traces with known answers.
import { describe, expect, it } from 'vitest';
import { RateGovernor } from '../../src/core/rate-governor';

/** Runs `seconds` of frames at the governor's own rate with a detect time; returns the rate after. */
function run(governor: RateGovernor, clock: { t: number }, seconds: number, detectMs: (t: number) => number): number[] {
  const rates: number[] = [];
  const end = clock.t + seconds * 1000;
  while (clock.t < end) {
    rates.push(governor.update(clock.t, detectMs(clock.t)));
    clock.t += 1000 / governor.fps;
  }
  return rates;
}

describe('RateGovernor', () => {
  it('keeps the asked rate while detection fits in half the interval', () => {
    const g = new RateGovernor({ maxFps: 10 });
    const clock = { t: 0 };
    const rates = run(g, clock, 60, () => 40); // 40 ms < 50 ms
    expect(new Set(rates)).toEqual(new Set([10]));
  });

  it('halves after 20 slow frames, down to 2 fps and no lower', () => {
    const g = new RateGovernor({ maxFps: 10 });
    const clock = { t: 0 };
    let frames = 0;
    while (g.fps === 10) {
      g.update(clock.t, 60); // 60 ms > 50 ms
      clock.t += 100;
      frames++;
    }
    expect(frames).toBe(20);
    expect(g.fps).toBe(5);
    run(g, clock, 60, () => 400); // far too slow at any rate
    expect(g.fps).toBe(2);
  });

  it('a few slow frames among fast ones do not move it (median, not mean)', () => {
    const g = new RateGovernor({ maxFps: 10 });
    const clock = { t: 0 };
    let i = 0;
    const rates = run(g, clock, 30, () => (i++ % 3 === 0 ? 300 : 30));
    expect(Math.min(...rates)).toBe(10);
  });

  it('comes back up only after 10 s of headroom, one doubling at a time', () => {
    const g = new RateGovernor({ maxFps: 10 });
    const clock = { t: 0 };
    run(g, clock, 10, () => 80); // 80 ms: too slow for 10 fps (50) but fits 5 fps (100)
    expect(g.fps).toBe(5);
    const slowAgainAt = clock.t;
    // Now detection takes 20 ms: 10 fps fits. The rate must stay 5 for 10 s of headroom (after 20 frames).
    const rates = run(g, clock, 20, () => 20);
    const firstUp = rates.indexOf(10);
    expect(firstUp).toBeGreaterThan(0);
    const upAtMs = firstUp * 200; // frames at 5 fps
    expect(upAtMs).toBeGreaterThanOrEqual(10_000);
    expect(upAtMs).toBeLessThan(10_000 + 20 * 200 + 400);
    expect(slowAgainAt).toBeGreaterThan(0);
    expect(g.fps).toBe(10);
  });

  it('a slow spell during recovery restarts the 10 s', () => {
    const g = new RateGovernor({ maxFps: 8, recoverMs: 10_000 });
    const clock = { t: 0 };
    run(g, clock, 10, () => 100);
    expect(g.fps).toBe(4);
    run(g, clock, 8, () => 10);
    run(g, clock, 4, () => 100); // 100 ms at 4 fps = 40 %: fits 4 fps, not 8 fps: no headroom
    expect(g.fps).toBe(4);
    run(g, clock, 8, () => 10);
    expect(g.fps).toBe(4);
    run(g, clock, 6, () => 10);
    expect(g.fps).toBe(8);
  });

  it('never goes above the ceiling and starts over when it changes', () => {
    const g = new RateGovernor({ maxFps: 5 });
    const clock = { t: 0 };
    run(g, clock, 60, () => 1);
    expect(g.fps).toBe(5);
    g.setMaxFps(3);
    expect(g.fps).toBe(3);
    expect(() => g.setMaxFps(1)).toThrow(/minFps/);
    expect(() => new RateGovernor({ maxFps: 1 })).toThrow(/minFps/);
    expect(() => new RateGovernor({ maxFps: 5, budget: 0 })).toThrow(/budget/);
  });
});
