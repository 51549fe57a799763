// How the therapist sounds, from the 10 ms frames during their own speech (echo-gated, so the client's
// voice leaking into the mic does not count):
//   rate    syllable nuclei per second: peaks of the speech-band energy envelope that rise and fall by at
//           least `peakDipDb` and sit on a voiced frame (de Jong & Wempe, "Praat script to detect syllable
//           nuclei", Behav. Res. Methods 41, 2009: intensity peaks with a 2 dB dip, voiced), over the
//           last `windowMs` of speech
//   pitch   variation of F0 in semitones (std around the median; values more than half an octave away are
//           dropped as octave errors) over the last voiced frames: low = monotone
//   level   full-band speech level, dB re full scale (too quiet below `quietDb`), and the share of samples
//           at full scale (clipping above `clipShare`)
// Rings and scratch buffers are allocated in the constructor; `update` allocates nothing.
import { FRAME_MS } from './framer';

export type VoiceLevel = 'ok' | 'too-quiet' | 'clipping' | 'unknown';

export interface VoiceOptions {
  /** recent speech the rate and level cover, ms */
  windowMs: number;
  /** recent voiced speech the pitch variation covers, ms */
  pitchWindowMs: number;
  /** speech needed before any figure is reported, ms */
  minSpeechMs: number;
  /** a syllable peak rises and falls by at least this much, dB */
  peakDipDb: number;
  /** periodicity above which a frame is voiced (0–1) */
  minVoicing: number;
  /** speech quieter than this is too quiet, dBFS (a mic with AGC sits near −25) */
  quietDb: number;
  /** share of speech samples at full scale above which the mic clips */
  clipShare: number;
}

export const DEFAULT_VOICE: VoiceOptions = {
  windowMs: 30_000,
  pitchWindowMs: 20_000,
  minSpeechMs: 3000,
  peakDipDb: 3,
  minVoicing: 0.7,
  quietDb: -40,
  clipShare: 0.001,
};

const CLIP_LEVEL = 0.999; // |sample| at or above this is at full scale
const OCTAVE_ERROR_ST = 6; // semitones from the median beyond which a pitch is an octave error

/** What `update` needs of a frame's analysis (FrameFeatures has these). */
export interface VoiceFrame {
  speechDb: number;
  voicing: number;
  pitchHz: number;
}

export class VoiceFeatures {
  private readonly options: VoiceOptions;
  // per speech frame, over windowMs: syllable peak (0/1), power, clipped samples, samples
  private readonly peaks: Uint8Array;
  private readonly power: Float64Array;
  private readonly clipped: Uint32Array;
  private readonly samples: Uint32Array;
  private head = 0;
  private filled = 0;
  private peakSum = 0;
  private powerSum = 0;
  private clippedSum = 0;
  private sampleSum = 0;
  // pitch, semitones re 100 Hz, per voiced speech frame
  private readonly pitch: Float32Array;
  private readonly scratch: Float32Array;
  private pitchHead = 0;
  private pitchFilled = 0;
  // envelope: 30 ms moving average of speechDb, and the peak picker's state
  private e1 = -120;
  private e2 = -120;
  private seekingPeak = false;
  private extreme = Infinity;
  private extremeVoiced = false;
  private extremeSpeaking = false;

  constructor(options: VoiceOptions = DEFAULT_VOICE) {
    for (const [key, value] of Object.entries(options)) {
      if (!Number.isFinite(value)) throw new RangeError(`voice option ${key} must be a finite number, got ${value}`);
    }
    if (options.windowMs < FRAME_MS || options.pitchWindowMs < FRAME_MS) throw new RangeError('voice windows must be at least one frame');
    this.options = options;
    const frames = Math.round(options.windowMs / FRAME_MS);
    this.peaks = new Uint8Array(frames);
    this.power = new Float64Array(frames);
    this.clipped = new Uint32Array(frames);
    this.samples = new Uint32Array(frames);
    this.pitch = new Float32Array(Math.round(options.pitchWindowMs / FRAME_MS));
    this.scratch = new Float32Array(this.pitch.length);
  }

