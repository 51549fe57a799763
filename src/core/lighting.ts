// Lighting from a tiny luma image (e.g. 64x48, Rec.601 luma 0..255) and the face's landmarks:
// how bright the face is, whether skin clips, how the background compares (backlight), how the
// two halves of the face compare (side light, and from which side), and the face's contrast.
import { landmarkSlot, type FaceObservation } from './face-observation';

export interface LumaImage {
  width: number;
  height: number;
  /** row-major luma, 0..255 */
  data: Uint8Array;
}

export interface LightingStats {
  faceMean: number;
  /** fraction of face cells at or above `clipLuma` */
  faceClipped: number;
  /** 95th minus 5th percentile of face luma */
  faceContrast: number;
  backgroundMean: number;
  /** mean luma of the image-left and image-right halves of the lower face (cheeks) */
  leftMean: number;
  rightMean: number;
  /** (left - right) / mean of the two: > 0 means the image-left half is brighter */
  balance: number;
}

export type LightingIssue = 'too-dark' | 'overexposed' | 'backlit' | 'side-lit' | 'low-contrast';
export type LightingVerdict =
  | { kind: 'unknown' }
  | { kind: 'good' }
  | { kind: Exclude<LightingIssue, 'side-lit'> }
  | { kind: 'side-lit'; lightFrom: 'your-left' | 'your-right' };

export interface LightingOptions {
  darkLuma: number;
  clipLuma: number;
  clippedFraction: number;
  backlitDelta: number;
  sideBalance: number;
  /** a dim face still reads as side-lit when its bright half reaches this and |balance| is twice sideBalance */
  dimSideLuma: number;
  lowContrast: number;
}

// Luma on 0..255. sideBalance is checked against real faces lit by one point light (Extended Yale B,
// `tests/eval/vision/run.ts --lighting ../shared/media/lighting`): a frontal light (|azimuth| <= 10
// deg) leaves |balance| <= 0.22 and a light from 35-90 deg gives >= 0.39, so 0.3 sits in the gap;
// tuning it on two subjects and testing on the third picks 0.3 again. The other thresholds are not
// exercised by that set (no face it finds is too dark, clipped or backlit by its truth).
// dimSideLuma: a light behind the face's plane on one side (Yale azimuth 95-130 deg) leaves the
// face dim with one lit half (bright half 20-45, the other under 15: |balance| 0.6-1.8). Such a face
// is side-lit by its physics, and the fix is the same (light from the front). A dim, evenly lit face
// keeps |balance| far below 0.6 (Yale's frontal images: <= 0.22), so it stays too dark.
// Chosen on the Yale set itself (see tests/eval/vision/README.md: not cross-validated).
export const DEFAULT_LIGHTING: LightingOptions = {
  darkLuma: 45,
  clipLuma: 250,
  clippedFraction: 0.12,
  backlitDelta: 60,
  sideBalance: 0.3,
  dimSideLuma: 20,
  lowContrast: 18,
};

// Preallocated: the face region of a 64x48 luma image never exceeds this.
const scratch = new Uint8Array(64 * 64);

function regionMean(img: LumaImage, x0: number, y0: number, x1: number, y1: number): number {
  const cx0 = Math.max(0, Math.floor(x0 * img.width));
  const cx1 = Math.min(img.width, Math.ceil(x1 * img.width));
  const cy0 = Math.max(0, Math.floor(y0 * img.height));
  const cy1 = Math.min(img.height, Math.ceil(y1 * img.height));
  let sum = 0;
  let n = 0;
  for (let y = cy0; y < cy1; y++) {
    for (let x = cx0; x < cx1; x++) {
      sum += img.data[y * img.width + x]!;
      n++;
    }
  }
  return n > 0 ? sum / n : Number.NaN;
}

