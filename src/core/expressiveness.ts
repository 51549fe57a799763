// Expressiveness (issue 3; reported, not nudged by default): smiles from the mouthSmile blendshapes
// and nods from head-pitch oscillation. Both are state machines with units (STYLE.md principle 3):
// a smile needs the score above `onScore` for `minSmileMs` and ends below `offScore` (hysteresis, so
// a score hovering at the threshold is one smile, not many); a nod is a down-swing of the head of at
// least `nodDeg` from its resting pitch that comes back within `maxNodMs` (a longer look down, e.g.
// at notes, is not a nod). Frames without a steady face are "unknown": they end nothing and count
// toward neither the smiling time nor the face time.

export interface ExpressivenessOptions {
  /** mean mouthSmileLeft/Right above this starts a smile, 0..1 */
  onScore: number;
  /** ... and below this ends it */
  offScore: number;
  /** a smile must hold this long to count, ms */
  minSmileMs: number;
  /** head pitch must dip at least this far below (+ = down) its resting pitch, deg */
  nodDeg: number;
  /** and come back within this long, ms */
  maxNodMs: number;
  /** the resting pitch follows the head with this time constant, ms */
  restTauMs: number;
  /** a gap longer than this forgets a half-seen smile or nod, ms */
  maxGapMs: number;
}

// Scores: MediaPipe's mouthSmile sits near 0-0.1 on a neutral face and passes 0.5 on a clear smile
// (DESIGN.md lists it among the blendshapes; thresholds set on the real selfie trace, where the
// subject's neutral score stays under 0.2). Nods: conversational nods are 5-15 deg at 1-3 Hz
// (Hadar et al. 1985, head movement in speech); 4 deg keeps pose noise (~1 deg) out.
export const DEFAULT_EXPRESSIVENESS: ExpressivenessOptions = {
  onScore: 0.5,
  offScore: 0.3,
  minSmileMs: 300,
  nodDeg: 4,
  maxNodMs: 1200,
  restTauMs: 2000,
  maxGapMs: 1000,
};

export interface Expressiveness {
  smiling: boolean;
  /** share of the face time spent smiling, 0..1; null before any face time */
  smileShare: number | null;
  smiles: number;
  nods: number;
}

export class ExpressivenessTracker {
  private smileCandidateSince: number | null = null;
  private smilingNow = false;
  private smileMs = 0;
  private faceMs = 0;
  private smileCount = 0;
  private nodCount = 0;
  private rest: number | null = null;
  private dipSince: number | null = null;
  private lastAt: number | null = null;

  constructor(private readonly options: ExpressivenessOptions = DEFAULT_EXPRESSIVENESS) {
    if (!(options.offScore < options.onScore) || !(options.nodDeg > 0) || !(options.maxNodMs > 0) || !(options.restTauMs > 0))
      throw new RangeError('need offScore < onScore, nodDeg > 0, maxNodMs > 0, restTauMs > 0');
  }

  /**
   * One frame. `smile` = the mean mouthSmile score (NaN when not computed), `pitch` = head pitch in
   * degrees (+ = down); `steady` false (no face, a tracking gap) makes the frame unknown.
   */
  update(nowMs: number, steady: boolean, smile: number, pitch: number): Expressiveness {
    const o = this.options;
    const gap = this.lastAt === null ? Number.POSITIVE_INFINITY : nowMs - this.lastAt;
    if (!steady || gap > o.maxGapMs) {
      // Unknown: forget what was half-seen; a smile in progress ends without a verdict on it.
      this.smileCandidateSince = null;
      this.smilingNow = false;
      this.dipSince = null;
      if (!steady) {
        this.rest = null;
        this.lastAt = null;
        return this.current();
      }
    } else {
      this.faceMs += gap;
      if (this.smilingNow) this.smileMs += gap;
    }
    this.lastAt = nowMs;
    this.updateSmile(nowMs, smile);
    this.updateNod(nowMs, Number.isFinite(gap) && gap <= o.maxGapMs ? gap : 0, pitch);
    return this.current();
  }

  current(): Expressiveness {
    return {
      smiling: this.smilingNow,
      smileShare: this.faceMs > 0 ? this.smileMs / this.faceMs : null,
      smiles: this.smileCount,
      nods: this.nodCount,
    };
  }

  private updateSmile(nowMs: number, smile: number): void {
    const o = this.options;
    if (!Number.isFinite(smile)) return;
    if (this.smilingNow) {
      if (smile < o.offScore) this.smilingNow = false;
      return;
    }
    if (smile < o.offScore) {
      this.smileCandidateSince = null;
      return;
    }
    if (smile >= o.onScore) this.smileCandidateSince ??= nowMs;
    if (this.smileCandidateSince !== null && nowMs - this.smileCandidateSince >= o.minSmileMs) {
      this.smilingNow = true;
      this.smileMs += nowMs - this.smileCandidateSince; // the smile began when it crossed onScore
      this.smileCandidateSince = null;
      this.smileCount++;
    }
  }

  private updateNod(nowMs: number, dtMs: number, pitch: number): void {
    const o = this.options;
    if (!Number.isFinite(pitch)) return;
    if (this.rest === null) {
      this.rest = pitch;
      return;
    }
    const dip = pitch - this.rest;
    if (this.dipSince === null) {
      if (dip >= o.nodDeg) this.dipSince = nowMs;
      else this.rest += (pitch - this.rest) * (1 - Math.exp(-dtMs / o.restTauMs)); // follow slow posture changes
      return;
    }
    if (nowMs - this.dipSince > o.maxNodMs) {
      // Held down: a look at notes, not a nod. The head's new resting pitch is here.
      this.dipSince = null;
      this.rest = pitch;
      return;
    }
    if (dip <= o.nodDeg / 2) {
      this.nodCount++;
      this.dipSince = null;
    }
  }
}
