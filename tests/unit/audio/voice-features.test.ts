// Voice features against synthetic speech of known rate, pitch and level, run through the whole
// Conversation (so the echo-gated "speaking" state and the frame features are the real ones).
import { describe, expect, it } from 'vitest';
import { Biquad } from '../../../src/core/audio/biquad';
import { Conversation } from '../../../src/core/audio/conversation';
import { DEFAULT_VOICE, VoiceFeatures } from '../../../src/core/audio/voice-features';
import { noise } from './signals';

const RATE = 48000;

/**
 * Syllables: a pulse train at each syllable's f0 through two formants, under a raised-cosine envelope of
 * `syllableS`, one every 1/`perSecond` s, starting at 0.5 s; a noise floor 35 dB below the speech throughout.
 */
function syllables(opts: { perSecond: number; seconds: number; f0s: number[]; levelDb: number; syllableS?: number }) {
  const n = Math.round(opts.seconds * RATE);
  const x = new Float32Array(n);
  const len = Math.round((opts.syllableS ?? 0.14) * RATE);
  const period = RATE / opts.perSecond;
  let count = 0;
  for (let start = Math.round(0.5 * RATE); start + len < n - RATE; start = Math.round(0.5 * RATE + ++count * period)) {
    const f0 = opts.f0s[count % opts.f0s.length]!;
    const f1 = new Biquad('bandpass', 600 + 100 * (count % 3), 4, RATE);
    const f2 = new Biquad('bandpass', 1400, 5, RATE);
    let phase = 0;
    for (let i = 0; i < len; i++) {
      phase += f0 / RATE;
      let pulse = 0;
      if (phase >= 1) {
        phase -= 1;
        pulse = 1;
      }
      const env = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / len);
      x[start + i]! += env * (f1.process(pulse) + 0.6 * f2.process(pulse));
    }
  }
  // Scale the speech span (first syllable to one second before the end) to `levelDb` RMS, floor included.
  const from = Math.round(0.5 * RATE);
  let power = 0;
  for (let i = from; i < n - RATE; i++) power += x[i]! ** 2;
  const gain = 10 ** (opts.levelDb / 20) / Math.sqrt(power / (n - RATE - from));
  const floor = noise(n, opts.levelDb - 35, 7); // a room 35 dB below the voice
  for (let i = 0; i < n; i++) x[i] = Math.max(-1, Math.min(1, x[i]! * gain + floor[i]!)); // a mic clips at full scale
  return { x, count };
}

function run(local: Float32Array): VoiceFeatures {
  const voice = new VoiceFeatures();
  const conversation = new Conversation(RATE, { localFrame: (frame, features, speaking) => voice.update(frame, features, speaking) });
  const remote = new Float32Array(128);
  const block = new Float32Array(128);
  for (let at = 0; at + 128 <= local.length; at += 128) {
    for (let i = 0; i < 128; i++) block[i] = local[at + i]!;
    conversation.process(block, remote, (at / RATE) * 1000);
  }
  return voice;
}

const semitoneStd = (f0s: number[]) => {
  const st = f0s.map((f) => 12 * Math.log2(f / 100));
  const mean = st.reduce((a, b) => a + b, 0) / st.length;
  return Math.sqrt(st.reduce((a, b) => a + (b - mean) ** 2, 0) / st.length);
};

describe('VoiceFeatures', () => {
  it.each([2, 3, 4, 5, 6])('counts %i syllables per second within 15 percent', (perSecond) => {
    const { x } = syllables({ perSecond, seconds: 14, f0s: [140], levelDb: -25 });
    const voice = run(x);
    expect(voice.rateSps).not.toBeNull();
    // Speech runs from the first syllable to the VAD's end (a 1 s grace): the truth is syllables over that span.
    expect(voice.rateSps!).toBeGreaterThan(perSecond * 0.85 * (12.5 / 13.5));
    expect(voice.rateSps!).toBeLessThan(perSecond * 1.15);
  });

  it.each([
    { name: 'monotone', f0s: [148, 150, 152, 150] },
    { name: 'a small range', f0s: [130, 150, 140, 160] },
    { name: 'a lively range', f0s: [110, 180, 140, 220, 125, 160] },
  ])('measures pitch variation of $name within 0.75 semitones', ({ f0s }) => {
    const { x } = syllables({ perSecond: 4, seconds: 14, f0s, levelDb: -25 });
    const got = run(x).pitchVarSt();
    expect(got).not.toBeNull();
    expect(Math.abs(got! - semitoneStd(f0s))).toBeLessThan(0.75);
  });

  it('tells monotone from lively speech', () => {
    const flat = run(syllables({ perSecond: 4, seconds: 12, f0s: [148, 150, 152, 150], levelDb: -25 }).x).pitchVarSt();
    const lively = run(syllables({ perSecond: 4, seconds: 12, f0s: [110, 180, 140, 220], levelDb: -25 }).x).pitchVarSt();
    expect(flat).not.toBeNull();
    expect(lively).not.toBeNull();
    expect(lively! - flat!).toBeGreaterThan(2);
  });

  it.each([
    { levelDb: -25, level: 'ok' },
    { levelDb: -36, level: 'ok' },
    { levelDb: -45, level: 'too-quiet' },
    { levelDb: -55, level: 'too-quiet' },
    { levelDb: -3, level: 'clipping' },
  ])('reads speech at $levelDb dBFS as $level', ({ levelDb, level }) => {
    const { x } = syllables({ perSecond: 4, seconds: 10, f0s: [140, 150], levelDb });
    const voice = run(x);
    expect(voice.level).toBe(level);
    if (level !== 'clipping') expect(voice.clippedShare).toBe(0);
  });

  it('reports the speech level close to the RMS of the speech span', () => {
    for (const levelDb of [-20, -30, -42]) {
      const { x } = syllables({ perSecond: 4, seconds: 10, f0s: [140, 150], levelDb });
      expect(Math.abs(run(x).levelDb! - levelDb)).toBeLessThan(2);
    }
  });

  it('says unknown before enough speech, and ignores silence', () => {
    const voice = run(noise(RATE * 5, -65, 3));
    expect(voice.level).toBe('unknown');
    expect(voice.rateSps).toBeNull();
    expect(voice.pitchVarSt()).toBeNull();
  });

  it('rejects bad options with a clear error', () => {
    expect(() => new VoiceFeatures({ ...DEFAULT_VOICE, windowMs: Number.NaN })).toThrow(/windowMs/);
    expect(() => new VoiceFeatures({ ...DEFAULT_VOICE, windowMs: 1 })).toThrow(/at least one frame/);
  });
});
