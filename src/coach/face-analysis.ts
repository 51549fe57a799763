// MediaPipe FaceLandmarker -> FaceObservation (numbers only). Shared by the face worker and the
// vision evaluation harness, so the evaluation runs the extension's own code path.
import { FaceLandmarker, FilesetResolver, type FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import { headPoseFromMatrix, type HeadPose } from '../core/head-pose';
import { KEPT_BLENDSHAPES, KEPT_LANDMARKS, KEPT_ORDER, type FaceObservation } from '../core/face-observation';

export async function createFaceLandmarker(wasmBase: string, modelPath: string): Promise<FaceLandmarker> {
  const fileset = await FilesetResolver.forVisionTasks(wasmBase, true);
  return FaceLandmarker.createFromOptions(fileset, {
    // CPU delegate: on machines without a GPU the GL delegate runs on SwiftShader ~8x slower (DESIGN.md).
    baseOptions: { modelAssetPath: modelPath, delegate: 'CPU' },
    runningMode: 'VIDEO',
    numFaces: 1,
    outputFacialTransformationMatrixes: true,
    outputFaceBlendshapes: true,
  });
}

const pose: HeadPose = { yaw: 0, pitch: 0, roll: 0 };
const keptIndices = KEPT_ORDER.map((name) => KEPT_LANDMARKS[name]);
let blendshapeSlots: Int16Array | null = null; // category index -> kept slot, built from the first result

/** Fills `out` from one detection; returns out.faceFound. */
export function observe(result: FaceLandmarkerResult, width: number, height: number, out: FaceObservation): boolean {
  out.width = width;
  out.height = height;
  const landmarks = result.faceLandmarks[0];
  const matrix = result.facialTransformationMatrixes?.[0]?.data;
  out.faceFound = !!landmarks && landmarks.length >= 478 && !!matrix && headPoseFromMatrix(matrix, pose);
  out.points.fill(Number.NaN);
  out.blendshapes.fill(Number.NaN);
  if (!out.faceFound || !landmarks) {
    out.yaw = out.pitch = out.roll = Number.NaN;
    out.boxLeft = out.boxTop = out.boxRight = out.boxBottom = Number.NaN;
    return false;
  }
  out.yaw = pose.yaw;
  out.pitch = pose.pitch;
  out.roll = pose.roll;
  let left = 1;
  let top = 1;
  let right = 0;
  let bottom = 0;
  for (const p of landmarks) {
    if (p.x < left) left = p.x;
    if (p.x > right) right = p.x;
    if (p.y < top) top = p.y;
    if (p.y > bottom) bottom = p.y;
  }
  out.boxLeft = left;
  out.boxTop = top;
  out.boxRight = right;
  out.boxBottom = bottom;
  for (let i = 0; i < keptIndices.length; i++) {
    const p = landmarks[keptIndices[i]!]!;
    out.points[i * 2] = p.x;
    out.points[i * 2 + 1] = p.y;
  }
  const categories = result.faceBlendshapes?.[0]?.categories;
  if (categories) {
    if (!blendshapeSlots) {
      blendshapeSlots = new Int16Array(categories.length).fill(-1);
      categories.forEach((c, i) => (blendshapeSlots![i] = KEPT_BLENDSHAPES.indexOf(c.categoryName as (typeof KEPT_BLENDSHAPES)[number])));
    }
    for (let i = 0; i < categories.length && i < blendshapeSlots.length; i++) {
      const slot = blendshapeSlots[i]!;
      if (slot >= 0) out.blendshapes[slot] = categories[i]!.score;
    }
  }
  return true;
}
