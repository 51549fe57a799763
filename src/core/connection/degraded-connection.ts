// Is the connection bad enough that the coach should advise "pause a beat"? From the numbers getStats
// gives every ~2 s. Degraded when any of RTT, jitter or loss stays over its limit for `sustainMs`
// (a one-off spike never counts); recovered when all stay under `recoverRatio` of their limits for
// `recoverMs` (hysteresis: a connection hovering at the limit does not flap). A missing number (null) is
// unknown and never counts as bad; a gap in the samples longer than `maxGapMs` starts the runs again.
// Limits: ITU-T G.114 puts one-way delay above 150 ms (RTT 300) as noticeably harming conversation;
// jitter above ~40 ms and loss above ~1 % are where WebRTC audio starts to conceal audibly.

export interface ConnectionSample {
  /** round-trip time, ms */
  rttMs: number | null;
  /** inbound audio jitter, ms */
  jitterMs: number | null;
  /** inbound audio packets lost over the last interval, percent */
  lossPct: number | null;
}

export interface DegradedOptions {
  rttMs: number;
  jitterMs: number;
  lossPct: number;
  sustainMs: number;
  recoverMs: number;
  /** all numbers below this share of their limits count as recovered (0–1) */
  recoverRatio: number;
  maxGapMs: number;
}

export const DEFAULT_DEGRADED: DegradedOptions = {
  rttMs: 300,
  jitterMs: 40,
  lossPct: 1,
  sustainMs: 6000,
  recoverMs: 6000,
  recoverRatio: 0.8,
  maxGapMs: 5000,
};

const over = (value: number | null, limit: number) => value !== null && value > limit;

export class DegradedConnection {
  degraded = false;
  private badSince = Number.NaN;
  private goodSince = Number.NaN;
  private lastMs = Number.NaN;

  constructor(private readonly options: DegradedOptions = DEFAULT_DEGRADED) {
    for (const [key, value] of Object.entries(options)) {
      if (!Number.isFinite(value) || value < 0) throw new RangeError(`connection option ${key} must be a finite number >= 0, got ${value}`);
    }
    if (options.recoverRatio > 1) throw new RangeError(`recoverRatio must be at most 1, got ${options.recoverRatio}`);
  }

  /** One sample taken at `atMs`; returns whether the connection is degraded now. */
  update(sample: ConnectionSample, atMs: number): boolean {
    if (!Number.isFinite(atMs)) throw new RangeError(`sample time must be finite, got ${atMs}`);
    const o = this.options;
    if (!(atMs - this.lastMs <= o.maxGapMs)) this.badSince = this.goodSince = Number.NaN;
    this.lastMs = atMs;
    const bad = over(sample.rttMs, o.rttMs) || over(sample.jitterMs, o.jitterMs) || over(sample.lossPct, o.lossPct);
    const r = o.recoverRatio;
    const good = !over(sample.rttMs, o.rttMs * r) && !over(sample.jitterMs, o.jitterMs * r) && !over(sample.lossPct, o.lossPct * r);
    if (bad) {
      if (Number.isNaN(this.badSince)) this.badSince = atMs;
    } else this.badSince = Number.NaN;
    if (good) {
      if (Number.isNaN(this.goodSince)) this.goodSince = atMs;
    } else this.goodSince = Number.NaN;
    if (!this.degraded && bad && atMs - this.badSince >= o.sustainMs) this.degraded = true;
    else if (this.degraded && good && atMs - this.goodSince >= o.recoverMs) this.degraded = false;
    return this.degraded;
  }
}
