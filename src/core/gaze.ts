// Gaze-to-camera from head pose plus eye direction. Eye direction comes from two independent cues
// that both move monotonically with eye rotation (DESIGN.md): the iris centre relative to the eye
// corners and lids, and the eyeLook* blendshapes. Neither is zero when looking at the camera
// (blendshapes sit at ~0.16-0.23; iris offsets depend on the face), so everything is measured as a
// delta from a per-person calibration ("look into your camera"), or from population defaults.
import { landmarkSlot, KEPT_BLENDSHAPES, type FaceObservation, type KeptBlendshape } from './face-observation';

/** Eye-direction features of one frame; horizontal + = toward image right, vertical + = up. */
export interface GazeFeatures {
  irisX: number;
  irisY: number;
  lookX: number;
  lookY: number;
  blink: number;
  yaw: number;
  pitch: number;
}

const bs = (o: FaceObservation, name: KeptBlendshape) => o.blendshapes[KEPT_BLENDSHAPES.indexOf(name)]!;
const px = (o: FaceObservation, name: Parameters<typeof landmarkSlot>[0]) => o.points[landmarkSlot(name) * 2]!;
const py = (o: FaceObservation, name: Parameters<typeof landmarkSlot>[0]) => o.points[landmarkSlot(name) * 2 + 1]!;

/** Writes the features of `o` into `out`; false when the face or eyes are missing. */
export function gazeFeatures(o: FaceObservation, out: GazeFeatures): boolean {
  if (!o.faceFound) return false;
  let ix = 0;
  let iy = 0;
  for (const side of ['left', 'right'] as const) {
    const outer = side === 'left' ? 'leftOuter' : 'rightOuter';
    const inner = side === 'left' ? 'leftInner' : 'rightInner';
    const upper = side === 'left' ? 'leftUpper' : 'rightUpper';
    const lower = side === 'left' ? 'leftLower' : 'rightLower';
    const iris = side === 'left' ? 'leftIris' : 'rightIris';
    // Eye width in pixels-equivalent units (x and y normalise differently in a non-square frame).
    const ex = (px(o, inner) - px(o, outer)) * o.width;
    const ey = (py(o, inner) - py(o, outer)) * o.height;
    const eyeWidth = Math.hypot(ex, ey);
    if (!(eyeWidth > 1)) return false;
    const midX = ((px(o, inner) + px(o, outer)) / 2) * o.width;
    const midY = ((py(o, upper) + py(o, lower)) / 2) * o.height;
    ix += (px(o, iris) * o.width - midX) / eyeWidth;
    iy += -(py(o, iris) * o.height - midY) / eyeWidth;
  }
  out.irisX = ix / 2;
  out.irisY = iy / 2;
  // Blendshape names are the person's own left/right: the person's left eye is on the image right.
  // Looking toward image right = person's left: left eye looks out, right eye looks in.
  out.lookX = (bs(o, 'eyeLookOutLeft') + bs(o, 'eyeLookInRight') - bs(o, 'eyeLookInLeft') - bs(o, 'eyeLookOutRight')) / 2;
  out.lookY = (bs(o, 'eyeLookUpLeft') + bs(o, 'eyeLookUpRight') - bs(o, 'eyeLookDownLeft') - bs(o, 'eyeLookDownRight')) / 2;
  out.blink = (bs(o, 'eyeBlinkLeft') + bs(o, 'eyeBlinkRight')) / 2;
  out.yaw = o.yaw;
  out.pitch = o.pitch;
  return [out.irisX, out.irisY, out.yaw, out.pitch].every(Number.isFinite);
}

export interface GazeModel {
  /** features when looking into the lens */
  atCamera: GazeFeatures;
  /** degrees of eye rotation per unit of iris offset (eye-width units), horizontal and vertical */
  irisGainX: number;
  irisGainY: number;
  /** degrees per unit of blendshape difference */
  lookGainX: number;
  lookGainY: number;
  /** weight of the blendshape cue against the iris cue, 0..1 */
  lookWeight: number;
  /** true when `atCamera` came from this person's calibration */
  calibrated: boolean;
}

