// An adaptive noise floor in dB: follows the level down quickly and creeps up slowly, so it settles on
// the quiet moments between words (a minimum-statistics tracker in spirit; R. Martin, IEEE TSAP 2001).
// Speech rarely holds a level for more than a few hundred ms, so a slow rise ignores it; a lasting change
// of background (a fan turned on) is learned at `riseDbPerS`.

export interface NoiseFloorOptions {
  /** how fast the floor may rise, dB per second */
  riseDbPerS: number;
  /** time constant of a fall toward a quieter level, ms */
  fallMs: number;
  /** the floor never goes below this, dB re full scale (keeps digital silence from making any hiss "speech") */
  minDb: number;
}

export const DEFAULT_NOISE_FLOOR: NoiseFloorOptions = { riseDbPerS: 3, fallMs: 30, minDb: -80 };

export class NoiseFloor {
  /** dB re full scale; NaN before the first frame */
  db = Number.NaN;
  private readonly risePerFrame: number;
  private readonly fallGain: number;

  constructor(
    frameMs: number,
    private readonly options: NoiseFloorOptions = DEFAULT_NOISE_FLOOR,
  ) {
    this.risePerFrame = (options.riseDbPerS * frameMs) / 1000;
    this.fallGain = 1 - Math.exp(-frameMs / options.fallMs);
  }

  // Results are fields, not return values: a double returned from a call V8 does not inline is boxed, and
  // that would be an allocation per frame.
  update(levelDb: number): void {
    const level = Math.max(levelDb, this.options.minDb);
    if (Number.isNaN(this.db)) this.db = level;
    else if (level < this.db) this.db += (level - this.db) * this.fallGain;
    else this.db = Math.min(level, this.db + this.risePerFrame);
  }

  reset(): void {
    this.db = Number.NaN;
  }
}
