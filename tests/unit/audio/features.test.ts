import { describe, expect, it } from 'vitest';
import { FrameFeatures } from '../../../src/core/audio/frame-features';
import { NoiseFloor } from '../../../src/core/audio/noise-floor';
import { noise, tone, unvoiced, voiced } from './signals';

/** Runs a signal through FrameFeatures; returns per-frame speechDb, voicing and the narrowband bins of the last frame. */
function analyse(x: Float32Array, rate: number) {
  const f = new FrameFeatures(rate);
  const n = rate / 100;
  const levels: number[] = [];
  const voicing: number[] = [];
  for (let i = 0; i + n <= x.length; i += n) {
    f.analyse(x.subarray(i, i + n));
    levels.push(f.speechDb);
    voicing.push(f.voicing);
  }
  return { levels, voicing, features: f };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

describe('FrameFeatures', () => {
  it.each([16000, 48000])('measures the speech-band level of a 1 kHz tone within 0.5 dB at %i Hz', (rate) => {
    const { levels } = analyse(tone(rate, rate, 1000, -20), rate);
    expect(median(levels)).toBeCloseTo(-20, 0);
  });

  it('leaves out rumble and hiss outside 300–3400 Hz', () => {
    expect(median(analyse(tone(16000, 16000, 100, -20), 16000).levels)).toBeLessThan(-35);
    expect(median(analyse(tone(48000, 48000, 12000, -20), 48000).levels)).toBeLessThan(-45);
  });

  it.each([
    [16000, 100],
    [16000, 220],
    [48000, 120],
    [48000, 300],
  ])('calls a pulse train voiced at %i Hz, f0 %i Hz', (rate, f0) => {
    const { voicing } = analyse(voiced(rate, rate, f0, -25), rate);
    expect(median(voicing.slice(10))).toBeGreaterThan(0.8);
  });

  it.each([16000, 48000])('calls white, band-passed and low-passed noise unvoiced at %i Hz', (rate) => {
    for (const x of [noise(rate, -25), unvoiced(rate, rate, -25)]) {
      expect(median(analyse(x, rate).voicing.slice(10))).toBeLessThan(0.5);
    }
    // Rumble-like noise: narrow-band, so it looks periodic until it is whitened.
    const brown = noise(rate, -25, 9);
    for (let i = 1; i < brown.length; i++) brown[i] = 0.995 * brown[i - 1]! + 0.05 * brown[i]!;
    expect(median(analyse(brown, rate).voicing.slice(10))).toBeLessThan(0.55);
  });

  it('resolves two voices a few harmonics apart in the narrowband bins', () => {
    const rate = 16000;
    const { features } = analyse(tone(rate, rate, 1000, -20), rate);
    const bins = features.narrowband.binDb;
    const peak = bins.indexOf(Math.max(...bins));
    expect(features.narrowband.binHz[peak]).toBeCloseTo(1000, -2);
    // 125 Hz (four bins) away the leakage of a Hann window is long gone.
    const away = bins[peak + 4]!;
    expect(bins[peak]! - away).toBeGreaterThan(30);
  });
});

describe('NoiseFloor', () => {
  const frames = (seconds: number) => Math.round(seconds * 100);

  it('settles on the quiet between bursts of speech-like level', () => {
    const floor = new NoiseFloor(10);
    for (let i = 0; i < frames(20); i++) {
      const burst = Math.floor(i / 30) % 2 === 0; // 300 ms on, 300 ms off
      floor.update(burst ? -30 : -60 + Math.sin(i));
    }
    expect(floor.db).toBeGreaterThan(-62);
    expect(floor.db).toBeLessThan(-57);
  });

  it.each([1, 3, 6])('rises at most %i dB/s after the background gets louder, and falls at once when it gets quieter', (rise) => {
    const floor = new NoiseFloor(10, { riseDbPerS: rise, fallMs: 30, minDb: -80 });
    for (let i = 0; i < frames(2); i++) floor.update(-60);
    for (let i = 0; i < frames(2); i++) floor.update(-40);
    expect(floor.db).toBeCloseTo(-60 + 2 * rise, 0);
    for (let i = 0; i < 20; i++) floor.update(-70);
    expect(floor.db).toBeLessThan(-69);
  });

  it('does not follow digital silence below its minimum', () => {
    const floor = new NoiseFloor(10, { riseDbPerS: 3, fallMs: 30, minDb: -80 });
    for (let i = 0; i < 100; i++) floor.update(-120);
    expect(floor.db).toBeCloseTo(-80, 5);
  });
});
