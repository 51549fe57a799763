// Backs the analysis rate off when the detector cannot keep up, and brings it back when it can
// (issue 7: "back off under CPU pressure"). A state machine with units (STYLE.md principle 3):
//   overloaded  median detect time of the last `window` frames > `budget` x the frame interval
//               -> halve the rate (not below minFps) and judge the new rate afresh;
//   headroom    the same median would fit the budget at twice the rate, held for `recoverMs`
//               -> double the rate (not above maxFps).
// Halving at 50 % keeps a 2-core machine's call responsive: at 10 fps with ~40 ms detections
// (DESIGN.md) the worker is busy 40 % of the time, and a loaded machine pushes it over.
import { RingStats } from './ring-stats';

export interface RateGovernorOptions {
  /** the rate the user asked for, frames/s: never exceeded */
  maxFps: number;
  /** never below this, frames/s */
  minFps: number;
  /** frames the median is taken over */
  window: number;
  /** share of the frame interval the median detect time may take */
  budget: number;
  /** headroom must hold this long before the rate goes back up, ms */
  recoverMs: number;
}

export const DEFAULT_GOVERNOR: Omit<RateGovernorOptions, 'maxFps'> = { minFps: 2, window: 20, budget: 0.5, recoverMs: 10_000 };

export class RateGovernor {
  private readonly detectMs: RingStats;
  private readonly options: RateGovernorOptions;
  private current: number;
  private headroomSince: number | null = null;

  constructor(options: Partial<RateGovernorOptions> & { maxFps: number }) {
    this.options = { ...DEFAULT_GOVERNOR, ...options };
    const { maxFps, minFps, budget, recoverMs } = this.options;
    if (!(minFps > 0) || !(maxFps >= minFps)) throw new RangeError(`want 0 < minFps <= maxFps, got ${minFps} and ${maxFps}`);
    if (!(budget > 0 && budget <= 1)) throw new RangeError(`budget must be in (0, 1], got ${budget}`);
    if (!(recoverMs >= 0)) throw new RangeError(`recoverMs must be >= 0, got ${recoverMs}`);
    this.detectMs = new RingStats(this.options.window);
    this.current = maxFps;
  }

  /** The rate to analyse at now, frames/s. */
  get fps(): number {
    return this.current;
  }

  get maxFps(): number {
    return this.options.maxFps;
  }

  /** A new ceiling (the user changed the setting): start over from it. */
  setMaxFps(maxFps: number): void {
    if (!(maxFps >= this.options.minFps)) throw new RangeError(`maxFps must be >= minFps (${this.options.minFps}), got ${maxFps}`);
    this.options.maxFps = maxFps;
    this.current = maxFps;
    this.reset();
  }

  /** Feed one frame's detect time; returns the rate to use from now on. */
  update(nowMs: number, detectMs: number): number {
    this.detectMs.push(detectMs);
    if (this.detectMs.count < this.options.window) return this.current;
    const median = this.detectMs.percentile(50);
    const { budget, minFps, maxFps, recoverMs } = this.options;
    if (median > (budget * 1000) / this.current) {
      if (this.current > minFps) {
        this.current = Math.max(minFps, this.current / 2);
        this.reset();
      }
      this.headroomSince = null;
      return this.current;
    }
    const up = Math.min(maxFps, this.current * 2);
    if (up > this.current && median <= (budget * 1000) / up) {
      this.headroomSince ??= nowMs;
      if (nowMs - this.headroomSince >= recoverMs) {
        this.current = up;
        this.reset();
      }
    } else {
      this.headroomSince = null;
    }
    return this.current;
  }

  private reset(): void {
    this.detectMs.clear();
    this.headroomSince = null;
  }
}
