import { describe, expect, it } from 'vitest';
import { ExpressivenessTracker } from '../../src/core/expressiveness';

const DT = 100; // 10 frames/s

/** Feeds `seconds` of frames from `signal(t)` -> [smile, pitch]; returns the last report. */
function run(tracker: ExpressivenessTracker, from: number, seconds: number, signal: (t: number) => [number, number], steady = true) {
  let last = tracker.current();
  for (let t = from; t < from + seconds * 1000; t += DT) last = tracker.update(t, steady, ...signal(t));
  return last;
}
// Deterministic noise, +-amp.
const noise = (t: number, amp: number) => amp * Math.sin(t * 0.0173 + Math.sin(t * 0.0031) * 3);

describe('smiles', () => {
  it('counts two clear smiles and their share of the time', () => {
    const tr = new ExpressivenessTracker();
    const smileAt = (t: number) => (t >= 2000 && t < 4000) || (t >= 6000 && t < 7000);
    const r = run(tr, 0, 10, (t) => [smileAt(t) ? 0.7 : 0.05, 10]);
    expect(r.smiles).toBe(2);
    expect(r.smiling).toBe(false);
    expect(r.smileShare!).toBeGreaterThan(0.28);
    expect(r.smileShare!).toBeLessThan(0.32);
  });

  it('a score hovering around the threshold is one smile (hysteresis), a flicker shorter than 300 ms none', () => {
    const tr = new ExpressivenessTracker();
    expect(run(tr, 0, 5, (t) => [0.5 + noise(t, 0.15), 10]).smiles).toBe(1);
    const brief = new ExpressivenessTracker();
    expect(run(brief, 0, 5, (t) => [t >= 1000 && t < 1200 ? 0.8 : 0.05, 10]).smiles).toBe(0);
  });

  it('is unknown-safe: no face time, no share; a gap ends a smile without counting a new one', () => {
    const tr = new ExpressivenessTracker();
    expect(run(tr, 0, 2, () => [0.8, 10], false)).toMatchObject({ smiles: 0, smileShare: null, smiling: false });
    run(tr, 2000, 2, () => [0.8, 10]);
    expect(tr.current()).toMatchObject({ smiles: 1, smiling: true });
  });
});

describe('nods', () => {
  it('counts three nods of 8 deg at 1 Hz among pose noise', () => {
    const tr = new ExpressivenessTracker();
    run(tr, 0, 3, (t) => [0.05, 12 + noise(t, 1)]);
    const r = run(tr, 3000, 3, (t) => [0.05, 12 + 8 * Math.max(0, Math.sin(((t - 3000) / 1000) * 2 * Math.PI)) + noise(t, 1)]);
    run(tr, 6000, 2, (t) => [0.05, 12 + noise(t, 1)]);
    expect(r.nods).toBe(3);
    expect(tr.current().nods).toBe(3);
  });

  it('does not count noise, a slow posture change, or a long look down at notes', () => {
    const tr = new ExpressivenessTracker();
    run(tr, 0, 5, (t) => [0.05, 12 + noise(t, 1.5)]);
    run(tr, 5000, 10, (t) => [0.05, 12 + (t - 5000) / 1000]); // 1 deg/s drift
    run(tr, 15000, 3, (t) => [0.05, 22 + (t < 15300 ? (t - 15000) / 15 : 20)]); // down 20 deg and stays
    expect(tr.current().nods).toBe(0);
  });
});