// Population defaults. Iris: eyeball radius ~12 mm over an eye width of ~30 mm gives 0.4 per radian,
// and MediaPipe's iris moves ~0.7x horizontally / ~0.5x vertically (DESIGN.md): ~0.28 and ~0.2 per
// radian, i.e. ~205 and ~285 degrees per unit. Blendshapes: ~0.5 of range over ~30 degrees.
export const DEFAULT_GAZE_MODEL: GazeModel = {
  atCamera: { irisX: 0, irisY: 0.02, lookX: 0, lookY: 0, blink: 0.1, yaw: 0, pitch: 10 },
  irisGainX: 205,
  irisGainY: 285,
  lookGainX: 60,
  lookGainY: 60,
  lookWeight: 0.5,
  calibrated: false,
};

export interface GazeAngle {
  /** degrees from the camera axis: + = toward image right / up */
  x: number;
  y: number;
  /** total angle from the lens, degrees */
  off: number;
}

/** Where the person looks relative to the lens, in degrees, under `model`. */
export function gazeAngle(f: GazeFeatures, model: GazeModel, out: GazeAngle): GazeAngle {
  const c = model.atCamera;
  const w = model.lookWeight;
  const lookX = Number.isFinite(f.lookX) ? (f.lookX - c.lookX) * model.lookGainX : Number.NaN;
  const lookY = Number.isFinite(f.lookY) ? (f.lookY - c.lookY) * model.lookGainY : Number.NaN;
  const irisX = (f.irisX - c.irisX) * model.irisGainX;
  const irisY = (f.irisY - c.irisY) * model.irisGainY;
  const eyeX = Number.isFinite(lookX) ? (1 - w) * irisX + w * lookX : irisX;
  const eyeY = Number.isFinite(lookY) ? (1 - w) * irisY + w * lookY : irisY;
  // Head yaw turns the gaze with it; head pitch + = tips down, so it moves the gaze down.
  out.x = eyeX + (f.yaw - c.yaw);
  out.y = eyeY - (f.pitch - c.pitch);
  out.off = Math.hypot(out.x, out.y);
  return out;
}

export type GazeState = 'at-camera' | 'at-screen' | 'away' | 'eyes-closed' | 'unknown';

export interface GazeThresholds {
  /** within this many degrees of the lens reads as eye contact */
  cameraDeg: number;
  /** within this many degrees reads as looking at the screen (the client's tile near the camera) */
  screenDeg: number;
  /** mean eyeBlink above this is eyes closed */
  blinkClosed: number;
}

// cameraDeg: eye contact is perceived within ~1-2 deg of the lens, but the estimate cannot resolve
// that: at a 640-px frame with the face at ~25 % of its width an eye is ~30 px wide, and one pixel
// of iris movement reads as ~7 deg. 8 deg (was 6) is the widest setting that kept precision at 1.0
// on our labelled real frames while recall rose from 0.19 to 0.44 uncalibrated and from 0.50 to
// 0.63 calibrated (tests/eval/vision, --gaze; 16 at-camera frames of 4 people, so a rough guide).
export const DEFAULT_GAZE_THRESHOLDS: GazeThresholds = { cameraDeg: 8, screenDeg: 25, blinkClosed: 0.5 };

export function classifyGaze(f: GazeFeatures | null, angle: GazeAngle | null, t: GazeThresholds = DEFAULT_GAZE_THRESHOLDS): GazeState {
  if (!f || !angle || !Number.isFinite(angle.off)) return 'unknown';
  if (Number.isFinite(f.blink) && f.blink > t.blinkClosed) return 'eyes-closed';
  if (angle.off <= t.cameraDeg) return 'at-camera';
  if (angle.off <= t.screenDeg) return 'at-screen';
  return 'away';
}

/** Averages calibration frames (median per feature, robust to blinks and stray frames). */
export function calibrate(samples: readonly GazeFeatures[], base: GazeModel = DEFAULT_GAZE_MODEL): GazeModel {
  if (samples.length < 5) throw new RangeError(`calibration needs at least 5 frames with a face, got ${samples.length}`);
  const open = samples.filter((s) => !(s.blink > 0.5));
  const use = open.length >= 5 ? open : samples;
  const median = (key: keyof GazeFeatures) => {
    const values = use
      .map((s) => s[key])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return values.length ? values[Math.floor(values.length / 2)]! : Number.NaN;
  };
  const atCamera: GazeFeatures = {
    irisX: median('irisX'),
    irisY: median('irisY'),
    lookX: median('lookX'),
    lookY: median('lookY'),
    blink: median('blink'),
    yaw: median('yaw'),
    pitch: median('pitch'),
  };
  return { ...base, atCamera, calibrated: true };
}
