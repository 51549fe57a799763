// Page results back into the estimators' own types, so node can re-run the pure estimators (with
// other options, or a calibration) on exactly what the browser measured.
import type { FaceObservation } from '../../../src/core/face-observation';
import type { LumaImage } from '../../../src/core/lighting';
import type { AnalyseResult, ObservationData } from './page/protocol';

export function toObservation(o: ObservationData): FaceObservation {
  // JSON has no NaN: values that were NaN in the page may arrive as null.
  const num = (x: number | null) => (x === null ? Number.NaN : x);
  return {
    ...o,
    yaw: num(o.yaw),
    pitch: num(o.pitch),
    roll: num(o.roll),
    boxLeft: num(o.boxLeft),
    boxTop: num(o.boxTop),
    boxRight: num(o.boxRight),
    boxBottom: num(o.boxBottom),
    points: Float32Array.from(o.points, num),
    blendshapes: Float32Array.from(o.blendshapes, num),
  };
}

export function toLuma(r: AnalyseResult): LumaImage | null {
  return r.luma ? { width: r.luma.width, height: r.luma.height, data: Uint8Array.from(r.luma.data) } : null;
}
