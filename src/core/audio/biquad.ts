// Second-order IIR sections from the Audio EQ Cookbook (R. Bristow-Johnson,
// https://www.w3.org/TR/audio-eq-cookbook/), transposed direct form II: two state numbers, five multiplies
// per sample, nothing allocated after construction.

export type BiquadKind = 'highpass' | 'lowpass' | 'bandpass';

/** Q of a 2nd-order Butterworth section (maximally flat). */
export const BUTTERWORTH_Q = Math.SQRT1_2;

export class Biquad {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  private z1 = 0;
  private z2 = 0;

  /** `bandpass` has 0 dB gain at `frequencyHz`; its bandwidth is frequencyHz / q. */
  constructor(kind: BiquadKind, frequencyHz: number, q: number, sampleRate: number) {
    if (!(frequencyHz > 0 && frequencyHz < sampleRate / 2)) {
      throw new RangeError(`biquad frequency must be in (0, ${sampleRate / 2}) Hz at ${sampleRate} Hz, got ${frequencyHz}`);
    }
    if (!(q > 0)) throw new RangeError(`biquad Q must be positive, got ${q}`);
    const w = (2 * Math.PI * frequencyHz) / sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    const a0 = 1 + alpha;
    let b0: number, b1: number, b2: number;
    if (kind === 'highpass') [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
    else if (kind === 'lowpass') [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
    else [b0, b1, b2] = [alpha, 0, -alpha];
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  process(x: number): number {
    const y = this.b0 * x + this.z1;
    this.z1 = this.b1 * x - this.a1 * y + this.z2;
    this.z2 = this.b2 * x - this.a2 * y;
    return y;
  }

  reset(): void {
    this.z1 = 0;
    this.z2 = 0;
  }
}
