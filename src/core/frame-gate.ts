// Decides which camera frames go to the coach: at most `fps` a second and never more than one in
// flight (the coach acknowledges each), so a slow detector lowers the rate instead of queueing frames.
// A lost acknowledgement (coach reloaded, worker crashed) re-opens the gate after `ackTimeoutMs`.

export interface FrameGateOptions {
  /** target analysed frames per second */
  fps: number;
  /** how long to wait for an acknowledgement before sending again, ms */
  ackTimeoutMs: number;
}

export class FrameGate {
  private intervalMs: number;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private inFlight = false;

  constructor(private readonly options: FrameGateOptions) {
    this.intervalMs = 1000 / options.fps;
    if (!(options.fps > 0)) throw new RangeError(`fps must be > 0, got ${options.fps}`);
  }

  setFps(fps: number): void {
    if (!(fps > 0)) throw new RangeError(`fps must be > 0, got ${fps}`);
    this.intervalMs = 1000 / fps;
  }

  /** True when a frame arriving at `nowMs` should be sent; marks it in flight. */
  offer(nowMs: number): boolean {
    if (this.inFlight && nowMs - this.lastSentAt < this.options.ackTimeoutMs) return false;
    // Allow 10 % early so a 30 fps camera sampled at 5 fps does not alternate 6- and 7-frame gaps.
    if (nowMs - this.lastSentAt < this.intervalMs * 0.9) return false;
    this.lastSentAt = nowMs;
    this.inFlight = true;
    return true;
  }

  /**
   * How long from `nowMs` until the rate could let a frame through (0: now). A frame still in flight
   * is not counted: its acknowledgement usually comes long before the interval is up.
   */
  msUntilOpen(nowMs: number): number {
    return Math.max(0, this.lastSentAt + this.intervalMs * 0.9 - nowMs);
  }

  acknowledge(): void {
    this.inFlight = false;
  }
}
