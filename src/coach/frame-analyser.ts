// Turns one analysed frame into the coach's verdicts: gaze at the analysis rate; lighting and framing
// at ~1 Hz (they change slowly). Every verdict goes through StableVerdict so a short gap or a
// tracking jump reads as unknown-and-unchanged, never as a problem.
import type { FaceObservation } from '../core/face-observation';
import { classifyFraming, framingStats, type FramingVerdict } from '../core/framing';
import {
  classifyGaze,
  DEFAULT_GAZE_MODEL,
  gazeAngle,
  gazeFeatures,
  type GazeAngle,
  type GazeFeatures,
  type GazeModel,
  type GazeState,
} from '../core/gaze';
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
}

const round = (x: number, decimals: number) => (Number.isFinite(x) ? Number(x.toFixed(decimals)) : null);

export class FrameAnalyser {
  private readonly gazeVerdict = new StableVerdict<Exclude<GazeState, 'unknown'>>({ holdMs: 400, staleMs: 1500 });
  private readonly lightingVerdict = new StableVerdict<Exclude<LightingVerdict['kind'], 'unknown'>>({ holdMs: 3000, staleMs: 5000 });
  private readonly framingVerdict = new StableVerdict<Exclude<FramingVerdict['kind'], 'unknown'>>({ holdMs: 3000, staleMs: 5000 });
  private readonly features = {} as GazeFeatures;
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
  };

  constructor(private gazeModel: GazeModel = DEFAULT_GAZE_MODEL) {}

  /** True when the slow signals want a luma image with this frame. */
  wantsLuma(nowMs: number): boolean {
    return nowMs - this.lastSlowAt >= SLOW_SIGNAL_EVERY_MS;
  }

  update(nowMs: number, face: FaceObservation, luma: LumaImage | null): VisionSummary {
    const s = this.summary;
    const hasGaze = gazeFeatures(face, this.features);
    const angle = hasGaze ? gazeAngle(this.features, this.gazeModel, this.angle) : null;
    s.gaze = this.gazeVerdict.update(nowMs, classifyGaze(hasGaze ? this.features : null, angle));
    s.gazeOffDeg = angle ? round(angle.off, 1) : null;
    s.gazeCalibrated = this.gazeModel.calibrated;

    if (this.wantsLuma(nowMs)) {
      this.lastSlowAt = nowMs;
      const lstats = luma ? lightingStats(luma, face) : null;
      const lighting = classifyLighting(lstats);
      if (lighting.kind === 'side-lit') this.lightFrom = lighting.lightFrom;
      s.lighting = this.lightingVerdict.update(nowMs, lighting.kind);
      s.lightFrom = s.lighting === 'side-lit' ? this.lightFrom : null;
      s.faceLuma = lstats ? round(lstats.faceMean, 0) : null;

      const fstats = framingStats(face);
      const framing = classifyFraming(fstats);
      if (framing.kind !== 'unknown' && framing.kind !== 'good') this.framingDetail = framing.detail ?? null;
      s.framing = this.framingVerdict.update(nowMs, framing.kind);
      s.framingDetail = s.framing === 'unknown' || s.framing === 'good' ? null : this.framingDetail;
      s.faceWidth = fstats ? round(fstats.faceWidth, 3) : null;
    }
    return s;
  }
}
