// What one 10 ms frame looks like, as numbers: its level in the telephone speech band (300–3400 Hz, where
// voiced speech has most of its energy; ITU-T G.712), its periodicity (voicing.ts), and the speech band
// in ~31 Hz bins and in four octave-wide groups (narrowband.ts; for the echo gate). Filters keep their state
// across frames, so a stream must be fed in order. Every buffer is allocated in the constructor.
import { Biquad, BUTTERWORTH_Q } from './biquad';
import { Decimator, Narrowband } from './narrowband';
import { powerDb } from './power-db';
import { Voicing } from './voicing';

/** Octave-wide groups of the speech band, Hz. */
export const SUB_BAND_EDGES_HZ = [300, 600, 1200, 2400, 3400] as const;
export const SUB_BANDS = SUB_BAND_EDGES_HZ.length - 1;

export class FrameFeatures {
  /** level in 300–3400 Hz over this frame, dB re full scale */
  speechDb = -120;
  /** periodicity 0–1 */
  voicing = 0;
  /** pitch estimate, Hz (see voicing.ts); meaningful only when `voicing` is high */
  pitchHz = 0;
  /** level per octave group (SUB_BAND_EDGES_HZ) over the last 32 ms, dB */
  readonly bandDb = new Float64Array(SUB_BANDS);
  /** group index of each narrowband bin */
  readonly binGroup: Uint8Array;
  readonly narrowband: Narrowband;

  private readonly rumble: Biquad;
  private readonly speechHigh: Biquad;
  private readonly speechLow: Biquad;
  private readonly decimator: Decimator;
  private readonly periodicity: Voicing;
  private readonly groupPower = new Float64Array(SUB_BANDS);

  constructor(sampleRate: number) {
    this.rumble = new Biquad('highpass', 60, BUTTERWORTH_Q, sampleRate);
    this.speechHigh = new Biquad('highpass', SUB_BAND_EDGES_HZ[0], BUTTERWORTH_Q, sampleRate);
    this.speechLow = new Biquad('lowpass', SUB_BAND_EDGES_HZ[SUB_BANDS]!, BUTTERWORTH_Q, sampleRate);
    this.decimator = new Decimator(sampleRate);
    this.periodicity = new Voicing(this.decimator.rate);
    this.narrowband = new Narrowband(this.decimator.rate);
    this.binGroup = new Uint8Array(this.narrowband.binHz.length);
    this.narrowband.binHz.forEach((hz, k) => {
      let g = 0;
      while (g < SUB_BANDS - 1 && hz >= SUB_BAND_EDGES_HZ[g + 1]!) g++;
      this.binGroup[k] = g;
    });
  }

  analyse(frame: Float32Array): void {
    let speech = 0;
    for (let i = 0; i < frame.length; i++) {
      const x = this.rumble.process(frame[i]!);
      const s = this.speechLow.process(this.speechHigh.process(x));
      speech += s * s;
      if (this.decimator.push(x)) {
        this.periodicity.push(this.decimator.value);
        this.narrowband.push(this.decimator.value);
      }
    }
    this.speechDb = powerDb(speech / frame.length);
    this.periodicity.analyse();
    this.voicing = this.periodicity.value;
    this.pitchHz = this.periodicity.periodHz;
    this.narrowband.analyse();
    this.groupPower.fill(0);
    const bins = this.narrowband.binDb;
    for (let k = 0; k < bins.length; k++) {
      const g = this.binGroup[k]!;
      this.groupPower[g] = this.groupPower[g]! + 10 ** (bins[k]! / 10);
    }
    for (let g = 0; g < SUB_BANDS; g++) this.bandDb[g] = powerDb(this.groupPower[g]!);
  }
}
