import { describe, expect, it } from 'vitest';
import { Biquad, BUTTERWORTH_Q } from '../../../src/core/audio/biquad';
import { PowerSpectrum } from '../../../src/core/audio/fft';
import { Framer, frameLength } from '../../../src/core/audio/framer';
import { Decimator } from '../../../src/core/audio/narrowband';
import { rms, tone } from './signals';

/** Steady-state gain of a filter at `hz`, dB (the first 0.1 s dropped). */
function gainDb(make: () => { process(x: number): number }, hz: number, sampleRate: number): number {
  const x = tone(sampleRate / 2, sampleRate, hz, -20);
  const f = make();
  const y = x.map((v) => f.process(v));
  const skip = sampleRate / 10;
  return 20 * Math.log10(rms(y, skip) / rms(x, skip));
}

describe('Biquad (Audio EQ Cookbook)', () => {
  it.each([16000, 48000])('Butterworth low- and high-pass at %i Hz: -3 dB at the corner, flat below, 12 dB/octave beyond', (rate) => {
    const low = () => new Biquad('lowpass', 1000, BUTTERWORTH_Q, rate);
    const high = () => new Biquad('highpass', 1000, BUTTERWORTH_Q, rate);
    expect(gainDb(low, 1000, rate)).toBeCloseTo(-3, 0);
    expect(gainDb(high, 1000, rate)).toBeCloseTo(-3, 0);
    expect(Math.abs(gainDb(low, 200, rate))).toBeLessThan(0.2);
    expect(Math.abs(gainDb(high, 5000, rate))).toBeLessThan(0.3);
    expect(gainDb(low, 4000, rate)).toBeLessThan(-22); // two octaves up: about -24 dB
    expect(gainDb(high, 250, rate)).toBeLessThan(-22);
  });

  it('band-pass has 0 dB at its centre and falls off either side', () => {
    const band = () => new Biquad('bandpass', 1000, 2, 16000);
    expect(gainDb(band, 1000, 16000)).toBeCloseTo(0, 0);
    expect(gainDb(band, 250, 16000)).toBeLessThan(-15);
    expect(gainDb(band, 4000, 16000)).toBeLessThan(-15);
  });

  it('rejects a corner frequency outside (0, Nyquist) with the numbers in the message', () => {
    expect(() => new Biquad('lowpass', 9000, BUTTERWORTH_Q, 16000)).toThrow(/\(0, 8000\) Hz at 16000 Hz, got 9000/);
    expect(() => new Biquad('lowpass', 100, 0, 16000)).toThrow(/Q must be positive/);
  });
});

describe('PowerSpectrum', () => {
  it.each([5, 17, 60, 100])('puts a bin-centred sinusoid in bin %i, and keeps Parseval', (bin) => {
    const n = 256;
    const fft = new PowerSpectrum(n);
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * bin * i) / n));
    const p = new Float64Array(n / 2 + 1);
    fft.power(x, p);
    const peak = p.indexOf(Math.max(...p));
    expect(peak).toBe(bin);
    // Parseval: sum |x|² = (1/N) sum over all N bins of |X|²; the spectrum of a real signal is symmetric.
    const energy = x.reduce((s, v) => s + v * v, 0);
    const spectral = (p[0]! + p[n / 2]! + 2 * p.slice(1, n / 2).reduce((s, v) => s + v, 0)) / n;
    expect(spectral / energy).toBeCloseTo(1, 6);
  });

  it('takes power-of-two sizes only', () => {
    expect(() => new PowerSpectrum(160)).toThrow(/power of two ≥ 2, got 160/);
  });
});

describe('Framer', () => {
  it.each([
    [16000, 160],
    [48000, 480],
    [44100, 441],
    [8000, 80],
  ])('cuts 10 ms frames at %i Hz (%i samples)', (rate, n) => expect(frameLength(rate)).toBe(n));

  it('rejects rates that give no whole 10 ms frame', () => {
    expect(() => frameLength(22050)).toThrow(/multiple of 100, got 22050/);
    expect(() => frameLength(4000)).toThrow(/8000–192000/);
  });

  it.each([1, 7, 128, 160, 333])('gives the same frames whatever the block size (%i)', (block) => {
    const signal = Float32Array.from({ length: 1000 }, (_, i) => i);
    const framer = new Framer(160);
    const starts: number[] = [];
    for (let at = 0; at < signal.length; at += block) {
      const piece = signal.subarray(at, Math.min(signal.length, at + block));
      for (let i = 0; i < piece.length;) {
        i += framer.fill(piece, i);
        if (!framer.full) continue;
        expect(framer.frame[159]! - framer.frame[0]!).toBe(159); // contiguous
        starts.push(framer.frame[0]!);
        framer.clear();
      }
    }
    expect(starts).toEqual([0, 160, 320, 480, 640, 800]);
  });
});

describe('Decimator', () => {
  it.each([16000, 48000, 44100])('brings %i Hz to about 8 kHz, passing speech and stopping what would alias', (rate) => {
    const d = new Decimator(rate);
    expect(d.rate).toBeGreaterThan(7000);
    expect(d.rate).toBeLessThanOrEqual(8000);
    const through = (hz: number) => {
      const x = tone(rate / 2, rate, hz, -20);
      const out: number[] = [];
      for (const v of x) if (d.push(v)) out.push(d.value);
      return 20 * Math.log10(rms(Float32Array.from(out.slice(out.length / 5))) / rms(x));
    };
    expect(Math.abs(through(1000))).toBeLessThan(0.5);
    expect(through(6000)).toBeLessThan(-20);
  });
});
