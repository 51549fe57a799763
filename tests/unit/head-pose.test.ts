import { describe, expect, it } from 'vitest';
import { headPoseFromMatrix, type HeadPose } from '../../src/core/head-pose';

const rad = Math.PI / 180;

/** Column-major 4x4 of s * Rz(roll) * Ry(yaw) * Rx(pitch) with a translation, as MediaPipe emits. */
function matrix(yaw: number, pitch: number, roll: number, scale = 1): number[] {
  const [cy, sy, cp, sp, cr, sr] = [
    Math.cos(yaw * rad),
    Math.sin(yaw * rad),
    Math.cos(pitch * rad),
    Math.sin(pitch * rad),
    Math.cos(roll * rad),
    Math.sin(roll * rad),
  ];
  const R = [
    [cr * cy, cr * sy * sp - sr * cp, cr * sy * cp + sr * sp],
    [sr * cy, sr * sy * sp + cr * cp, sr * sy * cp - cr * sp],
    [-sy, cy * sp, cy * cp],
  ];
  const m = new Array<number>(16).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[j * 4 + i] = scale * R[i]![j]!;
  m[12] = 1.5;
  m[13] = -2;
  m[14] = -40;
  m[15] = 1;
  return m;
}

describe('headPoseFromMatrix', () => {
  const angles = [-60, -25, -5, 0, 7, 30, 55];
  it.each(angles.flatMap((yaw) => angles.map((pitch) => [yaw, pitch, (yaw + pitch) / 4] as const)))(
    'recovers yaw %d, pitch %d, roll %d within 0.01 deg',
    (yaw, pitch, roll) => {
      const out: HeadPose = { yaw: 0, pitch: 0, roll: 0 };
      expect(headPoseFromMatrix(matrix(yaw, pitch, roll, 0.8 + Math.abs(yaw) / 100), out)).toBe(true);
      expect(out.yaw).toBeCloseTo(yaw, 2);
      expect(out.pitch).toBeCloseTo(pitch, 2);
      expect(out.roll).toBeCloseTo(roll, 2);
    },
  );

  it('refuses a short or degenerate matrix', () => {
    const out: HeadPose = { yaw: 1, pitch: 2, roll: 3 };
    expect(headPoseFromMatrix([1, 0, 0], out)).toBe(false);
    expect(headPoseFromMatrix(new Array<number>(16).fill(0), out)).toBe(false);
    expect(out).toEqual({ yaw: 1, pitch: 2, roll: 3 });
  });
});
