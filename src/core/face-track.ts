// Is the tracked face steady enough to judge? FaceLandmarker in VIDEO mode reports none on the first
// frame after a jump and keeps a departed face for ~2 frames (DESIGN.md); a re-acquired face's first
// box is often off. So a face counts only once it has been seen on `steadyFrames` consecutive frames
// with no gap longer than `maxGapMs` and no jump of its box between them. Until then every verdict
// is fed "unknown" (unknown-and-unchanged, never "bad"), which stops a verdict flickering on a gap.
import type { FaceObservation } from './face-observation';

export interface FaceTrackOptions {
  /** consecutive frames with the face in about the same place before it is steady */
  steadyFrames: number;
  /** a longer pause between frames with a face starts the count again, ms */
  maxGapMs: number;
  /** the box centre moving more than this fraction of the face width between frames is a jump */
  maxJump: number;
  /** the box width changing by more than this ratio between frames is a jump */
  maxScale: number;
}

// maxGapMs is long: on a slow, loaded machine frames come 1-2 s apart and must still count; a face
// lost in between reads as a frame without a face, which restarts the count anyway.
export const DEFAULT_FACE_TRACK: FaceTrackOptions = { steadyFrames: 2, maxGapMs: 2500, maxJump: 0.5, maxScale: 1.4 };

export class FaceTrack {
  private run = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastX = 0;
  private lastY = 0;
  private lastW = 0;

  constructor(private readonly options: FaceTrackOptions = DEFAULT_FACE_TRACK) {
    if (!(options.steadyFrames >= 1) || !(options.maxGapMs > 0) || !(options.maxJump > 0) || !(options.maxScale > 1))
      throw new RangeError('steadyFrames >= 1, maxGapMs > 0, maxJump > 0 and maxScale > 1 are required');
  }

  /** True while the face is steady; false on no face, a gap, a jump, and until steady again. */
  get steady(): boolean {
    return this.run >= this.options.steadyFrames;
  }

  /** Feed one analysed frame; returns `steady` after it. */
  update(nowMs: number, face: FaceObservation): boolean {
    const { boxLeft: l, boxTop: t, boxRight: r, boxBottom: b } = face;
    if (!face.faceFound || ![l, t, r, b].every(Number.isFinite) || r <= l) {
      this.run = 0;
      return false;
    }
    const x = (l + r) / 2;
    const y = (t + b) / 2;
    const w = r - l;
    const continued =
      this.run > 0 &&
      nowMs - this.lastAt <= this.options.maxGapMs &&
      Math.hypot(x - this.lastX, y - this.lastY) <= this.options.maxJump * Math.max(w, this.lastW) &&
      Math.max(w, this.lastW) / Math.min(w, this.lastW) <= this.options.maxScale;
    this.run = continued ? this.run + 1 : 1;
    this.lastAt = nowMs;
    this.lastX = x;
    this.lastY = y;
    this.lastW = w;
    return this.steady;
  }

  reset(): void {
    this.run = 0;
  }
}