  /** One 10 ms frame of the therapist's mic, its features, and whether they are speaking now. */
  update(frame: Float32Array, features: VoiceFrame, speaking: boolean): void {
    const voiced = features.voicing >= this.options.minVoicing;
    const envelope = (this.e1 + this.e2 + features.speechDb) / 3;
    this.e2 = this.e1;
    this.e1 = features.speechDb;
    const peak = this.pickPeak(envelope, voiced, speaking);
    if (peak) this.markPeak();
    if (!speaking) return;

    let power = 0;
    let clipped = 0;
    for (let i = 0; i < frame.length; i++) {
      const x = frame[i]!;
      power += x * x;
      if (x >= CLIP_LEVEL || x <= -CLIP_LEVEL) clipped++;
    }
    this.pushFrame(power / Math.max(1, frame.length), clipped, frame.length);
    if (voiced && features.pitchHz > 0) {
      this.pitch[this.pitchHead] = 12 * Math.log2(features.pitchHz / 100);
      this.pitchHead = (this.pitchHead + 1) % this.pitch.length;
      this.pitchFilled = Math.min(this.pitchFilled + 1, this.pitch.length);
    }
  }

  /** Speech covered by the rate and level figures, ms. */
  get speechMs(): number {
    return this.filled * FRAME_MS;
  }

  /** Syllable nuclei per second of recent speech; null until `minSpeechMs` of speech. */
  get rateSps(): number | null {
    return this.speechMs >= this.options.minSpeechMs ? this.peakSum / (this.speechMs / 1000) : null;
  }

  /** Speech level, dBFS; null until `minSpeechMs` of speech. */
  get levelDb(): number | null {
    return this.speechMs >= this.options.minSpeechMs ? 10 * Math.log10(Math.max(this.powerSum / this.filled, 1e-12)) : null;
  }

  /** Share of recent speech samples at full scale, 0–1. */
  get clippedShare(): number {
    return this.sampleSum > 0 ? this.clippedSum / this.sampleSum : 0;
  }

  get level(): VoiceLevel {
    const db = this.levelDb;
    if (db === null) return 'unknown';
    if (this.clippedShare > this.options.clipShare) return 'clipping';
    return db < this.options.quietDb ? 'too-quiet' : 'ok';
  }

  /** Pitch variation, semitones; null until `minSpeechMs` of voiced speech. Sorts: call about once a second. */
  pitchVarSt(): number | null {
    const n = this.pitchFilled;
    if (n * FRAME_MS < this.options.minSpeechMs) return null;
    const sorted = this.scratch.subarray(0, n);
    sorted.set(this.pitch.subarray(0, n));
    sorted.sort();
    const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    let count = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const d = sorted[i]! - median;
      if (Math.abs(d) > OCTAVE_ERROR_ST) continue;
      count++;
      sum += d;
      sumSq += d * d;
    }
    if (count < 2) return null;
    const mean = sum / count;
    return Math.sqrt(Math.max(0, sumSq / count - mean * mean));
  }

  /** Hysteresis peak picker on the envelope; true when a peak on a voiced speech frame is confirmed. */
  private pickPeak(envelope: number, voiced: boolean, speaking: boolean): boolean {
    const dip = this.options.peakDipDb;
    if (this.seekingPeak) {
      if (envelope > this.extreme) {
        this.extreme = envelope;
        this.extremeVoiced = voiced;
        this.extremeSpeaking = speaking;
      } else if (envelope < this.extreme - dip) {
        const counted = this.extremeVoiced && this.extremeSpeaking;
        this.seekingPeak = false;
        this.extreme = envelope;
        return counted;
      }
    } else if (envelope < this.extreme) {
      this.extreme = envelope;
    } else if (envelope > this.extreme + dip) {
      this.seekingPeak = true;
      this.extreme = envelope;
      this.extremeVoiced = voiced;
      this.extremeSpeaking = speaking;
    }
    return false;
  }

  /** Counts a peak on the newest speech frame (the peak is confirmed a few frames after it happened). */
  private markPeak(): void {
    if (this.filled === 0) return;
    const last = (this.head - 1 + this.peaks.length) % this.peaks.length;
    this.peakSum += 1 - this.peaks[last]!;
    this.peaks[last] = 1;
  }

  private pushFrame(power: number, clipped: number, samples: number): void {
    const i = this.head;
    if (this.filled === this.peaks.length) {
      this.peakSum -= this.peaks[i]!;
      this.powerSum -= this.power[i]!;
      this.clippedSum -= this.clipped[i]!;
      this.sampleSum -= this.samples[i]!;
    } else this.filled++;
    this.peaks[i] = 0;
    this.power[i] = power;
    this.clipped[i] = clipped;
    this.samples[i] = samples;
    this.powerSum += power;
    this.clippedSum += clipped;
    this.sampleSum += samples;
    this.head = (i + 1) % this.peaks.length;
  }
}
