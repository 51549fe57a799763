// Synthetic signals with known truth for the audio tests. Deterministic (seeded), sample-rate aware.
import { Biquad } from '../../../src/core/audio/biquad';

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, to - from));
}

export const dbToAmplitude = (db: number) => 10 ** (db / 20);

/** Scales `x` in place to an RMS of `levelDb` dB re full scale. */
export function setLevel(x: Float32Array, levelDb: number): Float32Array {
  const gain = dbToAmplitude(levelDb) / (rms(x) || 1);
  for (let i = 0; i < x.length; i++) x[i]! *= gain;
  return x;
}

/** White noise, approximately Gaussian (sum of four uniforms). */
export function noise(n: number, levelDb: number, seed = 1): Float32Array {
  const next = seeded(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = next() + next() + next() + next() - 2;
  return setLevel(x, levelDb);
}

/** Noise band-passed to 300–3400 Hz: a fricative, or rustle, with no pitch. */
export function unvoiced(n: number, sampleRate: number, levelDb: number, seed = 2): Float32Array {
  const x = noise(n, 0, seed);
  const high = new Biquad('highpass', 300, Math.SQRT1_2, sampleRate);
  const low = new Biquad('lowpass', 3400, Math.SQRT1_2, sampleRate);
  for (let i = 0; i < n; i++) x[i] = low.process(high.process(x[i]!));
  return setLevel(x, levelDb);
}

/** A vowel-like voiced sound: a pulse train at `f0` (with 3 % vibrato at 5 Hz) through two formants. */
export function voiced(n: number, sampleRate: number, f0: number, levelDb: number): Float32Array {
  const x = new Float32Array(n);
  const f1 = new Biquad('bandpass', 600, 4, sampleRate);
  const f2 = new Biquad('bandpass', 1400, 5, sampleRate);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const f = f0 * (1 + 0.03 * Math.sin((2 * Math.PI * 5 * i) / sampleRate));
    phase += f / sampleRate;
    let pulse = 0;
    if (phase >= 1) {
      phase -= 1;
      pulse = 1;
    }
    x[i] = f1.process(pulse) + 0.6 * f2.process(pulse);
  }
  return setLevel(x, levelDb);
}

/** A sinusoid. */
export function tone(n: number, sampleRate: number, hz: number, levelDb: number): Float32Array {
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return setLevel(x, levelDb);
}

/** Adds `piece` into `into` starting at `atS` seconds. */
export function place(into: Float32Array, piece: Float32Array, atS: number, sampleRate: number, gain = 1): Float32Array {
  const offset = Math.round(atS * sampleRate);
  for (let i = 0; i < piece.length && offset + i < into.length; i++) if (offset + i >= 0) into[offset + i]! += gain * piece[i]!;
  return into;
}

/** `x` delayed by `ms` (zeros in front), same length. */
export function delayed(x: Float32Array, ms: number, sampleRate: number, gain = 1): Float32Array {
  const lag = Math.round((ms / 1000) * sampleRate);
  const y = new Float32Array(x.length);
  for (let i = lag; i < x.length; i++) y[i] = gain * x[i - lag]!;
  return y;
}

export function mix(...parts: Float32Array[]): Float32Array {
  const y = new Float32Array(Math.max(...parts.map((p) => p.length)));
  for (const p of parts) for (let i = 0; i < p.length; i++) y[i]! += p[i]!;
  return y;
}
