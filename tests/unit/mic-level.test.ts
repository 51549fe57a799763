import { describe, expect, it } from 'vitest';
import { blockLevel, MicLevel } from '../../src/ui/setup/mic-level';

const sine = (amp: number, n = 2048) => Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * 440 * i) / 48000));

describe('mic level', () => {
  it('measures a sine exactly: RMS = peak - 3.01 dB', () => {
    const { rmsDb, peakDb } = blockLevel(sine(0.1));
    expect(peakDb).toBeCloseTo(-20, 1);
    expect(rmsDb).toBeCloseTo(-23.01, 1);
    expect(blockLevel(new Float32Array(512)).rmsDb).toBe(-Infinity);
  });

  it('waits, then calls silence too quiet; speech ok; a full-scale peak clipping', () => {
    const quiet = new MicLevel();
    expect(quiet.add(0, -70, -60)).toBe('waiting');
    expect(quiet.add(4100, -70, -60)).toBe('too-quiet');
    const ok = new MicLevel();
    ok.add(0, -70, -60);
    expect(ok.add(500, -24, -14)).toBe('ok');
    expect(ok.add(4000, -70, -60)).toBe('ok'); // within the 4-s window of the speech
    expect(ok.add(5000, -70, -60)).toBe('too-quiet'); // the speech left the window
    const loud = new MicLevel();
    expect(loud.add(0, -6, -0.1)).toBe('clipping');
  });
});
