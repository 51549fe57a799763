// The speech band (300–3400 Hz) in ~31 Hz bins: a 32 ms Hann-windowed FFT, every 10 ms, of the signal
// low-passed at 3.4 kHz and decimated to about 8 kHz. Fine enough to separate the harmonics of two voices,
// which is what lets the echo gate hear the therapist through the client's echo. Allocated once.
import { Biquad } from './biquad';
import { PowerSpectrum } from './fft';
import { powerDb } from './power-db';

const TARGET_RATE_HZ = 8000;
const FFT_SIZE = 256;
export const BAND_LOW_HZ = 300;
export const BAND_HIGH_HZ = 3400;

export class Narrowband {
  /** level of each bin from BAND_LOW_HZ to BAND_HIGH_HZ, dB (same scale for any input rate) */
  readonly binDb: Float64Array;
  /** centre frequency of each bin, Hz */
  readonly binHz: Float64Array;
  private readonly ring = new Float64Array(FFT_SIZE);
  private readonly windowed = new Float64Array(FFT_SIZE);
  private readonly hann = new Float64Array(FFT_SIZE);
  private readonly spectrum = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly fft = new PowerSpectrum(FFT_SIZE);
  private readonly first: number;
  private head = 0;
  private norm = 0;

  /** @param rate the decimated rate the samples arrive at, Hz */
  constructor(rate: number) {
    this.first = Math.ceil((BAND_LOW_HZ * FFT_SIZE) / rate);
    const last = Math.min(FFT_SIZE / 2, Math.floor((BAND_HIGH_HZ * FFT_SIZE) / rate));
    this.binDb = new Float64Array(last - this.first + 1);
    this.binHz = new Float64Array(last - this.first + 1);
    for (let k = 0; k < this.binHz.length; k++) this.binHz[k] = ((this.first + k) * rate) / FFT_SIZE;
    for (let i = 0; i < FFT_SIZE; i++) {
      this.hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE);
      this.norm += this.hann[i]! ** 2;
    }
  }

  push(x: number): void {
    this.ring[this.head] = x;
    this.head = (this.head + 1) % FFT_SIZE;
  }

  analyse(): void {
    for (let i = 0; i < FFT_SIZE; i++) this.windowed[i] = this.ring[(this.head + i) % FFT_SIZE]! * this.hann[i]!;
    this.fft.power(this.windowed, this.spectrum);
    // Scaled so a bin holds the mean-square power of a sinusoid at its frequency (Parseval with the window).
    for (let k = 0; k < this.binDb.length; k++) this.binDb[k] = powerDb((2 * this.spectrum[this.first + k]!) / (FFT_SIZE * this.norm));
  }
}

/** Decimation to about 8 kHz: a 4th-order Butterworth low-pass at 3.4 kHz, then every `factor`-th sample. */
export class Decimator {
  readonly factor: number;
  readonly rate: number;
  private readonly low1: Biquad;
  private readonly low2: Biquad;
  private phase = 0;
  /** the last output sample (valid when `push` returned true) */
  value = 0;

  constructor(sampleRate: number) {
    this.factor = Math.max(1, Math.round(sampleRate / TARGET_RATE_HZ));
    this.rate = sampleRate / this.factor;
    const cutoff = Math.min(BAND_HIGH_HZ, 0.45 * this.rate);
    this.low1 = new Biquad('lowpass', cutoff, 0.5412, sampleRate); // Q of a 4th-order Butterworth's two sections
    this.low2 = new Biquad('lowpass', cutoff, 1.3066, sampleRate);
  }

  /** Feeds one input sample; returns true when an output sample is ready in `value`. */
  push(x: number): boolean {
    const y = this.low2.process(this.low1.process(x));
    if (++this.phase < this.factor) return false;
    this.phase = 0;
    this.value = y;
    return true;
  }
}
