// Speech boundaries of one side waiting until both sides are settled: a fixed ring of (time, start/end).
// Each side's detector emits its boundaries in time order, but late (back-dated), so the two sides are
// merged only once no earlier boundary can still arrive.

export class BoundaryQueue {
  private readonly times: Float64Array;
  private readonly starts: Uint8Array;
  private head = 0;
  private size = 0;
  /** boundaries dropped because the queue was full (should stay 0; a sign of a stalled side) */
  dropped = 0;

  constructor(capacity = 32) {
    this.times = new Float64Array(capacity);
    this.starts = new Uint8Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(atMs: number, isStart: boolean): void {
    if (this.size === this.times.length) {
      this.pop();
      this.dropped++;
    }
    const at = (this.head + this.size) % this.times.length;
    this.times[at] = atMs;
    this.starts[at] = isStart ? 1 : 0;
    this.size++;
  }

  /** Time of the oldest boundary; Infinity when empty. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.times[this.head]!;
  }

  peekIsStart(): boolean {
    return this.starts[this.head] === 1;
  }

  pop(): void {
    if (this.size === 0) return;
    this.head = (this.head + 1) % this.times.length;
    this.size--;
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}