/** Statistics of the face and background; null without a face or with a face too small to measure. */
export function lightingStats(img: LumaImage, face: FaceObservation, options: LightingOptions = DEFAULT_LIGHTING): LightingStats | null {
  if (!face.faceFound) return null;
  const { boxLeft: l, boxTop: t, boxRight: r, boxBottom: b } = face;
  const noseX = face.points[landmarkSlot('noseTip') * 2]!;
  const eyeY = (face.points[landmarkSlot('leftUpper') * 2 + 1]! + face.points[landmarkSlot('rightUpper') * 2 + 1]!) / 2;
  if (![l, t, r, b, noseX, eyeY].every(Number.isFinite) || (r - l) * img.width < 4) return null;

  // The face: the inner box (drop the outer 15 % each side, which catches hair and background).
  const w = r - l;
  const h = b - t;
  const fx0 = l + 0.15 * w;
  const fx1 = r - 0.15 * w;
  const fy0 = t + 0.1 * h;
  const fy1 = b - 0.1 * h;
  let n = 0;
  let sum = 0;
  let clipped = 0;
  const cx0 = Math.max(0, Math.floor(fx0 * img.width));
  const cx1 = Math.min(img.width, Math.ceil(fx1 * img.width));
  const cy0 = Math.max(0, Math.floor(fy0 * img.height));
  const cy1 = Math.min(img.height, Math.ceil(fy1 * img.height));
  for (let y = cy0; y < cy1; y++) {
    for (let x = cx0; x < cx1; x++) {
      const v = img.data[y * img.width + x]!;
      if (n < scratch.length) scratch[n] = v;
      sum += v;
      if (v >= options.clipLuma) clipped++;
      n++;
    }
  }
  if (n < 4) return null;
  const sorted = scratch.subarray(0, Math.min(n, scratch.length)).sort();
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

  // Cheeks: between the eyes and the chin, either side of the nose.
  const leftMean = regionMean(img, fx0, eyeY, noseX, fy1);
  const rightMean = regionMean(img, noseX, eyeY, fx1, fy1);
  const pair = (leftMean + rightMean) / 2;

  // Background: beside and above the face, outside a margin of 25 % of the face width.
  const margin = 0.25 * w;
  let bgSum = 0;
  let bgN = 0;
  const yLimit = Math.min(img.height, Math.ceil(b * img.height));
  for (let y = 0; y < yLimit; y++) {
    for (let x = 0; x < img.width; x++) {
      const nx = (x + 0.5) / img.width;
      const ny = (y + 0.5) / img.height;
      const inside = nx > l - margin && nx < r + margin && ny > t - margin;
      if (inside) continue;
      bgSum += img.data[y * img.width + x]!;
      bgN++;
    }
  }
  return {
    faceMean: sum / n,
    faceClipped: clipped / n,
    faceContrast: pct(0.95) - pct(0.05),
    backgroundMean: bgN > 0 ? bgSum / bgN : Number.NaN,
    leftMean,
    rightMean,
    balance: pair > 0 ? (leftMean - rightMean) / pair : 0,
  };
}

/** One frame's verdict, most important problem first. */
export function classifyLighting(stats: LightingStats | null, options: LightingOptions = DEFAULT_LIGHTING): LightingVerdict {
  if (!stats) return { kind: 'unknown' };
  if (stats.faceClipped > options.clippedFraction) return { kind: 'overexposed' };
  // Side light before darkness and backlight when the lit half is itself bright enough: half a face
  // in shadow pulls the mean down and below the background, but the fix is to move the light, not to
  // add one. When even the brighter half is dark, adding light is the fix (a dim face's balance is
  // also unreliable: a small difference between two low numbers is a large ratio).
  // The bright half is on the image left when balance > 0; the image is not mirrored here, so the
  // light is on the person's right (their right hand side is image left).
  const bright = Math.max(stats.leftMean, stats.rightMean);
  const sideLit =
    (Math.abs(stats.balance) > options.sideBalance && bright >= options.darkLuma) ||
    (Math.abs(stats.balance) > 2 * options.sideBalance && bright >= options.dimSideLuma);
  if (sideLit) return { kind: 'side-lit', lightFrom: stats.balance > 0 ? 'your-right' : 'your-left' };
  if (stats.faceMean < options.darkLuma) return { kind: 'too-dark' };
  if (Number.isFinite(stats.backgroundMean) && stats.backgroundMean - stats.faceMean > options.backlitDelta) return { kind: 'backlit' };
  if (stats.faceContrast < options.lowContrast) return { kind: 'low-contrast' };
  return { kind: 'good' };
}
