// Events per second over a sliding window, from event timestamps in ms. Preallocated ring of times.

export class RateMeter {
  private readonly times: Float64Array;
  private next = 0;
  private filled = 0;

  /** @param windowMs span the rate is averaged over, in ms; @param capacity most events kept. */
  constructor(
    private readonly windowMs: number,
    capacity = 256,
  ) {
    this.times = new Float64Array(capacity);
  }

  mark(nowMs: number): void {
    this.times[this.next] = nowMs;
    this.next = (this.next + 1) % this.times.length;
    if (this.filled < this.times.length) this.filled++;
  }

  /** Events per second in (nowMs - windowMs, nowMs]. */
  rate(nowMs: number): number {
    let n = 0;
    let oldest = nowMs;
    for (let i = 0; i < this.filled; i++) {
      const t = this.times[i]!;
      if (t > nowMs - this.windowMs && t <= nowMs) {
        n++;
        if (t < oldest) oldest = t;
      }
    }
    if (n < 2) return 0;
    // n events span (n - 1) intervals between the oldest and newest; use the window when it is full.
    const span = Math.max(nowMs - oldest, 1);
    return ((n - 1) / span) * 1000;
  }
}
