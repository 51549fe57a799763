import { describe, expect, it } from 'vitest';
import { StableVerdict } from '../../src/core/stable-verdict';

type K = 'good' | 'dark';
/** Feeds one observation per `stepMs`; 'g' good, 'd' dark, '?' unknown. Returns the verdicts. */
function run(pattern: string, stepMs: number, holdMs: number, staleMs: number): string[] {
  const verdict = new StableVerdict<K>({ holdMs, staleMs });
  const map: Record<string, K | 'unknown'> = { g: 'good', d: 'dark', '?': 'unknown' };
  return [...pattern].map((c, i) => verdict.update(i * stepMs, map[c]!));
}

describe('StableVerdict', () => {
  it.each([1000, 2000, 3000])('adopts a verdict only after it held for %d ms (1 Hz observations)', (holdMs) => {
    const out = run('ggggggdddddd', 1000, holdMs, 5000);
    expect(out.indexOf('good')).toBe(holdMs / 1000);
    expect(out.indexOf('dark')).toBe(6 + holdMs / 1000);
  });

  it('ignores a flicker shorter than the hold', () => {
    const out = run('gggggdgggdgg', 1000, 2000, 5000);
    expect(out.slice(2).every((v) => v === 'good')).toBe(true);
  });

  it('keeps the verdict through short unknown gaps and goes unknown after staleMs', () => {
    const out = run('ggg??g?????', 1000, 1000, 3500);
    expect(out.slice(1, 7).every((v) => v === 'good')).toBe(true);
    expect(out.at(-1)).toBe('unknown');
    // last known at t = 5 s; unknown once more than 3.5 s have passed: at t = 9 s
    expect(out.indexOf('unknown', 1)).toBe(9);
  });

  it('rejects nonsense options', () => {
    expect(() => new StableVerdict({ holdMs: -1, staleMs: 1 })).toThrow(RangeError);
  });
});
