// Turns one analysed frame into the coach's verdicts: gaze at the analysis rate; lighting and framing
// at ~1 Hz (they change slowly). Every verdict goes through StableVerdict so a short gap or a
// tracking jump reads as unknown-and-unchanged, never as a problem; FaceTrack holds every estimator
// at "unknown" until a re-acquired face has been steady for 2 frames.
import { ExpressivenessTracker } from '../core/expressiveness';
import { KEPT_BLENDSHAPES, type FaceObservation } from '../core/face-observation';
import { FaceTrack } from '../core/face-track';
import { CameraHeightEstimator, classifyFraming, framingStats, type CameraHeight, type FramingVerdict } from '../core/framing';
import { gazeAngle, gazeFeatures, type GazeAngle, type GazeFeatures, type GazeModel, type GazeState } from '../core/gaze';
import { classifyCalibratedGaze, gazeModelOf, type GazeCalibration } from '../core/gaze-calibration';
import { classifyLighting, lightingStats, type LightingVerdict, type LumaImage } from '../core/lighting';
import { StableVerdict } from '../core/stable-verdict';

export const SLOW_SIGNAL_EVERY_MS = 1000;

export interface VisionSummary {
  gaze: GazeState;
  /** degrees from the lens, null when unknown */
  gazeOffDeg: number | null;
  gazeCalibrated: boolean;
  lighting: LightingVerdict['kind'];
  lightFrom: 'your-left' | 'your-right' | null;
  faceLuma: number | null;
  framing: FramingVerdict['kind'];
  framingDetail: string | null;
  /** face width as a fraction of the frame, null when unknown */
  faceWidth: number | null;
  cameraHeight: CameraHeight;
  cameraPitchDeg: number | null;
  smiling: boolean;
  smileShare: number | null;
  smiles: number;
  nods: number;
  /** this frame's eye-direction features with a steady face (the setup page's calibration records them), else null */
  gazeFeatures: GazeFeatures | null;
}

const SMILE_LEFT = KEPT_BLENDSHAPES.indexOf('mouthSmileLeft');
const SMILE_RIGHT = KEPT_BLENDSHAPES.indexOf('mouthSmileRight');

const round = (x: number, decimals: number) => (Number.isFinite(x) ? Number(x.toFixed(decimals)) : null);

export class FrameAnalyser {
  private readonly gazeVerdict = new StableVerdict<Exclude<GazeState, 'unknown'>>({ holdMs: 400, staleMs: 1500 });
  private readonly lightingVerdict = new StableVerdict<Exclude<LightingVerdict['kind'], 'unknown'>>({ holdMs: 3000, staleMs: 5000 });
  private readonly framingVerdict = new StableVerdict<Exclude<FramingVerdict['kind'], 'unknown'>>({ holdMs: 3000, staleMs: 5000 });
  private readonly track = new FaceTrack();
  private readonly cameraHeight = new CameraHeightEstimator();
  private readonly expressiveness = new ExpressivenessTracker();
  private gazeModel: GazeModel;
  private calibration: GazeCalibration | null = null;
  private readonly features = {} as GazeFeatures;
  private readonly sample = {} as GazeFeatures;
  private readonly angle: GazeAngle = { x: 0, y: 0, off: 0 };
  private lastSlowAt = Number.NEGATIVE_INFINITY;
  private lightFrom: VisionSummary['lightFrom'] = null;
  private framingDetail: string | null = null;
  readonly summary: VisionSummary = {
    gaze: 'unknown',
    gazeOffDeg: null,
    gazeCalibrated: false,
    lighting: 'unknown',
    lightFrom: null,
    faceLuma: null,
    framing: 'unknown',
    framingDetail: null,
    faceWidth: null,
    cameraHeight: 'unknown',
    cameraPitchDeg: null,
    smiling: false,
    smileShare: null,
    smiles: 0,
    nods: 0,
    gazeFeatures: null,
  };

  constructor(calibration: GazeCalibration | null = null) {
    this.gazeModel = gazeModelOf(calibration);
    this.calibration = calibration;
  }

  /** Uses this person's calibration for this camera (null: population defaults, gazeCalibrated false). */
  setCalibration(calibration: GazeCalibration | null): void {
    this.calibration = calibration;
    this.gazeModel = gazeModelOf(calibration);
  }

  /** True when the slow signals want a luma image with this frame. */
  wantsLuma(nowMs: number): boolean {
    return nowMs - this.lastSlowAt >= SLOW_SIGNAL_EVERY_MS;
  }

  update(nowMs: number, face: FaceObservation, luma: LumaImage | null): VisionSummary {
    const s = this.summary;
    const steady = this.track.update(nowMs, face);
    const hasGaze = steady && gazeFeatures(face, this.features);
    const angle = hasGaze ? gazeAngle(this.features, this.gazeModel, this.angle) : null;
    const gaze = classifyCalibratedGaze(hasGaze ? this.features : null, angle, this.calibration);
    s.gaze = this.gazeVerdict.update(nowMs, gaze);
    s.gazeOffDeg = angle ? round(angle.off, 1) : null;
    s.gazeCalibrated = this.gazeModel.calibrated;
    s.gazeFeatures = hasGaze ? Object.assign(this.sample, this.features) : null;
    if (gaze === 'at-camera' || gaze === 'at-screen') this.cameraHeight.add(face.pitch);
    s.cameraHeight = this.cameraHeight.height;
    s.cameraPitchDeg = round(this.cameraHeight.cameraPitchDeg ?? Number.NaN, 1);
    const smile = (face.blendshapes[SMILE_LEFT]! + face.blendshapes[SMILE_RIGHT]!) / 2;
    const expr = this.expressiveness.update(nowMs, steady, smile, face.pitch);
    s.smiling = expr.smiling;
    s.smileShare = expr.smileShare === null ? null : round(expr.smileShare, 3);
    s.smiles = Math.min(expr.smiles, 1000);
    s.nods = Math.min(expr.nods, 1000);

    if (this.wantsLuma(nowMs)) {
      this.lastSlowAt = nowMs;
      const lstats = luma && steady ? lightingStats(luma, face) : null;
      const lighting = classifyLighting(lstats);
      if (lighting.kind === 'side-lit') this.lightFrom = lighting.lightFrom;
      s.lighting = this.lightingVerdict.update(nowMs, lighting.kind);
      s.lightFrom = s.lighting === 'side-lit' ? this.lightFrom : null;
      s.faceLuma = lstats ? round(lstats.faceMean, 0) : null;

      const fstats = steady ? framingStats(face) : null;
      const framing = classifyFraming(fstats);
      if (framing.kind !== 'unknown' && framing.kind !== 'good') this.framingDetail = framing.detail ?? null;
      s.framing = this.framingVerdict.update(nowMs, framing.kind);
      s.framingDetail = s.framing === 'unknown' || s.framing === 'good' ? null : this.framingDetail;
      s.faceWidth = fstats ? round(fstats.faceWidth, 3) : null;
    }
    return s;
  }
}
