// Fixed-size window of the last N samples with allocation-free percentiles (STYLE.md principle 4):
// every buffer is allocated in the constructor; `percentile` sorts a preallocated scratch copy.

export class RingStats {
  private readonly values: Float64Array;
  private readonly scratch: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.values = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  get count(): number {
    return this.filled;
  }

  push(value: number): void {
    if (!Number.isFinite(value)) return;
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }

  clear(): void {
    this.next = 0;
    this.filled = 0;
  }

  /** Nearest-rank percentile, p in [0, 100]; NaN when empty. */
  percentile(p: number): number {
    if (this.filled === 0) return Number.NaN;
    const view = this.scratch.subarray(0, this.filled);
    view.set(this.values.subarray(0, this.filled));
    view.sort();
    const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.filled);
    return view[Math.max(0, rank - 1)]!;
  }

  mean(): number {
    if (this.filled === 0) return Number.NaN;
    let sum = 0;
    for (let i = 0; i < this.filled; i++) sum += this.values[i]!;
    return sum / this.filled;
  }
}
