// A categorical verdict with hysteresis: a new verdict replaces the current one only after it has
// been seen continuously for `holdMs`; "unknown" observations (no face, a tracking jump) leave the
// current verdict alone for up to `staleMs`, then the verdict itself becomes "unknown". So short
// gaps read as unknown-and-unchanged, never as "bad".

export interface StableVerdictOptions {
  /** a new verdict must persist this long, ms */
  holdMs: number;
  /** with only unknown observations for this long, the verdict becomes unknown, ms */
  staleMs: number;
}

export class StableVerdict<K extends string> {
  private current: K | 'unknown' = 'unknown';
  private candidate: K | null = null;
  private candidateSince = 0;
  private lastKnownAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: StableVerdictOptions) {
    if (!(options.holdMs >= 0) || !(options.staleMs > 0)) throw new RangeError('holdMs must be >= 0 and staleMs > 0');
  }

  get value(): K | 'unknown' {
    return this.current;
  }

  update(nowMs: number, observed: K | 'unknown'): K | 'unknown' {
    if (observed === 'unknown') {
      if (nowMs - this.lastKnownAt > this.options.staleMs) {
        this.current = 'unknown';
        this.candidate = null;
      }
      return this.current;
    }
    this.lastKnownAt = nowMs;
    if (observed === this.current) {
      this.candidate = null;
      return this.current;
    }
    if (observed !== this.candidate) {
      this.candidate = observed;
      this.candidateSince = nowMs;
    }
    if (nowMs - this.candidateSince >= this.options.holdMs) {
      this.current = observed;
      this.candidate = null;
    }
    return this.current;
  }
}
