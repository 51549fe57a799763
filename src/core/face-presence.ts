// Face found / not found / unknown, as a state machine with units (STYLE.md principle 3).
// FaceLandmarker in VIDEO mode keeps reporting a departed face for ~2 frames and reports none on the
// first frame after a jump (DESIGN.md), so a verdict changes only after it has held for a while;
// with no frames at all (camera off, coach stalled) the verdict is "unknown", never "no face".

export type Presence = 'unknown' | 'face' | 'no-face';

export interface FacePresenceOptions {
  /** a face must be seen this long before "face", ms */
  confirmFaceMs: number;
  /** no face for this long before "no-face", ms */
  confirmLossMs: number;
  /** no frame analysed for this long means "unknown", ms */
  staleMs: number;
}

export const DEFAULT_PRESENCE: FacePresenceOptions = { confirmFaceMs: 150, confirmLossMs: 600, staleMs: 2500 };

export class FacePresence {
  private state: Presence = 'unknown';
  private candidate: Presence = 'unknown';
  private candidateSince = 0;
  private lastFrameAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: FacePresenceOptions = DEFAULT_PRESENCE) {}

  /** Feed one analysed frame; returns the verdict after it. */
  update(nowMs: number, faceFound: boolean): Presence {
    this.lastFrameAt = nowMs;
    const observed: Presence = faceFound ? 'face' : 'no-face';
    if (observed !== this.candidate) {
      this.candidate = observed;
      this.candidateSince = nowMs;
    }
    if (observed !== this.state) {
      const hold = faceFound ? this.options.confirmFaceMs : this.options.confirmLossMs;
      // From "unknown" the first observation counts at once: there is no earlier verdict to protect.
      if (this.state === 'unknown' || nowMs - this.candidateSince >= hold) this.state = observed;
    }
    return this.state;
  }

  /** The verdict at `nowMs` without a new frame (goes "unknown" when frames stop). */
  current(nowMs: number): Presence {
    if (nowMs - this.lastFrameAt > this.options.staleMs) {
      this.state = 'unknown';
      this.candidate = 'unknown';
    }
    return this.state;
  }
}
