// The energy model for voice activity: how far a frame's speech-band level stands above the stream's own
// noise floor, in dB, where only voiced frames may reach the start threshold. Unvoiced frames (consonants,
// but also breath, rustle, keyboard) are capped at `unvoicedCeilingDb`: set between the two thresholds of
// the state machine, they can keep speech going but never start it. On the AMI clips this cap took frame
// F1 from 0.85 to 0.92 (tests/eval/vad-sweep.ts). Frames below an absolute level are never speech.
import { type FrameFeatures } from './frame-features';
import { NoiseFloor, type NoiseFloorOptions } from './noise-floor';

export interface SpeechScoreOptions {
  floor: NoiseFloorOptions;
  /** frames quieter than this in the speech band are never speech, dB re full scale */
  minLevelDb: number;
  /** periodicity (0–1) at or above which a frame is voiced */
  voicedMin: number;
  /** the most an unvoiced frame may score, dB above the floor */
  unvoicedCeilingDb: number;
}

/** A score that no threshold accepts. */
export const NOT_SPEECH = -1000;

export class SpeechScore {
  /** the last frame's score: dB above the noise floor (capped when unvoiced), or NOT_SPEECH */
  score = NOT_SPEECH;
  private readonly floor: NoiseFloor;

  constructor(
    frameMs: number,
    private readonly options: SpeechScoreOptions,
  ) {
    this.floor = new NoiseFloor(frameMs, options.floor);
  }

  /** the noise floor of the speech band, dB re full scale (NaN before the first frame) */
  get floorDb(): number {
    return this.floor.db;
  }

  /** Scores one frame into `score` and updates the floor. */
  update(features: FrameFeatures): void {
    this.floor.update(features.speechDb);
    const above = features.speechDb - this.floor.db;
    if (features.speechDb < this.options.minLevelDb) this.score = NOT_SPEECH;
    else this.score = features.voicing >= this.options.voicedMin ? above : Math.min(above, this.options.unvoicedCeilingDb);
  }
}
