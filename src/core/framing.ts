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
