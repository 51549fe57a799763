import { describe, expect, it } from 'vitest';
import { emptyObservation, type FaceObservation } from '../../src/core/face-observation';
import { CameraHeightEstimator, classifyFraming, DEFAULT_CAMERA_HEIGHT, framingStats } from '../../src/core/framing';

function face(cx: number, cy: number, w: number, h: number, roll = 0): FaceObservation {
  return Object.assign(emptyObservation(), {
    faceFound: true,
    roll,
    boxLeft: cx - w / 2,
    boxRight: cx + w / 2,
    boxTop: cy - h / 2,
    boxBottom: cy + h / 2,
  });
}

describe('framing', () => {
  it.each([
    [0.5, 0.45, 0.25, 0.35],
    [0.3, 0.5, 0.2, 0.3],
    [0.7, 0.6, 0.4, 0.5],
  ])('measures centre (%f, %f) and width %f exactly', (cx, cy, w, h) => {
    const stats = framingStats(face(cx, cy, w, h))!;
    expect(stats.offsetX).toBeCloseTo(cx - 0.5, 9);
    expect(stats.offsetY).toBeCloseTo(cy - 0.5, 9);
    expect(stats.faceWidth).toBeCloseTo(w, 9);
  });

  it.each([
    ['good', face(0.5, 0.45, 0.28, 0.4)],
    ['cut-off', face(0.5, 0.55, 0.6, 0.95)],
    ['too-close', face(0.5, 0.5, 0.55, 0.7)],
    ['too-far', face(0.5, 0.4, 0.1, 0.14)],
    ['off-centre', face(0.75, 0.45, 0.25, 0.35)],
    ['no-headroom', face(0.5, 0.22, 0.25, 0.35)],
    ['too-much-headroom', face(0.5, 0.75, 0.2, 0.3)],
    ['tilted', face(0.5, 0.45, 0.28, 0.4, 20)],
  ])('%s (case %#)', (expected, observation) => {
    expect(classifyFraming(framingStats(observation)).kind).toBe(expected);
  });

  it('names the cut edges and the side of an off-centre face', () => {
    expect(classifyFraming(framingStats(face(0.1, 0.5, 0.3, 0.4)))).toEqual({ kind: 'cut-off', detail: 'left' });
    expect(classifyFraming(framingStats(face(0.25, 0.45, 0.22, 0.35)))).toEqual({ kind: 'off-centre', detail: 'left' });
  });

  it('is unknown without a face', () => {
    expect(classifyFraming(framingStats(emptyObservation()))).toEqual({ kind: 'unknown' });
  });
});

describe('camera height', () => {
  // MediaPipe's frontal pitch reads ~+11 deg; a low camera sees the face tipped up (less).
  const feed = (estimator: CameraHeightEstimator, pitch: number, n: number) => {
    for (let i = 0; i < n; i++) estimator.add(pitch + Math.sin(i) * 2);
  };

  it.each([
    [-8, 'low'],
    [0, 'low'],
    [11, 'level'],
    [16, 'level'],
    [24, 'high'],
  ] as const)('raw pitch %d deg -> %s', (pitch, height) => {
    const estimator = new CameraHeightEstimator();
    feed(estimator, pitch, 20);
    expect(estimator.height).toBe(height);
    expect(estimator.cameraPitchDeg!).toBeCloseTo(pitch - DEFAULT_CAMERA_HEIGHT.pitchBiasDeg, 0);
  });

  it('is unknown until enough frames, ignores NaN, and holds near a boundary (hysteresis)', () => {
    const estimator = new CameraHeightEstimator({ ...DEFAULT_CAMERA_HEIGHT, windowFrames: 10, minFrames: 5 });
    estimator.add(Number.NaN);
    feed(estimator, 11, 4);
    expect(estimator.height).toBe('unknown');
    expect(estimator.cameraPitchDeg).toBeNull();
    feed(estimator, 11, 10);
    expect(estimator.height).toBe('level');
    for (let i = 0; i < 10; i++) estimator.add(11 - 9); // 9 deg below level: just past 8, inside the margin
    expect(estimator.height).toBe('level');
    for (let i = 0; i < 10; i++) estimator.add(11 - 12);
    expect(estimator.height).toBe('low');
  });
});
