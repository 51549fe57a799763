// Cuts a stream of blocks of any size (an AudioWorklet's 128-sample render quanta) into fixed frames.
// The frame buffer is allocated once; the caller copies in with `fill` and reads `frame` when `full`.

/** 10 ms frames: the unit of every audio decision here. */
export const FRAME_MS = 10;

/** Samples in one 10 ms frame, validated: the rate must give a whole number of samples. */
export function frameLength(sampleRate: number): number {
  const n = (sampleRate * FRAME_MS) / 1000;
  if (!Number.isInteger(n) || sampleRate < 8000 || sampleRate > 192000) {
    throw new RangeError(`sample rate must be 8000–192000 Hz and a multiple of 100, got ${sampleRate}`);
  }
  return n;
}

export class Framer {
  readonly frame: Float32Array;
  private filled = 0;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`frame length must be a positive integer, got ${length}`);
    this.frame = new Float32Array(length);
  }

  get full(): boolean {
    return this.filled === this.length;
  }

  /** Copies samples from `block[from..]` until the frame is full or the block ends; returns how many. */
  fill(block: Float32Array, from: number): number {
    const n = Math.min(this.length - this.filled, block.length - from);
    // A loop, not set(subarray(...)): subarray allocates a view on every call.
    for (let i = 0; i < n; i++) this.frame[this.filled + i] = block[from + i]!;
    this.filled += n;
    return n;
  }

  /** Starts the next frame (call after reading a full one). */
  clear(): void {
    this.filled = 0;
  }
}
