// Head pose from FaceLandmarker's 4x4 facial transformation matrix (column-major, 16 numbers).
// With R[i][j] = m[j*4+i]: yaw = asin(-R20), pitch = atan2(R21, R22), roll = atan2(R10, R00)
// (DESIGN.md). Signs, checked on real faces by the flipped-image test in tests/eval/vision
// (`--flip DIR`: each image as it is and mirrored; tests/unit/head-pose.test.ts covers the algebra):
// positive yaw = face turns toward image right (the nose tip sits right of the face's middle);
// positive pitch = face tips down; positive roll = head tilts counter-clockwise on screen (the
// clockwise image rotations of the framing evaluation read as negative roll). A mirrored face gives
// yaw and roll of opposite sign and the same pitch (within ~1 deg).

export interface HeadPose {
  /** degrees */
  yaw: number;
  /** degrees */
  pitch: number;
  /** degrees */
  roll: number;
}

const DEG = 180 / Math.PI;

/** Writes the pose of a column-major 4x4 matrix into `out` (no allocation); returns false for a malformed matrix. */
export function headPoseFromMatrix(m: ArrayLike<number>, out: HeadPose): boolean {
  if (m.length < 16) return false;
  const r00 = m[0]!;
  const r10 = m[1]!;
  const r20 = m[2]!;
  const r21 = m[6]!;
  const r22 = m[10]!;
  // The matrix carries the face's scale; normalise by the first column's length.
  const scale = Math.hypot(r00, r10, r20);
  if (!(scale > 1e-9) || !Number.isFinite(r21) || !Number.isFinite(r22)) return false;
  const s = Math.min(1, Math.max(-1, -r20 / scale));
  out.yaw = Math.asin(s) * DEG;
  out.pitch = Math.atan2(r21, r22) * DEG;
  out.roll = Math.atan2(r10, r00) * DEG;
  return true;
}
