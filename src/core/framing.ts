// Framing from the face's landmarks: where the face sits in the frame, how big it is, headroom,
// whether it is cut off at an edge, head tilt. Units: fractions of the frame's width/height, degrees.
// Guidance this encodes (telehealth setup guides): eyes about a third from the top, face centred,
// head and shoulders in view (face ~20-35 % of the frame width), camera level with the eyes.
import type { FaceObservation } from './face-observation';

export interface FramingStats {
  /** face centre minus frame centre, as a fraction of the frame width (+ = image right) */
  offsetX: number;
  /** face centre minus frame centre, as a fraction of the frame height (+ = down) */
  offsetY: number;
  /** face (landmark box) width as a fraction of the frame width */
  faceWidth: number;
  /** space above the estimated top of the head, as a fraction of the frame height (may be < 0) */
  headroom: number;
  /** which frame edges the face touches */
  cutLeft: boolean;
  cutRight: boolean;
  cutTop: boolean;
  cutBottom: boolean;
  /** degrees, + = counter-clockwise in the image (head tilted toward the viewer's left) */
  roll: number;
}

export type FramingIssue = 'cut-off' | 'too-close' | 'too-far' | 'off-centre' | 'no-headroom' | 'too-much-headroom' | 'tilted';
export type FramingVerdict = { kind: 'unknown' } | { kind: 'good' } | { kind: FramingIssue; detail?: string };

export interface FramingOptions {
  /** a box edge within this fraction of the frame edge counts as cut off */
  edgeMargin: number;
  maxFaceWidth: number;
  minFaceWidth: number;
  maxOffsetX: number;
  minHeadroom: number;
  maxHeadroom: number;
  maxRollDeg: number;
}

export const DEFAULT_FRAMING: FramingOptions = {
  edgeMargin: 0.01,
  maxFaceWidth: 0.5,
  minFaceWidth: 0.14,
  maxOffsetX: 0.18,
  minHeadroom: 0.0,
  maxHeadroom: 0.35,
  maxRollDeg: 12,
};

// The landmark box ends at mid-forehead; the top of the head is about this fraction of the box height
// higher (adult head proportions: hairline-to-crown ~ 1/4 of chin-to-brow).
const CROWN_ABOVE_BOX = 0.3;

export function framingStats(face: FaceObservation, options: FramingOptions = DEFAULT_FRAMING): FramingStats | null {
  if (!face.faceFound) return null;
  const { boxLeft: l, boxTop: t, boxRight: r, boxBottom: b } = face;
  if (![l, t, r, b].every(Number.isFinite) || r <= l || b <= t) return null;
  const m = options.edgeMargin;
  return {
    offsetX: (l + r) / 2 - 0.5,
    offsetY: (t + b) / 2 - 0.5,
    faceWidth: r - l,
    headroom: t - CROWN_ABOVE_BOX * (b - t),
    cutLeft: l <= m,
    cutRight: r >= 1 - m,
    cutTop: t <= m,
    cutBottom: b >= 1 - m,
    roll: face.roll,
  };
}

export function classifyFraming(stats: FramingStats | null, options: FramingOptions = DEFAULT_FRAMING): FramingVerdict {
  if (!stats) return { kind: 'unknown' };
  const edges = [stats.cutLeft && 'left', stats.cutRight && 'right', stats.cutTop && 'top', stats.cutBottom && 'bottom'].filter(Boolean);
  if (edges.length > 0) return { kind: 'cut-off', detail: edges.join(',') };
  if (stats.faceWidth > options.maxFaceWidth) return { kind: 'too-close' };
  if (stats.faceWidth < options.minFaceWidth) return { kind: 'too-far' };
  if (Math.abs(stats.offsetX) > options.maxOffsetX) return { kind: 'off-centre', detail: stats.offsetX > 0 ? 'right' : 'left' };
  if (stats.headroom < options.minHeadroom) return { kind: 'no-headroom' };
  if (stats.headroom > options.maxHeadroom) return { kind: 'too-much-headroom' };
  if (Number.isFinite(stats.roll) && Math.abs(stats.roll) > options.maxRollDeg) return { kind: 'tilted' };
  return { kind: 'good' };
}

// ---- Camera height ----
// Looking at the screen, the head faces the screen; a camera below the eyes then sees the face from
// below (it reads as tipped up: negative pitch) and one above sees it tipped down. MediaPipe's pitch
// has a constant offset of about +10-12 deg on a frontal face (DESIGN.md), removed here. Averaged
// over the frames where the person looks at the screen (the caller decides: a gaze verdict of at
// camera / at screen), so a glance at notes does not read as a high camera.

export type CameraHeight = 'low' | 'level' | 'high' | 'unknown';

export interface CameraHeightOptions {
  /** MediaPipe's pitch on a frontal face seen from straight ahead, deg */
  pitchBiasDeg: number;
  /** |corrected pitch| up to this is level, deg */
  levelDeg: number;
  /** the verdict moves only when the mean is this far past a boundary (hysteresis), deg */
  marginDeg: number;
  /** frames averaged (a ring); the verdict needs at least `minFrames` of them */
  windowFrames: number;
  minFrames: number;
}

// A laptop camera on a desk sits ~15-25 deg below the eyes of a seated person looking at the screen
// centre; guides ask for the lens at eye level. 8 deg is about the tilt at which the view starts to
// look up the nose (a lens ~8 cm below the eyes at 60 cm).
export const DEFAULT_CAMERA_HEIGHT: CameraHeightOptions = { pitchBiasDeg: 11, levelDeg: 8, marginDeg: 2, windowFrames: 50, minFrames: 8 };

export class CameraHeightEstimator {
  private readonly ring: Float64Array;
  private count = 0;
  private next = 0;
  private verdict: CameraHeight = 'unknown';

  constructor(private readonly options: CameraHeightOptions = DEFAULT_CAMERA_HEIGHT) {
    if (!(options.windowFrames >= options.minFrames) || !(options.minFrames >= 1) || !(options.levelDeg > options.marginDeg))
      throw new RangeError('need windowFrames >= minFrames >= 1 and levelDeg > marginDeg');
    this.ring = new Float64Array(options.windowFrames);
  }

  /** Feed head pitch (deg) of a frame where the person looks at the screen; other frames are not fed. */
  add(pitchDeg: number): void {
    if (!Number.isFinite(pitchDeg)) return;
    this.ring[this.next] = pitchDeg;
    this.next = (this.next + 1) % this.ring.length;
    this.count = Math.min(this.count + 1, this.ring.length);
    this.classify();
  }

  /** Camera pitch relative to the eyes, deg: + = the camera looks down on the face (sits high); null until enough frames. */
  get cameraPitchDeg(): number | null {
    if (this.count < this.options.minFrames) return null;
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.ring[i]!;
    return sum / this.count - this.options.pitchBiasDeg;
  }

  get height(): CameraHeight {
    return this.verdict;
  }

  reset(): void {
    this.count = 0;
    this.next = 0;
    this.verdict = 'unknown';
  }

  private classify(): void {
    const p = this.cameraPitchDeg;
    if (p === null) return;
    const { levelDeg, marginDeg } = this.options;
    const raw: CameraHeight = p < -levelDeg ? 'low' : p > levelDeg ? 'high' : 'level';
    if (this.verdict === 'unknown' || raw === this.verdict) {
      this.verdict = raw;
      return;
    }
    // Leave the current verdict only when clearly past the boundary.
    const past = raw === 'low' ? p < -levelDeg - marginDeg : raw === 'high' ? p > levelDeg + marginDeg : Math.abs(p) < levelDeg - marginDeg;
    if (past) this.verdict = raw;
  }
}
