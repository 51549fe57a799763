import { describe, expect, it } from 'vitest';
import { RingStats } from '../../src/core/ring-stats';

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('RingStats', () => {
  it('matches nearest-rank percentiles of the last N samples', () => {
    const stats = new RingStats(50);
    const all: number[] = [];
    let seed = 7;
    for (let i = 0; i < 237; i++) {
      seed = (seed * 16807) % 2147483647;
      const x = (seed / 2147483647) * 100;
      all.push(x);
      stats.push(x);
    }
    const window = all.slice(-50);
    for (const p of [0, 5, 50, 95, 100]) expect(stats.percentile(p)).toBe(nearestRank(window, p));
    expect(stats.mean()).toBeCloseTo(window.reduce((a, b) => a + b, 0) / 50, 9);
    expect(stats.count).toBe(50);
  });

  it('is NaN when empty and ignores non-finite samples', () => {
    const stats = new RingStats(4);
    expect(stats.percentile(50)).toBeNaN();
    stats.push(Number.NaN);
    stats.push(Number.POSITIVE_INFINITY);
    expect(stats.count).toBe(0);
    stats.push(3);
    expect(stats.percentile(95)).toBe(3);
  });

  it('rejects a bad capacity with a precise error', () => {
    expect(() => new RingStats(0)).toThrow(/positive integer, got 0/);
  });
});
