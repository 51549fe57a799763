// Periodicity of the last ~40 ms: the peak of the normalised cross-correlation over pitch lags 60–400 Hz
// (the NCCF of RAPT; D. Talkin, "A robust algorithm for pitch tracking", 1995) of the decimated (~8 kHz)
// signal low-passed at 1 kHz and whitened by a 4th-order LPC inverse filter. Whitening matters: low-passed
// noise (breath, rumble, the AMI headsets' handling noise) is narrow-band and so looks periodic; its residual
// is white and scores ~0.4, while voiced speech keeps its pitch pulses and scores 0.7–1.
// Buffers are allocated in the constructor.
import { Biquad, BUTTERWORTH_Q } from './biquad';

const LOWPASS_HZ = 1000;
const MIN_PITCH_HZ = 60;
const MAX_PITCH_HZ = 400;
const WINDOW_MS = 25;
const LPC_ORDER = 4;

export class Voicing {
  /** the last frame's periodicity, 0–1 */
  value = 0;
  /** the last frame's pitch, Hz: the shortest lag whose NCCF peak is within 15 % of the best (so a
   * multiple of the period does not read as an octave down), refined by a parabola; 0 when unvoiced */
  periodHz = 0;
  private readonly rate: number;
  private readonly nccf: Float64Array;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly window: number;
  private readonly ring: Float64Array;
  private readonly line: Float64Array;
  private readonly residual: Float64Array;
  private readonly lpc = new Float64Array(LPC_ORDER + 1);
  private readonly lpcPrevious = new Float64Array(LPC_ORDER + 1);
  private readonly autocorrelation = new Float64Array(LPC_ORDER + 1);
  private readonly low1: Biquad;
  private readonly low2: Biquad;
  private head = 0;

  /** @param rate the (decimated) rate samples arrive at, Hz */
  constructor(rate: number) {
    this.rate = rate;
    this.minLag = Math.floor(rate / MAX_PITCH_HZ);
    this.maxLag = Math.ceil(rate / MIN_PITCH_HZ);
    this.nccf = new Float64Array(this.maxLag + 2);
    this.window = Math.round((rate * WINDOW_MS) / 1000);
    this.ring = new Float64Array(this.window + this.maxLag);
    this.line = new Float64Array(this.window + this.maxLag);
    this.residual = new Float64Array(this.window + this.maxLag);
    this.low1 = new Biquad('lowpass', LOWPASS_HZ, BUTTERWORTH_Q, rate);
    this.low2 = new Biquad('lowpass', LOWPASS_HZ, BUTTERWORTH_Q, rate);
  }

  push(x: number): void {
    this.ring[this.head] = this.low2.process(this.low1.process(x));
    this.head = (this.head + 1) % this.ring.length;
  }

  analyse(): void {
    const n = this.ring.length;
    for (let i = 0; i < n; i++) this.line[i] = this.ring[(this.head + i) % n]!;
    this.whiten();
    const x = this.line;
    const w = this.window;
    // The reference is the newest `w` samples, compared with the same length `lag` samples earlier.
    const ref = n - w;
    let refEnergy = 0;
    for (let i = 0; i < w; i++) refEnergy += x[ref + i]! ** 2;
    let lagEnergy = 0;
    for (let i = 0; i < w; i++) lagEnergy += x[ref - this.minLag + i]! ** 2;
    let best = 0;
    for (let lag = this.minLag; lag <= this.maxLag; lag++) {
      const start = ref - lag;
      if (lag > this.minLag) lagEnergy += x[start]! ** 2 - x[start + w]! ** 2;
      let dot = 0;
      for (let i = 0; i < w; i++) dot += x[ref + i]! * x[start + i]!;
      const r = dot / (Math.sqrt(refEnergy * Math.max(lagEnergy, 0)) + 1e-20);
      this.nccf[lag] = r;
      if (r > best) best = r;
    }
    this.value = refEnergy > 1e-14 ? best : 0;
    this.periodHz = this.value > 0 ? this.period(best) : 0;
  }

  private period(best: number): number {
    const r = this.nccf;
    for (let lag = this.minLag + 1; lag < this.maxLag; lag++) {
      const here = r[lag]!;
      if (here < 0.85 * best || here < r[lag - 1]! || here < r[lag + 1]!) continue;
      const curve = r[lag - 1]! - 2 * here + r[lag + 1]!;
      const shift = curve < 0 ? (0.5 * (r[lag - 1]! - r[lag + 1]!)) / curve : 0;
      return this.rate / (lag + Math.max(-0.5, Math.min(0.5, shift)));
    }
    return 0;
  }

  /** Replaces `line` by its LPC residual (autocorrelation method, Levinson–Durbin recursion). */
  private whiten(): void {
    const x = this.line;
    const n = x.length;
    const r = this.autocorrelation;
    for (let k = 0; k <= LPC_ORDER; k++) {
      let sum = 0;
      for (let i = k; i < n; i++) sum += x[i]! * x[i - k]!;
      r[k] = sum;
    }
    if (r[0]! <= 0) return;
    r[0] = r[0]! * 1.0001; // a touch of white noise keeps the recursion stable
    const a = this.lpc;
    a.fill(0);
    a[0] = 1;
    let error = r[0]!;
    for (let i = 1; i <= LPC_ORDER; i++) {
      let acc = r[i]!;
      for (let j = 1; j < i; j++) acc += a[j]! * r[i - j]!;
      const k = -acc / error;
      this.lpcPrevious.set(a);
      for (let j = 1; j < i; j++) a[j] = this.lpcPrevious[j]! + k * this.lpcPrevious[i - j]!;
      a[i] = k;
      error *= 1 - k * k;
      if (error <= 0) return;
    }
    for (let i = n - 1; i >= 0; i--) {
      let e = x[i]!;
      for (let j = 1; j <= LPC_ORDER && j <= i; j++) e += a[j]! * x[i - j]!;
      this.residual[i] = e;
    }
    x.set(this.residual);
  }
}
